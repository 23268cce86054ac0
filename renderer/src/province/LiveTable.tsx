// Every site's floor as it is now: the alerts first, then one row per site, each replaced live.
import { siteLevelText, type ProvinceAlert, type ProvinceFloor, type SiteLive } from '../../../main/contract/index.ts';
import type { Lang } from '../api.ts';
import { int, pct } from '../common/format.ts';
import { durationWords, texts } from '../common/text.ts';
import { useNow } from '../common/ui.tsx';
import { provinceText } from './provinceText.ts';
import { JournalMoveNote, movedAway, RecoveryMark } from './SiteRecovery.tsx';

export function LiveTable({ floor, lang }: { floor: ProvinceFloor; lang: Lang }) {
  const t = texts(provinceText, lang);
  const now = useNow(1000);
  const linkText = (s: SiteLive) => {
    if (movedAway(s)) return t.movedLink;
    if (s.revoked) return t.revoked;
    if (!s.joined) return t.notJoined;
    const away = s.lastContactAt === null ? Infinity : now - s.lastContactAt;
    return away > floor.settings.offlineMin * 60_000 ? t.offlineFor(Number.isFinite(away) ? Math.floor(away / 60_000) : 0) : t.online;
  };
  return (
    <div className="floor">
      <Alerts alerts={floor.alerts} lang={lang} />
      <section className="card">
        <table className="grid" data-testid="province-sites">
          <thead>
            <tr>
              <th>{t.site}</th>
              <th>{t.status}</th>
              <th>{t.openCounters}</th>
              <th>{t.waiting}</th>
              <th>{t.longestWait}</th>
              <th>{t.issuedToday}</th>
              <th>{t.servedToday}</th>
              <th>{t.satisfactionToday}</th>
            </tr>
          </thead>
          <tbody>
            {floor.sites.map((s) => (
              <tr key={s.id} data-site={s.id}>
                <td>
                  <strong>{s.name}</strong>
                  <div className="muted">
                    {siteLevelText[s.level][lang]}
                    {s.district ? ` · ${s.district}` : ''}
                  </div>
                  <JournalMoveNote site={s} lang={lang} />
                  <RecoveryMark site={s} lang={lang} />
                </td>
                <td className={linkText(s) === t.online ? 'ok' : movedAway(s) ? 'muted' : 'error'}>{linkText(s)}</td>
                {movedAway(s) ? (
                  // Not a silent zero: the figures are counted at the site the journal moved to.
                  <td colSpan={6} className="muted" data-testid={`moved-figures-${s.id}`}>
                    {t.movedFigures(s.journalMove.toSiteName)}
                  </td>
                ) : (
                  <>
                    <td className="num">{s.openCounters}</td>
                    <td className="num strong" data-testid={`waiting-${s.id}`}>
                      {s.waiting}
                    </td>
                    <td className="num">{s.longestWaitSince === null ? '—' : durationWords(now - s.longestWaitSince, lang)}</td>
                    <td className="num">{int(s.issuedToday, lang)}</td>
                    <td className="num">{int(s.servedToday, lang)}</td>
                    <td className="num">{pct(s.satisfactionToday, lang)}</td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}

function Alerts({ alerts, lang }: { alerts: ProvinceAlert[]; lang: Lang }) {
  const t = texts(provinceText, lang);
  const alertText = (a: ProvinceAlert) =>
    a.kind === 'site-offline'
      ? t.alertOffline(a.siteName, a.value)
      : a.kind === 'wait-over-target'
        ? t.alertWait(a.siteName, a.fieldName ?? '', a.value)
        : t.alertSatisfaction(a.siteName, pct(a.value, lang));
  return (
    <section className={`card floor-alerts${alerts.length ? ' has-alerts' : ''}`} data-testid="province-alerts">
      <h2>
        {t.alerts} ({alerts.length})
      </h2>
      {alerts.length === 0 ? (
        <p className="muted">{t.noAlerts}</p>
      ) : (
        <ul className="alerts">
          {alerts.map((a, i) => (
            <li key={i} className="alert" data-alert={a.kind}>
              {alertText(a)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
