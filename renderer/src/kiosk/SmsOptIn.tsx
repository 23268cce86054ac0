// The kiosk's text-message opt-in (#26): under the new ticket, one button and one sentence on what
// the number is for; touched, an on-screen keypad over the screen (a kiosk has no keyboard), the
// same in portrait and landscape. The number is sent once and only shown back masked.
import { useEffect, useState } from 'react';
import { ApiError } from '../../../main/contract/client.ts';
import type { Lang } from '../api.ts';
import { texts } from '../common/text.ts';
import { smsText } from './smsText.ts';

/** The hub's answer to a number left for texts: shown back masked; `sendsNow` false while the modem or gateway fails. */
export interface SmsSaved {
  masked: string;
  sendsNow: boolean;
}

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'erase', '0', 'send'] as const;

/**
 * A keypad untouched this long forgets the digits typed: the next citizen does not find them. Long
 * enough to read one's number off a phone between two keys.
 */
export const KEYPAD_FORGETS_MS = 15_000;

/** A Vietnamese mobile number as typed on the keypad: ten digits from 0 (03, 05, 07, 08, 09). */
const mobile = /^0[35789]\d{8}$/;

/** 0912 345 678, as the citizen reads it back while typing. */
function grouped(digits: string): string {
  return [digits.slice(0, 4), digits.slice(4, 7), digits.slice(7)].filter(Boolean).join(' ');
}

export function SmsOptIn(props: {
  lang: Lang;
  /** Sends the number for this ticket; resolves with it masked, and whether texts can go out now. */
  send: (phone: string) => Promise<SmsSaved>;
  /** The keypad is open: the ticket screen must not leave under the citizen's fingers. */
  onHold: (held: boolean) => void;
}) {
  const t = texts(smsText, props.lang);
  const [state, setState] = useState<
    { kind: 'offer' } | { kind: 'typing'; error: string | null; busy: boolean } | ({ kind: 'done' } & SmsSaved)
  >({ kind: 'offer' });
  const [digits, setDigits] = useState('');
  const { onHold } = props;
  const typing = state.kind === 'typing';
  useEffect(() => {
    onHold(typing);
    return () => onHold(false);
  }, [typing, onHold]);
  // A citizen who walks away mid-number: what was typed leaves the screen after a short while
  // without a touch on the keypad, before the kiosk's idle time takes the whole screen home (#26).
  const [touches, setTouches] = useState(0);
  const typedSome = typing && digits.length > 0;
  useEffect(() => {
    if (!typedSome) return;
    const timer = setTimeout(() => {
      setDigits('');
      setState((s) => (s.kind === 'typing' && !s.busy ? { ...s, error: null } : s));
    }, KEYPAD_FORGETS_MS);
    return () => clearTimeout(timer);
  }, [typedSome, touches]);

  if (state.kind === 'done') {
    return (
      <p className={state.sendsNow ? 'print-status ok' : 'ticket-warn'} data-testid="sms-done">
        {state.sendsNow ? t.willText(state.masked) : t.willTextLater(state.masked)}
      </p>
    );
  }
  if (state.kind === 'offer') {
    return (
      <div className="sms-offer" data-testid="sms-offer">
        <button
          type="button"
          className="toggle"
          data-testid="sms-open"
          onClick={() => setState({ kind: 'typing', error: null, busy: false })}
        >
          {t.offer}
        </button>
        <p className="muted">{t.purpose}</p>
      </div>
    );
  }
  const press = async (key: (typeof KEYS)[number]) => {
    // Typing again answers the last error: it leaves with the first key (#26).
    if (key === 'erase' || key !== 'send') setState({ kind: 'typing', error: null, busy: false });
    if (key === 'erase') return setDigits((d) => d.slice(0, -1));
    if (key !== 'send') return setDigits((d) => (d.length < 10 ? d + key : d));
    if (!mobile.test(digits)) return setState({ kind: 'typing', error: t.invalid, busy: false });
    setState({ kind: 'typing', error: null, busy: true });
    try {
      const saved = await props.send(digits);
      setDigits(''); // the full number leaves the screen as soon as it is stored
      setState({ kind: 'done', ...saved });
    } catch (err) {
      setState({ kind: 'typing', error: err instanceof ApiError && err.code === 'PHONE_INVALID' ? t.invalid : t.failed, busy: false });
    }
  };
  return (
    <div
      role="dialog"
      aria-modal="true"
      aria-label={t.typeNumber}
      data-testid="sms-keypad"
      className="sms-keypad"
      // A touch on the keypad is typing, not a touch on the ticket screen (which sends it home): it
      // stops here, but the kiosk's idle time hears it before, in the capture phase (#26).
      onPointerDown={(e) => {
        e.stopPropagation();
        setTouches((n) => n + 1);
      }}
    >
      <div className="sms-keypad-panel" data-testid="sms-keypad-panel">
        <h2>{t.typeNumber}</h2>
        <p className="muted">{t.purpose}</p>
        <output data-testid="sms-typed" className="sms-typed">
          {grouped(digits)}
        </output>
        {state.error && (
          <p className="ticket-warn" data-testid="sms-error">
            {state.error}
          </p>
        )}
        <div className="sms-keys">
          {KEYS.map((k) => (
            <button
              key={k}
              type="button"
              data-testid={`sms-key-${k}`}
              className={k === 'send' ? 'primary sms-key sms-word' : k === 'erase' ? 'toggle sms-key sms-word' : 'toggle sms-key'}
              disabled={state.busy}
              onClick={() => void press(k)}
            >
              {k === 'erase' ? t.erase : k === 'send' ? (state.busy ? t.sending : t.send) : k}
            </button>
          ))}
        </div>
        <button
          type="button"
          className="toggle sms-cancel"
          data-testid="sms-cancel"
          onClick={() => {
            setDigits('');
            setState({ kind: 'offer' });
          }}
        >
          {t.cancel}
        </button>
      </div>
    </div>
  );
}
