// A new password: every session of the account ends, so it signs in again. Replacing the demo
// password from another machine, on a province others reach, asks for the code the server printed.
import { useState } from 'react';
import { errorCodeOf, errorText, type Lang } from '../api.ts';
import { Dialog } from '../common/Dialog.tsx';
import { texts } from '../common/text.ts';
import { ErrorNote } from '../common/ui.tsx';
import { papi } from './provinceApi.ts';
import { CodeField } from './ProvinceSignIn.tsx';
import { provinceText } from './provinceText.ts';

export function PasswordDialog(props: { token: string; lang: Lang; onClose: () => void; onChanged: () => void }) {
  const { token, lang, onClose, onChanged } = props;
  const t = texts(provinceText, lang);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [code, setCode] = useState('');
  const [codeAsked, setCodeAsked] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <Dialog title={t.changePassword} testId="password-dialog" onClose={onClose}>
      <form
        className="form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          // A wrong current password is said here, not taken for a lost session.
          papi('province:change-password', { currentPassword: current, newPassword: next, setupCode: code.trim() }, token).then(
            onChanged,
            (err: unknown) => {
              if (errorCodeOf(err) === 'SETUP_CODE_INVALID') setCodeAsked(true);
              setError(errorText(err, lang));
            },
          );
        }}
      >
        <label>
          {t.currentPassword}
          <input type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} />
        </label>
        <label>
          {t.newPassword}
          <input type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} />
        </label>
        {codeAsked && (
          <>
            <p className="muted">{t.setupCodeNeeded}</p>
            <CodeField label={t.setupCode} value={code} onChange={setCode} />
          </>
        )}
        <ErrorNote text={error} />
        <div className="row">
          <button type="submit" className="primary" disabled={next.length < 10}>
            {t.changePassword}
          </button>
          <button type="button" onClick={onClose}>
            {t.back}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
