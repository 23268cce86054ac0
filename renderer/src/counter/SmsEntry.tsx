// The counter's entry of a citizen's phone number for text messages (#26), for the ticket being
// served or one just issued at the counter: typed by the officer, stored for today only, shown
// back masked.
import { useState } from 'react';
import { ApiError } from '../../../main/contract/client.ts';
import type { Lang } from '../api.ts';
import { texts } from '../common/text.ts';
import type { SmsSaved } from '../kiosk/SmsOptIn.tsx';
import { smsText } from '../kiosk/smsText.ts';

/** `known`: the line saying a number is already kept (masked), shown until one is saved here. */
export function SmsEntry(props: { lang: Lang; send: (phone: string) => Promise<SmsSaved>; known?: string | null }) {
  const t = texts(smsText, props.lang);
  const [typed, setTyped] = useState('');
  const [saved, setSaved] = useState<SmsSaved | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="sms-entry"
      data-testid="sms-entry"
      onSubmit={(e) => {
        e.preventDefault();
        setBusy(true);
        setError(null);
        props
          .send(typed)
          .then((answer) => {
            setSaved(answer);
            setTyped(''); // shown in full only while typed
          })
          .catch((err: unknown) => setError(err instanceof ApiError && err.code === 'PHONE_INVALID' ? t.invalid : t.failed))
          .finally(() => setBusy(false));
      }}
    >
      <label>
        {t.counterTitle}
        <input
          name="sms-phone"
          inputMode="tel"
          autoComplete="off"
          maxLength={16}
          value={typed}
          onChange={(e) => setTyped(e.target.value.replace(/[^\d +.-]/g, ''))}
        />
      </label>
      <button type="submit" disabled={busy || typed.trim() === ''}>
        {t.counterSave}
      </button>
      {saved && (
        <span className={saved.sendsNow ? 'sms-note' : 'sms-note ticket-warn'} data-testid="sms-saved">
          {saved.sendsNow ? t.counterSaved(saved.masked) : t.counterSavedLater(saved.masked)}
        </span>
      )}
      {!saved && props.known && (
        <span className="sms-note" data-testid="sms-known">
          {props.known}
        </span>
      )}
      {error && (
        <span className="error sms-note" data-testid="sms-error">
          {error}
        </span>
      )}
    </form>
  );
}
