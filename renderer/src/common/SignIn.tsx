import { useState, type FormEvent } from 'react';
import { api, errorText, tokens, type Lang, type TokenScope } from '../api.ts';
import { ErrorNote, tr } from './ui.tsx';

/** A form's submit: one at a time, its error shown in the screen's language. */
function useSubmit(lang: Lang): { busy: boolean; error: string | null; submit: (e: FormEvent, action: () => Promise<void>) => Promise<void> } {
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
      setError(errorText(err, lang));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, submit };
}

/** Staff sign-in for the counter and manager screens. */
export function SignIn({ scope, lang, title, onDone }: { scope: TokenScope; lang: Lang; title: string; onDone: () => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, submit } = useSubmit(lang);
  const signIn = async () => {
    const { token } = await api('auth:login', { username, password });
    tokens.set(scope, token);
    onDone();
  };
  return (
    <form className="card signin" onSubmit={(e) => void submit(e, signIn)}>
      <h1>{title}</h1>
      <label>
        {tr(lang, 'Tên đăng nhập', 'Username')}
        <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} autoFocus required />
      </label>
      <label>
        {tr(lang, 'Mật khẩu', 'Password')}
        <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
      </label>
      <ErrorNote text={error} />
      <button type="submit" className="primary" disabled={busy}>{tr(lang, 'Đăng nhập', 'Sign in')}</button>
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
      <h1>{tr(lang, `Ghép nối ${kindName}`, `Pair this ${kindName}`)}</h1>
      <p>{tr(lang, 'Nhập mã ghép nối do cán bộ quản lý tạo trong mục Thiết bị.', 'Enter the pairing code a manager created under Devices.')}</p>
      <label>
        {tr(lang, 'Mã ghép nối', 'Pairing code')}
        <input name="code" value={code} onChange={(e) => setCode(e.target.value)} autoFocus required autoCapitalize="characters" spellCheck={false} />
      </label>
      <ErrorNote text={error} />
      <button type="submit" className="primary" disabled={busy}>{tr(lang, 'Ghép nối', 'Pair')}</button>
    </form>
  );
}
