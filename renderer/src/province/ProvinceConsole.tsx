// The province console: every site's floor live, alerts, the period's ranking with a drill-down
// to one site's fields and counters, the official report, and the sites with their join codes.
import { useCallback, useEffect, useState } from 'react';
import {
  createProvinceClient,
  PROVINCE_WS_PATH,
  siteLevelText,
  SiteLevel,
  type ProvinceFloor,
  type ProvinceFigures,
  type ProvinceReport,
  type ProvinceServerMessage,
  type SiteDetail,
  type SiteLive,
  type Catalogue,
  type CatalogueField,
  type ProvinceRole,
} from '../../../main/contract/index.ts';
import { errorText, type Lang } from '../api.ts';
import { ConfirmDialog, Dialog } from '../common/Dialog.tsx';
import { durationWords, texts } from '../common/text.ts';
import { ErrorNote, LangToggle, useLang, useNow } from '../common/ui.tsx';
import { provinceText } from './provinceText.ts';
import { dayIn, download, int, mins, pct } from '../common/format.ts';
import { DateInput } from '../common/DateInput.tsx';

const papi = createProvinceClient({ baseUrl: '' });
const TOKEN = 'motcua.token.province';
const TZ = 'Asia/Ho_Chi_Minh';
const todayIn = () => dayIn(TZ);

export function ProvinceConsole() {
  const [lang, setLang] = useLang('province');
  const t = texts(provinceText, lang);
  const [token, setToken] = useState<string | null>(() => localStorage.getItem(TOKEN));
  const [tab, setTab] = useState<'live' | 'reports' | 'sites'>('live');
  const [changing, setChanging] = useState(false);
  const signOut = () => {
    localStorage.removeItem(TOKEN);
    setToken(null);
  };
  if (!token)
    return (
      <SignInForm
        lang={lang}
        onDone={(tk) => {
          localStorage.setItem(TOKEN, tk);
          setToken(tk);
        }}
      />
    );
  return (
    <div className="console manager province">
      <header className="console-head">
        <h1>{t.title}</h1>
        <LangToggle lang={lang} setLang={setLang} />
        <button type="button" onClick={() => setChanging(true)}>
          {t.changePassword}
        </button>
        <button type="button" onClick={signOut}>
          {t.signOut}
        </button>
      </header>
      {changing && <PasswordDialog token={token} lang={lang} onClose={() => setChanging(false)} onChanged={signOut} />}
      <nav className="tabs">
        {(['live', 'reports', 'sites'] as const).map((id) => (
          <button key={id} type="button" className={tab === id ? 'active' : ''} data-testid={`ptab-${id}`} onClick={() => setTab(id)}>
            {t[id]}
          </button>
        ))}
      </nav>
      {tab === 'live' && <LiveView token={token} lang={lang} onUnauthorized={signOut} />}
      {tab === 'reports' && <ReportsView token={token} lang={lang} />}
      {tab === 'sites' && <SitesView token={token} lang={lang} />}
    </div>
  );
}

function SignInForm({ lang, onDone }: { lang: Lang; onDone: (token: string) => void }) {
  const t = texts(provinceText, lang);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="console">
      <form
        className="card signin"
        onSubmit={(e) => {
          e.preventDefault();
          papi('province:login', { username, password }).then(
            (r) => onDone(r.token),
            (err: unknown) => setError(errorText(err, lang)),
          );
        }}
      >
        <h1>{t.signIn}</h1>
        <label>
          {t.username}
          <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} />
        </label>
        <label>
          {t.password}
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <ErrorNote text={error} />
        <button type="submit" className="primary">
          {t.signInButton}
        </button>
      </form>
    </div>
  );
}

