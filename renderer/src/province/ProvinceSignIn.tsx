// The province's staff sign in with the province's accounts (not a center's). An account still on
// the published demo password, on a province others can reach, sets its own before the session is
// kept: the token is stored only once a first read succeeds.
import { useState, type FormEvent } from 'react';
import { errorCodeOf, errorText, type Lang } from '../api.ts';
import { texts } from '../common/text.ts';
import { ErrorNote } from '../common/ui.tsx';
import { papi, provinceToken } from './provinceApi.ts';
import { provinceText } from './provinceText.ts';

export function ProvinceSignIn({ lang, onDone }: { lang: Lang; onDone: () => void }) {
  const t = texts(provinceText, lang);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [next, setNext] = useState('');
  const [mustChange, setMustChange] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const keep = async (token: string) => {
    try {
      await papi('province:floor', {}, token);
    } catch (err) {
      if (errorCodeOf(err) !== 'PASSWORD_CHANGE_REQUIRED') throw err;
      setMustChange(true);
      return;
    }
    provinceToken.set(token);
    onDone();
  };
  const signIn = async () => keep((await papi('province:login', { username, password })).token);
  // A new password ends every session of the account: sign in again with it.
  const change = async () => {
    const { token } = await papi('province:login', { username, password });
    await papi('province:change-password', { currentPassword: password, newPassword: next }, token);
    await keep((await papi('province:login', { username, password: next })).token);
  };
  const submit = (e: FormEvent, action: () => Promise<void>) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    action()
      .catch((err: unknown) => setError(errorText(err, lang)))
      .finally(() => setBusy(false));
  };
  if (mustChange)
    return (
      <form className="card signin" onSubmit={(e) => submit(e, change)} data-testid="province-must-change">
        <h1>{t.changePassword}</h1>
        <p className="notice">{t.mustChangeExplain}</p>
        <label>
          {t.newPassword}
          <input
            name="newPassword"
            type="password"
            autoComplete="new-password"
            minLength={10}
            value={next}
            onChange={(e) => setNext(e.target.value)}
            autoFocus
            required
          />
        </label>
        <ErrorNote text={error} />
        <button type="submit" className="primary" disabled={busy || next.length < 10}>
          {t.changePassword}
        </button>
      </form>
    );
  return (
    <form className="card signin" onSubmit={(e) => submit(e, signIn)}>
      <h1>{t.signIn}</h1>
      <label>
        {t.username}
        <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} autoFocus required />
      </label>
      <label>
        {t.password}
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
        />
      </label>
      <ErrorNote text={error} />
      <button type="submit" className="primary" disabled={busy}>
        {t.signInButton}
      </button>
    </form>
  );
}
