// The province console: every site's floor live, the period's ranking with a drill-down to one
// site, the sites with their join codes and levels, the field catalogue, staff accounts and the
// report's heading. Its plumbing (token, snapshot, live socket, signing out) is the screens' shared one.
// A viewer sees what a viewer may do: the figures, and the sites, catalogue and settings read only.
import { useEffect, useState } from 'react';
import type { ProvinceReportSettings } from '../../../main/contract/index.ts';
import { texts } from '../common/text.ts';
import { ConnectionBanner, ErrorNote, LangToggle, useLang } from '../common/ui.tsx';
import { AccountsView } from './AccountsView.tsx';
import { CatalogueEditor } from './CatalogueEditor.tsx';
import { LiveTable } from './LiveTable.tsx';
import { PasswordDialog } from './PasswordDialog.tsx';
import { papi } from './provinceApi.ts';
import { provinceText } from './provinceText.ts';
import { ProvinceSignIn } from './ProvinceSignIn.tsx';
import { ReportSettingsView } from './ReportSettingsView.tsx';
import { ReportsView } from './ReportsView.tsx';
import { SitesView } from './SitesView.tsx';
import { useProvinceScreen } from './useProvinceScreen.ts';
import './province.css';

const TABS = ['live', 'reports', 'sites', 'catalogue', 'accounts', 'settings'] as const;
type Tab = (typeof TABS)[number];
/** Until the floor says the account is an admin, only what every account may read. */
const VIEWER_TABS: readonly Tab[] = ['live', 'reports', 'sites', 'catalogue', 'settings'];

export function ProvinceConsole() {
  const [lang, setLang] = useLang('province');
  const t = texts(provinceText, lang);
  const screen = useProvinceScreen(lang);
  const [tab, setTab] = useState<Tab>('live');
  const [changing, setChanging] = useState(false);
  const { token, snapshot: floor, failure } = screen;
  // The heading names the province once its settings do (the report's heading says the same).
  const [heading, setHeading] = useState<ProvinceReportSettings | null>(null);
  useEffect(() => {
    if (token) papi('province:settings', {}, token).then(setHeading, () => undefined);
  }, [token]);
  if (!token)
    return (
      <div className="console">
        <ProvinceSignIn lang={lang} onDone={screen.signedIn} />
      </div>
    );
  const readOnly = floor?.role !== 'province-admin';
  const tabs = readOnly ? VIEWER_TABS : TABS;
  const shown: Tab = tabs.includes(tab) ? tab : 'live';
  const tabName: Record<Tab, string> = {
    live: t.live,
    reports: t.reports,
    sites: t.sites,
    catalogue: t.catalogueTab,
    accounts: t.accounts,
    settings: t.settings,
  };
  return (
    <div className="console manager province">
      <header className="console-head">
        <h1>{heading?.provinceName ? t.titleOf(heading.provinceName) : t.title}</h1>
        <LangToggle lang={lang} setLang={setLang} />
        <button type="button" onClick={() => setChanging(true)}>
          {t.changePassword}
        </button>
        <button type="button" onClick={screen.signOut}>
          {t.signOut}
        </button>
      </header>
      <ConnectionBanner state={screen.live} lang={lang} />
      {changing && <PasswordDialog token={token} lang={lang} onClose={() => setChanging(false)} onChanged={screen.signOut} />}
      <nav className="tabs" aria-label={t.consoleTabs}>
        {tabs.map((id) => (
          <button
            key={id}
            type="button"
            className={shown === id ? 'active' : ''}
            aria-current={shown === id ? 'page' : undefined}
            data-testid={`ptab-${id}`}
            onClick={() => setTab(id)}
          >
            {tabName[id]}
          </button>
        ))}
      </nav>
      <ErrorNote text={screen.error} />
      {floor && readOnly && (
        <p className="muted" data-testid="read-only-note">
          {t.readOnly}
        </p>
      )}
      {shown === 'live' && floor && <LiveTable floor={floor} lang={lang} />}
      {shown === 'reports' && <ReportsView token={token} lang={lang} failure={failure} />}
      {shown === 'sites' && floor && (
        <SitesView token={token} lang={lang} sites={floor.sites} reload={screen.reload} failure={failure} readOnly={readOnly} />
      )}
      {shown === 'catalogue' && floor && (
        <CatalogueEditor token={token} lang={lang} sites={floor.sites} failure={failure} readOnly={readOnly} />
      )}
      {shown === 'accounts' && !readOnly && <AccountsView token={token} lang={lang} failure={failure} />}
      {shown === 'settings' && <ReportSettingsView token={token} lang={lang} failure={failure} onSaved={setHeading} readOnly={readOnly} />}
    </div>
  );
}