/** The floor of every site: a snapshot, then each site's row as its pushes land (WebSocket). */
function LiveView({ token, lang, onUnauthorized }: { token: string; lang: Lang; onUnauthorized: () => void }) {
  const t = texts(provinceText, lang);
  const now = useNow(1000);
  const [floor, setFloor] = useState<ProvinceFloor | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [live, setLive] = useState(false);
  const load = useCallback(
    () =>
      papi('province:floor', {}, token).then(setFloor, (err: unknown) => {
        if ((err as { code?: string }).code === 'UNAUTHENTICATED') onUnauthorized();
        else setError(errorText(err, lang));
      }),
    [token, lang, onUnauthorized],
  );
  useEffect(() => {
    void load();
    // Offline sites and their alerts are a matter of time passing: the snapshot is read again each half minute.
    const timer = setInterval(() => void load(), 30_000);
    return () => clearInterval(timer);
  }, [load]);
  useEffect(() => {
    let ws: WebSocket | null = null;
    let stop = false;
    let retry: ReturnType<typeof setTimeout> | null = null;
    const connect = () => {
      ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${PROVINCE_WS_PATH}`);
      ws.onopen = () => ws?.send(JSON.stringify({ token }));
      ws.onmessage = (m) => {
        const msg = JSON.parse(String(m.data)) as ProvinceServerMessage;
        if (msg.type === 'subscribed') {
          setLive(true);
          void load();
        } else if (msg.type === 'site') {
          const site: SiteLive = msg.site;
          setFloor((f) => (f ? { ...f, sites: f.sites.map((s) => (s.id === site.id ? site : s)) } : f));
        }
      };
      ws.onclose = () => {
        setLive(false);
        if (!stop) retry = setTimeout(connect, 2000);
      };
    };
    connect();
    return () => {
      stop = true;
      if (retry) clearTimeout(retry);
      ws?.close();
    };
  }, [token, load]);
  if (!floor) return <ErrorNote text={error} />;
  const linkText = (s: SiteLive) => {
    if (s.revoked) return t.revoked;
    if (!s.joined) return t.notJoined;
    const away = s.lastContactAt === null ? Infinity : now - s.lastContactAt;
    return away > floor.settings.offlineMin * 60_000 ? t.offlineFor(Number.isFinite(away) ? Math.floor(away / 60_000) : 0) : t.online;
  };
  const alertText = (a: ProvinceFloor['alerts'][number]) =>
    a.kind === 'site-offline'
      ? t.alertOffline(a.siteName, a.value)
      : a.kind === 'wait-over-target'
        ? t.alertWait(a.siteName, a.fieldName ?? '', a.value)
        : t.alertSatisfaction(a.siteName, pct(a.value, lang));
  return (
    <div className="floor">
      {!live && <p className="notice">{t.liveLost}</p>}
      <section className={`card floor-alerts${floor.alerts.length ? ' has-alerts' : ''}`} data-testid="province-alerts">
        <h2>
          {t.alerts} ({floor.alerts.length})
        </h2>
        {floor.alerts.length === 0 ? (
          <p className="muted">{t.noAlerts}</p>
        ) : (
          <ul className="alerts">
            {floor.alerts.map((a, i) => (
              <li key={i} className="alert" data-alert={a.kind}>
                {alertText(a)}
              </li>
            ))}
          </ul>
        )}
      </section>
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
                </td>
                <td className={linkText(s) === t.online ? 'ok' : 'error'}>{linkText(s)}</td>
                <td className="num">{s.openCounters}</td>
                <td className="num strong" data-testid={`waiting-${s.id}`}>
                  {s.waiting}
                </td>
                <td className="num">{s.longestWaitSince === null ? '—' : durationWords(now - s.longestWaitSince, lang)}</td>
                <td className="num">{int(s.issuedToday, lang)}</td>
                <td className="num">{int(s.servedToday, lang)}</td>
                <td className="num">{pct(s.satisfactionToday, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}

/** `p90`: the site's rows have it (from the site-day histograms); a site's fields and counters do not. */
function FigureCells({ f, lang, p90 = true }: { f: ProvinceFigures; lang: Lang; p90?: boolean }) {
  return (
    <>
      <td className="num">{int(f.issued, lang)}</td>
      <td className="num">{int(f.served, lang)}</td>
      <td className="num">{pct(f.noShowRate, lang)}</td>
      <td className="num">{mins(f.waitAvgMs, lang)}</td>
      {p90 && <td className="num">{mins(f.waitP90Ms, lang)}</td>}
      <td className="num">{int(f.ratings, lang)}</td>
      <td className="num strong">{pct(f.satisfactionIndex, lang)}</td>
    </>
  );
}
function FigureHeads({ lang, p90 = true }: { lang: Lang; p90?: boolean }) {
  const t = texts(provinceText, lang);
  return (
    <>
      {[t.issued, t.served, t.noShowRate, t.waitAvg, ...(p90 ? [t.waitP90] : []), t.ratings, t.satisfaction].map((h) => (
        <th key={h}>{h}</th>
      ))}
    </>
  );
}

function ReportsView({ token, lang }: { token: string; lang: Lang }) {
  const t = texts(provinceText, lang);
  const [from, setFrom] = useState(() => `${todayIn().slice(0, 7)}-01`);
  const [to, setTo] = useState(todayIn);
  const [report, setReport] = useState<ProvinceReport | null>(null);
  const [detail, setDetail] = useState<SiteDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const show = () =>
    papi('province:report', { from, to }, token).then(
      (r) => {
        setReport(r);
        setDetail(null);
        setError(null);
      },
      (err: unknown) => setError(errorText(err, lang)),
    );
  useEffect(() => {
    void show();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the first period only; then on demand
  }, []);
  const exportFile = (format: 'xlsx' | 'pdf') =>
    papi('province:export', { from, to, format }, token).then(
      (f) => download(f.fileName, f.mime, f.base64),
      (err: unknown) => setError(errorText(err, lang)),
    );
  return (
    <div className="floor">
      <section className="card">
        <form
          className="row filters"
          onSubmit={(e) => {
            e.preventDefault();
            void show();
          }}
        >
          <label>
            {t.from}
            <DateInput lang={lang} name="from" value={from} onChange={setFrom} />
          </label>
          <label>
            {t.to}
            <DateInput lang={lang} name="to" value={to} onChange={setTo} />
          </label>
          <button type="submit" className="primary">
            {t.show}
          </button>
          <button type="button" onClick={() => void exportFile('xlsx')}>
            {t.exportXlsx}
          </button>
          <button type="button" onClick={() => void exportFile('pdf')}>
            {t.exportPdf}
          </button>
        </form>
        <ErrorNote text={error} />
      </section>
      {report && !detail && (
        <section className="card">
          <table className="grid" data-testid="province-ranking">
            <thead>
              <tr>
                <th>{t.rank}</th>
                <th>{t.site}</th>
                <FigureHeads lang={lang} />
              </tr>
            </thead>
            <tbody>
              {report.sites.map((s) => (
                <tr
                  key={s.siteId}
                  className="clickable"
                  onClick={() => void papi('province:site-report', { id: s.siteId, from, to }, token).then(setDetail)}
                >
                  <td className="num">{s.rank}</td>
                  <td>{s.name}</td>
                  <FigureCells f={s} lang={lang} />
                </tr>
              ))}
              <tr className="strong">
                <td />
                <td>{t.province}</td>
                <FigureCells f={report.total} lang={lang} />
              </tr>
            </tbody>
          </table>
        </section>
      )}
      {detail && (
        <section className="card" data-testid="province-detail">
          <div className="row">
            <h2>{detail.site.name}</h2>
            <button type="button" onClick={() => setDetail(null)}>
              {t.back}
            </button>
          </div>
          <h3>{t.fields}</h3>
          <table className="grid">
            <thead>
              <tr>
                <th>{t.field}</th>
                <FigureHeads lang={lang} p90={false} />
              </tr>
            </thead>
            <tbody>
              {detail.fields.map((f) => (
                <tr key={f.fieldId}>
                  <td>{f.name}</td>
                  <FigureCells f={f} lang={lang} p90={false} />
                </tr>
              ))}
            </tbody>
          </table>
          <h3>{t.counters}</h3>
          <table className="grid">
            <thead>
              <tr>
                <th>{t.counter}</th>
                <FigureHeads lang={lang} p90={false} />
              </tr>
            </thead>
            <tbody>
              {detail.counters.map((c) => (
                <tr key={c.counterId}>
                  <td>{c.name}</td>
                  <FigureCells f={c} lang={lang} p90={false} />
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}

function SitesView({ token, lang }: { token: string; lang: Lang }) {
  const t = texts(provinceText, lang);
  const [sites, setSites] = useState<SiteLive[]>([]);
  const [draft, setDraft] = useState<{ name: string; level: SiteLevel; district: string }>({ name: '', level: 'xa', district: '' });
  const [code, setCode] = useState<{ site: string; code: string; expiresAt: number } | null>(null);
  const [revoking, setRevoking] = useState<SiteLive | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => papi('province:floor', {}, token).then((f) => setSites(f.sites)), [token]);
  useEffect(() => {
    void load();
  }, [load]);
  const fail = (err: unknown) => setError(errorText(err, lang));
  return (
    <div className="config">
      <form
        className="card edit"
        data-testid="site-form"
        onSubmit={(e) => {
          e.preventDefault();
          papi('province:site-create', draft, token).then((r) => {
            setCode({ site: r.site.name, code: r.code, expiresAt: r.expiresAt });
            setDraft({ name: '', level: 'xa', district: '' });
            void load();
          }, fail);
        }}
      >
        <h2>{t.newSite}</h2>
        <div className="form-grid">
          <label>
            {t.name}
            <input name="name" value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
          </label>
          <label>
            {t.level}
            <select name="level" value={draft.level} onChange={(e) => setDraft({ ...draft, level: e.target.value as SiteLevel })}>
              {SiteLevel.options.map((l) => (
                <option key={l} value={l}>
                  {siteLevelText[l][lang]}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t.district}
            <input name="district" value={draft.district} onChange={(e) => setDraft({ ...draft, district: e.target.value })} />
          </label>
        </div>
        <ErrorNote text={error} />
        <button type="submit" className="primary" disabled={!draft.name.trim()}>
          {t.create}
        </button>
      </form>
      {code && (
        <section className="card" data-testid="join-code">
          <h2>{t.codeFor(code.site)}</h2>
          <p className="pairing-code">{code.code}</p>
          <p className="muted">{t.codeHowTo}</p>
        </section>
      )}
      <section className="card">
        <table className="grid">
          <thead>
            <tr>
              <th>{t.site}</th>
              <th>{t.level}</th>
              <th>{t.district}</th>
              <th>{t.status}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {sites.map((s) => (
              <tr key={s.id}>
                <td>{s.name}</td>
                <td>{siteLevelText[s.level][lang]}</td>
                <td>{s.district}</td>
                <td>{s.revoked ? t.revoked : s.joined ? t.online : t.notJoined}</td>
                <td className="row">
                  <button
                    type="button"
                    className="small"
                    onClick={() => papi('province:site-code', { id: s.id }, token).then((r) => setCode({ site: s.name, ...r }), fail)}
                  >
                    {t.newCode}
                  </button>
                  {s.joined && !s.revoked && (
                    <button type="button" className="small danger" onClick={() => setRevoking(s)}>
                      {t.revoke}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <CatalogueEditor token={token} lang={lang} sites={sites} />
      <StaffForm token={token} lang={lang} />
      {revoking && (
        <ConfirmDialog
          title={t.revokeTitle(revoking.name)}
          explain={t.revokeExplain}
          confirm={t.revoke}
          back={t.back}
          testId="revoke-site"
          onClose={() => setRevoking(null)}
          onConfirm={() => void papi('province:site-revoke', { id: revoking.id }, token).then(() => load(), fail)}
        />
      )}
    </div>
  );
}

/** The field catalogue: codes, names and target waits the province publishes; each center accepts it or not. */
function CatalogueEditor({ token, lang, sites }: { token: string; lang: Lang; sites: SiteLive[] }) {
  const t = texts(provinceText, lang);
  const [current, setCurrent] = useState<{ catalogue: Catalogue | null; accepted: Record<string, number | null> } | null>(null);
  const [rows, setRows] = useState<CatalogueField[]>([]);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(
    () =>
      papi('province:catalogue', {}, token).then((c) => {
        setCurrent(c);
        setRows(c.catalogue?.fields ?? [{ code: '', nameVi: '', nameEn: '', targetWaitMin: 30 }]);
      }),
    [token],
  );
  useEffect(() => {
    void load();
  }, [load]);
  const set = (i: number, patch: Partial<CatalogueField>) => setRows(rows.map((r, k) => (k === i ? { ...r, ...patch } : r)));
  const version = current?.catalogue?.version ?? null;
  const acceptedBy = version === null ? 0 : sites.filter((s) => current?.accepted[String(s.id)] === version).length;
  return (
    <section className="card" data-testid="catalogue">
      <h2>{t.catalogue}</h2>
      <p className="muted">{version === null ? t.catalogueNone : t.catalogueVersion(version, acceptedBy, sites.length)}</p>
      <table className="grid compact">
        <thead>
          <tr>
            <th>{t.code}</th>
            <th>{t.nameVi}</th>
            <th>{t.nameEn}</th>
            <th>{t.targetWait}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              <td>
                <input className="short" value={r.code} onChange={(e) => set(i, { code: e.target.value.toUpperCase() })} />
              </td>
              <td>
                <input value={r.nameVi} onChange={(e) => set(i, { nameVi: e.target.value })} />
              </td>
              <td>
                <input value={r.nameEn} onChange={(e) => set(i, { nameEn: e.target.value })} />
              </td>
              <td>
                <input
                  className="short"
                  inputMode="numeric"
                  value={String(r.targetWaitMin)}
                  onChange={(e) => set(i, { targetWaitMin: Number(e.target.value.replace(/\D/g, '')) || 0 })}
                />
              </td>
              <td>
                <button type="button" className="small" onClick={() => setRows(rows.filter((_, k) => k !== i))}>
                  {t.remove}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="row">
        <button type="button" onClick={() => setRows([...rows, { code: '', nameVi: '', nameEn: '', targetWaitMin: 30 }])}>
          {t.addRow}
        </button>
        <button
          type="button"
          className="primary"
          onClick={() =>
            void papi('province:catalogue-publish', { fields: rows }, token).then(
              () => {
                setError(null);
                void load();
              },
              (err: unknown) => setError(errorText(err, lang)),
            )
          }
        >
          {t.publish}
        </button>
      </div>
      <ErrorNote text={error} />
    </section>
  );
}

/** A new password: every session of the account ends, so it signs in again. */
function PasswordDialog({ token, lang, onClose, onChanged }: { token: string; lang: Lang; onClose: () => void; onChanged: () => void }) {
  const t = texts(provinceText, lang);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <Dialog title={t.changePassword} testId="password-dialog" onClose={onClose}>
      <form
        className="form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          papi('province:change-password', { currentPassword: current, newPassword: next }, token).then(onChanged, (err: unknown) =>
            setError(errorText(err, lang)),
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

/** Accounts for the province's staff: admins manage sites and the catalogue, viewers read. */
function StaffForm({ token, lang }: { token: string; lang: Lang }) {
  const t = texts(provinceText, lang);
  const blank = { username: '', fullName: '', role: 'province-viewer' as ProvinceRole, password: '' };
  const [draft, setDraft] = useState(blank);
  const [message, setMessage] = useState<{ text: string; ok: boolean } | null>(null);
  return (
    <form
      className="card edit"
      onSubmit={(e) => {
        e.preventDefault();
        papi('province:staff-create', draft, token).then(
          () => {
            setMessage({ text: t.staffCreated(draft.username), ok: true });
            setDraft(blank);
          },
          (err: unknown) => setMessage({ text: errorText(err, lang), ok: false }),
        );
      }}
    >
      <h2>{t.staffTitle}</h2>
      <div className="form-grid">
        <label>
          {t.username}
          <input value={draft.username} onChange={(e) => setDraft({ ...draft, username: e.target.value })} />
        </label>
        <label>
          {t.name}
          <input value={draft.fullName} onChange={(e) => setDraft({ ...draft, fullName: e.target.value })} />
        </label>
        <label>
          {t.role}
          <select value={draft.role} onChange={(e) => setDraft({ ...draft, role: e.target.value as ProvinceRole })}>
            <option value="province-viewer">{t.viewer}</option>
            <option value="province-admin">{t.admin}</option>
          </select>
        </label>
        <label>
          {t.newPassword}
          <input
            type="password"
            autoComplete="new-password"
            value={draft.password}
            onChange={(e) => setDraft({ ...draft, password: e.target.value })}
          />
        </label>
      </div>
      {message && <p className={message.ok ? 'ok' : 'error'}>{message.text}</p>}
      <button type="submit" className="primary" disabled={!draft.username || draft.password.length < 10}>
        {t.addStaff}
      </button>
    </form>
  );
}
