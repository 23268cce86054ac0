import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { api, errorText, tokens, type Lang, type TokenScope } from '../api.ts';
import { ErrorNote } from './ui.tsx';
import { commonText } from './commonText.ts';

/** A mistake the form itself found, already said in the screen's language. */
class FormProblem extends Error {}

/** A form's submit: one at a time, its error shown in the screen's language. */
export function useSubmit(lang: Lang): {
  busy: boolean;
  error: string | null;
  submit: (e: FormEvent, action: () => Promise<void>) => Promise<void>;
} {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent, action: () => Promise<void>) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      // A check made here (new password) speaks for itself; anything from the hub by its code.
      setError(err instanceof FormProblem ? err.message : errorText(err, lang));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, submit };
}

/**
 * Staff sign-in for the counter and manager screens. An empty installation shows its first-run
 * setup instead; a published demo password on a hub the LAN can reach must be changed before the
 * session is kept (its token is stored only once the new password is set).
 */
export function SignIn({ scope, lang, title, onDone }: { scope: TokenScope; lang: Lang; title: string; onDone: () => void }) {
  const credentials = useCredentials();
  const { username, password } = credentials;
  const [setupNeeded, setSetupNeeded] = useState(false);
  const [mustChange, setMustChange] = useState<string | null>(null);
  const sending = useSubmit(lang);
  useEffect(() => {
    let live = true;
    api('setup:status', {}).then(
      (s) => {
        if (live) setSetupNeeded(s.needed);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  const done = (token: string) => {
    tokens.set(scope, token);
    onDone();
  };
  const signIn = async () => {
    const { token, me } = await api('auth:login', { username, password });
    if (me.kind === 'staff' && me.mustChangePassword) setMustChange(token);
    else done(token);
  };
  if (setupNeeded) return <FirstRunSetup lang={lang} onDone={done} />;
  if (mustChange) return <ChangePassword lang={lang} token={mustChange} currentPassword={password} onDone={() => done(mustChange)} />;
  return <SignInForm lang={lang} title={title} credentials={credentials} sending={sending} action={signIn} />;
}

/** What the sign-in form holds, kept by its screen: a forced password change needs them again. */
export interface Credentials {
  username: string;
  password: string;
  setUsername: (v: string) => void;
  setPassword: (v: string) => void;
}

export function useCredentials(): Credentials {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  return { username, password, setUsername, setPassword };
}

/** The sign-in form of the hub's screens and the province's console: its fields, error line and button. */
export function SignInForm({
  lang,
  title,
  credentials: c,
  sending,
  action,
}: {
  lang: Lang;
  title: string;
  credentials: Credentials;
  sending: ReturnType<typeof useSubmit>;
  action: () => Promise<void>;
}) {
  return (
    <form className="card signin" onSubmit={(e) => void sending.submit(e, action)}>
      <h1>{title}</h1>
      <label>
        {commonText.username[lang]}
        <input
          name="username"
          autoComplete="username"
          value={c.username}
          onChange={(e) => c.setUsername(e.target.value)}
          autoFocus
          required
        />
      </label>
      <label>
        {commonText.password[lang]}
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          value={c.password}
          onChange={(e) => c.setPassword(e.target.value)}
          required
        />
      </label>
      <ErrorNote text={sending.error} />
      <button type="submit" className="primary" disabled={sending.busy}>
        {commonText.signIn[lang]}
      </button>
    </form>
  );
}

/** New password twice, checked here for the obvious mistakes before the hub checks the rest. */
function useNewPassword(lang: Lang): { fields: ReactNode; check: () => string } {
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const fields = (
    <>
      <label>
        {commonText.newPassword8CharactersOr[lang]}
        <input
          name="newPassword"
          type="password"
          autoComplete="new-password"
          minLength={8}
          value={next}
          onChange={(e) => setNext(e.target.value)}
          required
        />
      </label>
      <label>
        {commonText.newPasswordAgain[lang]}
        <input
          name="newPasswordAgain"
          type="password"
          autoComplete="new-password"
          value={again}
          onChange={(e) => setAgain(e.target.value)}
          required
        />
      </label>
    </>
  );
  const check = () => {
    if (next.length < 8) throw new FormProblem(commonText.theNewPasswordNeedsAt[lang]);
    if (next !== again) throw new FormProblem(commonText.theTwoNewPasswordsDiffer[lang]);
    return next;
  };
  return { fields, check };
}

function ChangePassword({
  lang,
  token,
  currentPassword,
  onDone,
}: {
  lang: Lang;
  token: string;
  currentPassword: string;
  onDone: () => void;
}) {
  const { busy, error, submit } = useSubmit(lang);
  const pw = useNewPassword(lang);
  const [code, setCode] = useState('');
  const change = async () => {
    await api('auth:change-password', { currentPassword, newPassword: pw.check(), setupCode: code.trim() }, token);
    onDone();
  };
  return (
    <form className="card signin" onSubmit={(e) => void submit(e, change)}>
      <h1>{commonText.changeYourPassword[lang]}</h1>
      <p className="notice">{commonText.thisAccountUsesAPublished[lang]}</p>
      <CodeField
        label={commonText.setupCode[lang]}
        name="setupCode"
        value={code}
        onChange={setCode}
        placeholder="XXXX-XXXX-XXXX"
        optional
      />
      {pw.fields}
      <ErrorNote text={error} />
      <button type="submit" className="primary" disabled={busy}>
        {commonText.changePasswordAndContinue[lang]}
      </button>
    </form>
  );
}

function FirstRunSetup({ lang, onDone }: { lang: Lang; onDone: (token: string) => void }) {
  const [code, setCode] = useState('');
  const [fullName, setFullName] = useState('');
  const [username, setUsername] = useState('');
  const { busy, error, submit } = useSubmit(lang);
  const pw = useNewPassword(lang);
  const [admin, setAdmin] = useState<string | null>(null);
  const setUp = async () => {
    const { token } = await api('setup:complete', { code: code.trim().toUpperCase(), fullName, username, password: pw.check() });
    setAdmin(token);
  };
  if (admin) return <PhoneAddressStep lang={lang} token={admin} onDone={() => onDone(admin)} />;
  return (
    <form className="card signin" onSubmit={(e) => void submit(e, setUp)}>
      <h1>{commonText.firstRunSetup[lang]}</h1>
      <p>{commonText.thereAreNoAccountsYet[lang]}</p>
      <CodeField label={commonText.setupCode[lang]} name="setupCode" value={code} onChange={setCode} placeholder="XXXX-XXXX-XXXX" />
      <label>
        {commonText.fullName[lang]}
        <input name="fullName" autoComplete="name" value={fullName} onChange={(e) => setFullName(e.target.value)} required />
      </label>
      <label>
        {commonText.username[lang]}
        <input
          name="username"
          autoComplete="username"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          required
          pattern="[A-Za-z0-9._\-]{3,32}"
        />
      </label>
      {pw.fields}
      <ErrorNote text={error} />
      <button type="submit" className="primary" disabled={busy}>
        {commonText.createTheAdminAccount[lang]}
      </button>
    </form>
  );
}

/**
 * After the first admin: the hub offers its own LAN addresses for the ticket's phone link. The
 * manager chooses one or leaves it for later; the hub never picks one by itself.
 */
function PhoneAddressStep({ lang, token, onDone }: { lang: Lang; token: string; onDone: () => void }) {
  const [offer, setOffer] = useState<{ candidates: string[]; loopbackOnly: boolean } | null>(null);
  const [chosen, setChosen] = useState('');
  const { busy, error, submit } = useSubmit(lang);
  const done = useRef(onDone);
  done.current = onDone;
  useEffect(() => {
    api('settings:phone-addresses', {}, token).then(
      (o) => {
        if (o.candidates.length === 0) return done.current(); // nothing to offer (Settings says why)
        setOffer(o);
        const [only, ...others] = o.candidates;
        if (only !== undefined && others.length === 0) setChosen(only);
      },
      () => done.current(), // nothing to offer: the address can be set in Settings
    );
  }, [token]);
  const use = async () => {
    const settings = await api('settings:get', {}, token);
    await api('settings:update', { ...settings, phoneBaseUrl: chosen }, token);
    onDone();
  };
  if (!offer) return null;
  return (
    <form className="card signin" onSubmit={(e) => void submit(e, use)} data-testid="phone-address-step">
      <h1>{commonText.phoneAddressTitle[lang]}</h1>
      <p>{commonText.phoneAddressExplain[lang]}</p>
      {offer.candidates.map((url) => (
        <label className="check" key={url}>
          <input type="radio" name="phoneBaseUrl" value={url} checked={chosen === url} onChange={() => setChosen(url)} />
          <code>{url}</code>
        </label>
      ))}
      <ErrorNote text={error} />
      <div className="row">
        <button type="submit" className="primary" disabled={busy || chosen === ''}>
          {commonText.usePhoneAddress[lang]}
        </button>
        <button type="button" onClick={onDone}>
          {commonText.phoneAddressLater[lang]}
        </button>
      </div>
    </form>
  );
}

/** A device (kiosk, display, rating screen) pairs once with a code a manager created. */
export function Pairing({ scope, lang, kindName, onDone }: { scope: TokenScope; lang: Lang; kindName: string; onDone: () => void }) {
  const [code, setCode] = useState('');
  const { busy, error, submit } = useSubmit(lang);
  const pair = async () => {
    const { token } = await api('device:pair', { code: code.trim().toUpperCase() });
    tokens.set(scope, token);
    onDone();
  };
  return (
    <form className="card signin" onSubmit={(e) => void submit(e, pair)}>
      <h1>{commonText.pairThis[lang](kindName)}</h1>
      <p>{commonText.enterThePairingCodeA[lang]}</p>
      <CodeField label={commonText.pairingCode[lang]} name="code" value={code} onChange={setCode} />
      <ErrorNote text={error} />
      <button type="submit" className="primary" disabled={busy}>
        {commonText.pair[lang]}
      </button>
    </form>
  );
}

/** A one-time code typed from a screen or a printout: upper case, no spelling help. */
function CodeField(props: {
  label: string;
  name: string;
  value: string;
  onChange: (v: string) => void;
  placeholder?: string;
  /** Not needed everywhere (the setup code beside a demo password, on the server PC itself). */
  optional?: boolean;
}) {
  return (
    <label>
      {props.label}
      <input
        name={props.name}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        autoFocus
        required={!props.optional}
        autoCapitalize="characters"
        spellCheck={false}
        placeholder={props.placeholder}
      />
    </label>
  );
}
