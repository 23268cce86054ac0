// The province console: every site's floor live, the period's ranking with a drill-down to one
// site, the sites with their join codes and levels, the field catalogue, staff accounts and the
// report's heading. Its plumbing (token, snapshot, live socket, signing out) is the screens' shared one.
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
        {TABS.map((id) => (
          <button
            key={id}
            type="button"
            className={tab === id ? 'active' : ''}
            aria-current={tab === id ? 'page' : undefined}
            data-testid={`ptab-${id}`}
            onClick={() => setTab(id)}
          >
            {tabName[id]}
          </button>
        ))}
      </nav>
      <ErrorNote text={screen.error} />
      {tab === 'live' && floor && <LiveTable floor={floor} lang={lang} />}
      {tab === 'reports' && <ReportsView token={token} lang={lang} failure={failure} />}
      {tab === 'sites' && floor && <SitesView token={token} lang={lang} sites={floor.sites} reload={screen.reload} failure={failure} />}
      {tab === 'catalogue' && floor && <CatalogueEditor token={token} lang={lang} sites={floor.sites} failure={failure} />}
      {tab === 'accounts' && <AccountsView token={token} lang={lang} failure={failure} />}
      {tab === 'settings' && <ReportSettingsView token={token} lang={lang} failure={failure} onSaved={setHeading} />}
    </div>
  );
}
