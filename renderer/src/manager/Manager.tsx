// The manager's console: the live floor, the center's configuration and the statistics.
import { useState } from 'react';
import type { CenterInfo, Device, Floor, Me } from '../../../main/contract/index.ts';
import { api } from '../api.ts';
import { applyToFloor } from '../common/floor.ts';
import { withPrinterStatus } from '../common/printerStatus.ts';
import { useHubScreen } from '../common/useHubScreen.ts';
import { SignIn } from '../common/SignIn.tsx';
import { ConnectionBanner, ErrorNote, LangToggle, useLang } from '../common/ui.tsx';
import { FloorView } from './FloorView.tsx';
import { NextSteps } from './NextSteps.tsx';
import { FieldsView, CountersView, StaffView } from './ConfigViews.tsx';
import { DevicesView } from './DevicesView.tsx';
import { AppointmentsView } from './AppointmentsView.tsx';
import { AuditView } from './AuditView.tsx';
import { SettingsView } from './SettingsView.tsx';
import { StatsView } from './StatsView.tsx';
import { VoiceRecording } from './VoiceRecording.tsx';
import { voiceText } from './voiceText.ts';
import { managerTabs, managerText } from './managerText.ts';
import { floorText } from './floorText.ts';
import { useDiskAlert, withDiskAlert } from './useDiskAlert.ts';
import { keysOf } from '../common/choice.ts';

const tabs = [...keysOf(managerTabs), 'voice' as const];
type Tab = (typeof tabs)[number];

interface ManagerSnapshot {
  me: Me;
  center: CenterInfo;
  floor: Floor;
  /** For the floor's printers: their status follows printer:status-changed events. */
  devices: Device[];
}

export function Manager() {
  const [lang, setLang] = useLang('manager');
  const [tab, setTab] = useState<Tab>(() => tabs.find((t) => location.pathname.endsWith(`/${t}`)) ?? 'floor');
  const hub = useHubScreen<ManagerSnapshot>({
    scope: 'manager',
    lang,
    identity: 'staff',
    load: async (token) => {
      const [me, center, floor, devices] = await Promise.all([
        api('auth:me', {}, token),
        api('center:get', {}, token),
        api('floor:get', {}, token),
        api('devices:list', {}, token),
      ]);
      return { me, center, floor, devices };
    },
    head: (s) => s.floor.head,
    topics: () => [{ kind: 'manager' }],
    // Configuration, staff and backups change what the console shows beyond the floor: those reload.
    apply: (s, events) => {
      const floor = applyToFloor(s.floor, events);
      return floor && { ...s, floor, devices: s.devices.map((d) => withPrinterStatus(d, events)) };
    },
  });
  const { token, snapshot } = hub;
  const me = snapshot?.me ?? null;
  const center = snapshot?.center ?? null;
  const diskAlert = useDiskAlert(token);
  const floor = withDiskAlert(snapshot?.floor ?? null, diskAlert);

  /** Opens a tab; `section` a part of it (settings: `#settings-hours`), scrolled into view there. */
  const choose = (t: Tab, section?: string) => {
    setTab(t);
    history.replaceState(null, '', `/manager/${t}${section ? `#${t}-${section}` : ''}`);
  };

  if (!token) {
    return (
      <div className="console">
        <SignIn scope="manager" lang={lang} title={managerText.managerSignIn[lang]} onDone={hub.signedIn} />
      </div>
    );
  }
  if (me && me.kind === 'staff' && me.staff.role === 'officer') {
    return (
      <div className="console">
        <p className="notice">{managerText.officerAccountsCannotUseThe[lang]}</p>
        <button type="button" onClick={hub.signOut}>
          {managerText.signInAsSomeoneElse[lang]}
        </button>
      </div>
    );
  }
  const isAdmin = me?.kind === 'staff' && me.staff.role === 'admin';
  const ctx = { token, lang, center, floor, reload: hub.reload, isAdmin };

  return (
    <div className="console manager">
      <header className="console-head">
        <h1>{(lang === 'en' ? center?.centerNameEn || center?.centerName : center?.centerName) ?? 'motcua'}</h1>
        <span>{me?.kind === 'staff' ? me.staff.fullName : ''}</span>
        {floor && floor.alerts.length > 0 && (
          <button type="button" className="alert-badge" data-testid="alert-badge" onClick={() => choose('floor')}>
            ⚠ {floorText.alertCount[lang](floor.alerts.length)}
          </button>
        )}
        <LangToggle lang={lang} setLang={setLang} />
        <button
          type="button"
          onClick={() => {
            void api('auth:logout', {}, token).catch(() => undefined);
            hub.signOut();
          }}
        >
          {managerText.signOut[lang]}
        </button>
      </header>
      <nav className="tabs">
        {tabs.map((id) => (
          <button key={id} type="button" className={tab === id ? 'active' : ''} data-testid={`tab-${id}`} onClick={() => choose(id)}>
            {id === 'voice' ? voiceText.tab[lang] : managerTabs[id][lang]}
          </button>
        ))}
      </nav>
      <ConnectionBanner state={hub.live} lang={lang} />
      <ErrorNote text={hub.error} />
      {tab === 'floor' && (
        <NextSteps token={token} lang={lang} center={center} devices={snapshot?.devices ?? []} go={(p) => choose(p.tab, p.section)} />
      )}
      {tab === 'floor' && floor && center && (
        <FloorView floor={floor} center={center} devices={snapshot?.devices ?? []} lang={lang} token={token} />
      )}
      {tab === 'fields' && <FieldsView {...ctx} />}
      {tab === 'counters' && <CountersView {...ctx} />}
      {tab === 'staff' && <StaffView {...ctx} />}
      {tab === 'appointments' && <AppointmentsView {...ctx} head={floor?.head ?? null} />}
      {tab === 'devices' && <DevicesView {...ctx} />}
      {tab === 'settings' && <SettingsView {...ctx} />}
      {tab === 'stats' && <StatsView {...ctx} head={floor?.head ?? null} />}
      {tab === 'audit' && <AuditView {...ctx} />}
      {tab === 'voice' && <VoiceRecording {...ctx} />}
    </div>
  );
}

export interface ManagerContext {
  token: string;
  lang: 'vi' | 'en';
  center: CenterInfo | null;
  /** The live floor: what is in use now (waiting lines, open counters), for confirmations. */
  floor: Floor | null;
  reload: () => Promise<void>;
  isAdmin: boolean;
}
