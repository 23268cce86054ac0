// The province's staff sign in with the province's accounts (not a center's). A province started
// without the demo account shows its first-run setup instead, guarded by the setup code the server
// printed. An account still on the published demo password, on a province others can reach, sets
// its own before the session is kept (from another machine, with the code the server printed):
// the token is stored only once a first read succeeds.
import { useEffect, useState } from 'react';
import { errorCodeOf, type Lang } from '../api.ts';
import { texts } from '../common/text.ts';
import { ErrorNote } from '../common/ui.tsx';
import { SignInForm, useCredentials, useSubmit } from '../common/SignIn.tsx';
import { papi, provinceToken } from './provinceApi.ts';
import { provinceText } from './provinceText.ts';

export function ProvinceSignIn({ lang, onDone }: { lang: Lang; onDone: () => void }) {
  const t = texts(provinceText, lang);
  const credentials = useCredentials();
  const { username, setUsername, password } = credentials;
  const [fullName, setFullName] = useState('');
  const [next, setNext] = useState('');
  const [code, setCode] = useState('');
  const [mustChange, setMustChange] = useState(false);
  const [setupNeeded, setSetupNeeded] = useState(false);
  const sending = useSubmit(lang);
  const { busy, error, submit } = sending;
  useEffect(() => {
    let live = true;
    papi('province:setup-status', {}).then(
      (s) => {
        if (live) setSetupNeeded(s.needed);
      },
      () => undefined, // the sign-in form stays; signing in says what is wrong
    );
    return () => {
      live = false;
    };
  }, []);
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
    await papi('province:change-password', { currentPassword: password, newPassword: next, setupCode: code.trim() }, token);
    await keep((await papi('province:login', { username, password: next })).token);
  };
  const setUp = async () => {
    const { token } = await papi('province:setup', { code: code.trim(), username, fullName, password: next });
    setSetupNeeded(false);
    await keep(token);
  };
  const newPassword = (
    <label>
      {t.newPassword}
      <input
        name="newPassword"
        type="password"
        autoComplete="new-password"
        minLength={10}
        value={next}
        onChange={(e) => setNext(e.target.value)}
        required
      />
    </label>
  );
  if (setupNeeded)
    return (
      <form className="card signin" onSubmit={(e) => void submit(e, setUp)} data-testid="province-setup">
        <h1>{t.firstRunSetup}</h1>
        <p>{t.firstRunExplain}</p>
        <CodeField label={t.setupCode} value={code} onChange={setCode} />
        <label>
          {t.fullName}
          <input name="fullName" autoComplete="name" value={fullName} onChange={(e) => setFullName(e.target.value)} required />
        </label>
        <label>
          {t.username}
          <input
            name="username"
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            required
            pattern="[A-Za-z0-9._\-]{3,32}"
          />
        </label>
        {newPassword}
        <ErrorNote text={error} />
        <button type="submit" className="primary" disabled={busy || next.length < 10}>
          {t.createAdmin}
        </button>
      </form>
    );
  if (mustChange)
    return (
      <form className="card signin" onSubmit={(e) => void submit(e, change)} data-testid="province-must-change">
        <h1>{t.changePassword}</h1>
        <p className="notice">{t.mustChangeExplain}</p>
        <p className="muted">{t.setupCodeOnServer}</p>
        <CodeField label={t.setupCode} value={code} onChange={setCode} optional />
        {newPassword}
        <ErrorNote text={error} />
        <button type="submit" className="primary" disabled={busy || next.length < 10}>
          {t.changePassword}
        </button>
      </form>
    );
  return <SignInForm lang={lang} title={t.signIn} credentials={credentials} sending={sending} action={signIn} />;
}

/** The one-time code the server printed, typed from its console: upper case, no spelling help. */
export function CodeField(props: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  /** Not needed on the server PC itself (the demo password's replacement there). */
  optional?: boolean;
}) {
  return (
    <label>
      {props.label}
      <input
        name="setupCode"
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        autoFocus
        required={!props.optional}
        autoCapitalize="characters"
        autoComplete="off"
        spellCheck={false}
        placeholder="XXXX-XXXX-XXXX"
      />
    </label>
  );
}
