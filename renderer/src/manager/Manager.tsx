// The manager's console: the live floor, the center's configuration and the statistics.
import { useCallback, useEffect, useState } from 'react';
import type { CenterInfo, Floor, Me } from '../../../main/contract/index.ts';
import { api, errorCodeOf, errorText, tokens } from '../api.ts';
import { useCoalesced, useLive } from '../live.ts';
import { SignIn } from '../common/SignIn.tsx';
import { ConnectionBanner, ErrorNote, LangToggle, tr, useLang } from '../common/ui.tsx';
import { FloorView } from './FloorView.tsx';
import { FieldsView, CountersView, StaffView } from './ConfigViews.tsx';
import { DevicesView } from './DevicesView.tsx';
import { SettingsView } from './SettingsView.tsx';
import { StatsView } from './StatsView.tsx';

const tabs = [
  ['floor', 'Toàn cảnh', 'Live floor'],
  ['fields', 'Lĩnh vực', 'Fields'],
  ['counters', 'Quầy', 'Counters'],
  ['staff', 'Cán bộ', 'Staff'],
  ['devices', 'Thiết bị', 'Devices'],
  ['settings', 'Cài đặt', 'Settings'],
  ['stats', 'Thống kê', 'Statistics'],
] as const;
type Tab = (typeof tabs)[number][0];

export function Manager() {
  const [token, setToken] = useState(() => tokens.get('manager'));
  const [lang, setLang] = useLang('manager');
  const [tab, setTab] = useState<Tab>(() => tabs.find((t) => location.pathname.endsWith(`/${t[0]}`))?.[0] ?? 'floor');
  const [me, setMe] = useState<Me | null>(null);
  const [center, setCenter] = useState<CenterInfo | null>(null);
  const [floor, setFloor] = useState<Floor | null>(null);
  const [error, setError] = useState<string | null>(null);

  const signedOut = useCallback((err: unknown) => {
    if (errorCodeOf(err) !== 'UNAUTHENTICATED' && errorCodeOf(err) !== 'PASSWORD_CHANGE_REQUIRED') return false;
    tokens.set('manager', null);
    setToken(null);
    return true;
  }, []);

  const load = useCallback(async () => {
    if (!token) return;
    try {
      const [m, c, f] = await Promise.all([api('auth:me', {}, token), api('center:get', {}, token), api('floor:get', {}, token)]);
      setMe(m);
      setCenter(c);
      setFloor(f);
      setError(null);
    } catch (err) {
      if (!signedOut(err)) setError(errorText(err, lang));
    }
  }, [token, lang, signedOut]);
  useEffect(() => {
    void load();
  }, [load]);
  const refresh = useCoalesced(() => void load(), 150);
  const live = useLive({ token, topics: [{ kind: 'manager' }], since: floor?.head ?? null, onEvents: refresh, onReset: refresh });

  const choose = (t: Tab) => {
    setTab(t);
    history.replaceState(null, '', `/manager/${t}`);
  };

  if (!token) {
    return (
      <div className="console">
        <SignIn
          scope="manager"
          lang={lang}
          title={tr(lang, 'Đăng nhập quản lý', 'Manager sign-in')}
          onDone={() => setToken(tokens.get('manager'))}
        />
      </div>
    );
  }
  if (me && me.kind === 'staff' && me.staff.role === 'officer') {
    return (
      <div className="console">
        <p className="notice">
          {tr(lang, 'Tài khoản cán bộ không dùng được màn hình quản lý.', 'Officer accounts cannot use the manager console.')}
        </p>
        <button
          type="button"
          onClick={() => {
            tokens.set('manager', null);
            setToken(null);
          }}
        >
          {tr(lang, 'Đăng nhập tài khoản khác', 'Sign in as someone else')}
        </button>
      </div>
    );
  }
  const isAdmin = me?.kind === 'staff' && me.staff.role === 'admin';
  const ctx = { token, lang, center, reload: load, isAdmin };

  return (
    <div className="console manager">
      <header className="console-head">
        <h1>{center?.centerName ?? 'motcua'}</h1>
        <span>{me?.kind === 'staff' ? me.staff.fullName : ''}</span>
        <LangToggle lang={lang} setLang={setLang} />
        <button
          type="button"
          onClick={() => {
            void api('auth:logout', {}, token).catch(() => undefined);
            tokens.set('manager', null);
            setToken(null);
          }}
        >
          {tr(lang, 'Đăng xuất', 'Sign out')}
        </button>
      </header>
      <nav className="tabs">
        {tabs.map(([id, vi, en]) => (
          <button key={id} type="button" className={tab === id ? 'active' : ''} data-testid={`tab-${id}`} onClick={() => choose(id)}>
            {tr(lang, vi, en)}
          </button>
        ))}
      </nav>
      <ConnectionBanner state={live} lang={lang} />
      <ErrorNote text={error} />
      {tab === 'floor' && floor && center && <FloorView floor={floor} center={center} lang={lang} />}
      {tab === 'fields' && <FieldsView {...ctx} />}
      {tab === 'counters' && <CountersView {...ctx} />}
      {tab === 'staff' && <StaffView {...ctx} />}
      {tab === 'devices' && <DevicesView {...ctx} />}
      {tab === 'settings' && <SettingsView {...ctx} />}
      {tab === 'stats' && <StatsView {...ctx} head={floor?.head ?? null} />}
    </div>
  );
}

export interface ManagerContext {
  token: string;
  lang: 'vi' | 'en';
  center: CenterInfo | null;
  reload: () => Promise<void>;
  isAdmin: boolean;
}
