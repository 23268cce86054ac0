// Statistics for the manager: a period and filters, the key figures, charts, tables by field,
// officer and counter, exports with progress, and the ratings' tamper check. Today's figures
// follow the live stream.
import { useCallback, useEffect, useRef, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type {
  ExportFormat,
  ExportStatus,
  ExportTable,
  CsvStyle,
  Staff,
  StatsFigures,
  StatsPreset,
  StatsReport,
  StatsSms,
} from '../../../main/contract/index.ts';
import { api, errorText, type Lang } from '../api.ts';
import { useCoalesced } from '../live.ts';
import { ErrorNote } from '../common/ui.tsx';
import { durationWords } from '../common/text.ts';
import { download, int, mins, pct } from '../common/format.ts';
import { DateInput } from '../common/DateInput.tsx';
import { keysOf, oneOf } from '../common/choice.ts';
import type { ManagerContext } from './Manager.tsx';
import { managerText } from './managerText.ts';
import { exportTableText, figureHeads, hourHead, presetText, smsStatsText, weekdayShort } from './statsText.ts';

/** What the screen asks for (the contract's query, with its ids already numbers). */
interface StatsQuery {
  preset: StatsPreset;
  from?: string | undefined;
  to?: string | undefined;
  fieldId?: number | undefined;
  counterId?: number | undefined;
  staffId?: number | undefined;
}

const LEVEL_COLORS = ['#1f7a3a', '#6aa84f', '#e8c200', '#c8102e', '#8a0b20', '#5b6675'];

function viDate(day: string): string {
  return `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
}

export function StatsView({ token, lang, center, head }: ManagerContext & { head: number | null }) {
  const [query, setQuery] = useState<StatsQuery>({ preset: 'today' });
  const [report, setReport] = useState<StatsReport | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [staff, setStaff] = useState<Staff[]>([]);
  const asked = useRef(0);

  useEffect(() => {
    void api('staff:list', {}, token)
      .then(setStaff)
      .catch(() => undefined);
  }, [token]);

  const load = useCallback(async () => {
    if (query.preset === 'custom' && (!query.from || !query.to || query.from > query.to)) return;
    const mine = ++asked.current;
    setLoading(true);
    try {
      const r = await api('stats:report', query, token);
      if (mine !== asked.current) return;
      setReport(r);
      setError(null);
    } catch (err) {
      if (mine === asked.current) setError(errorText(err, lang));
    } finally {
      if (mine === asked.current) setLoading(false);
    }
  }, [query, token, lang]);
  useEffect(() => {
    void load();
  }, [load]);

  // Today's figures move with the floor: refetch (at most once a second) after live events.
  const refresh = useCoalesced(() => void load(), 1000);
  // Only a new head should trigger this; whether the period is live is read as it is then.
  const live = useRef(false);
  live.current = report?.live ?? false;
  useEffect(() => {
    if (live.current && head !== null) refresh();
  }, [head, refresh]);
  // A text message queued or sent is no journal event: while today's messages are shown, look again
  // every 30 s, and every 5 s while some wait to be sent.
  const smsLive = report?.live === true && report.sms !== null;
  const smsPending = smsLive && (report?.sms?.summary.pending ?? 0) > 0;
  useEffect(() => {
    if (!smsLive) return;
    const timer = setTimeout(() => void load(), smsPending ? 5_000 : 30_000);
    return () => clearTimeout(timer);
  }, [smsLive, smsPending, report, load]);

  const set = (patch: Partial<StatsQuery>) => setQuery((q) => ({ ...q, ...patch }));
  const fields = center?.fields ?? [];
  const counters = center?.counters ?? [];
  const officers = staff.filter((s) => s.role === 'officer');

  return (
    <div className="stats" data-testid="stats">
      <section className="card stats-controls">
        <div className="presets" role="group" aria-label={managerText.period[lang]}>
          {keysOf(presetText).map((p) => (
            <button
              key={p}
              type="button"
              className={query.preset === p ? 'active' : ''}
              data-testid={`preset-${p}`}
              onClick={() =>
                set(p === 'custom' ? { preset: p, from: report?.from ?? query.from, to: report?.to ?? query.to } : { preset: p })
              }
            >
              {presetText[p][lang]}
            </button>
          ))}
        </div>
        {query.preset === 'custom' && (
          <div className="range">
            <label>
              {managerText.from[lang]} <DateInput lang={lang} name="from" value={query.from ?? ''} onChange={(from) => set({ from })} />
            </label>
            <label>
              {managerText.to[lang]} <DateInput lang={lang} name="to" value={query.to ?? ''} onChange={(to) => set({ to })} />
            </label>
            {query.from && query.to && query.from > query.to && <span className="error">{managerText.theStartMustBeBefore[lang]}</span>}
          </div>
        )}
        <div className="filters">
          <IdFilter
            lang={lang}
            testId="filter-field"
            label={managerText.field[lang]}
            value={query.fieldId}
            onChange={(fieldId) => set({ fieldId })}
            options={fields.map((f) => [f.id, lang === 'vi' ? f.nameVi : f.nameEn])}
          />
          <IdFilter
            lang={lang}
            testId="filter-counter"
            label={managerText.counter[lang]}
            value={query.counterId}
            onChange={(counterId) => set({ counterId })}
            options={counters.map((c) => [c.id, lang === 'vi' ? c.nameVi : c.nameEn])}
          />
          <IdFilter
            lang={lang}
            testId="filter-staff"
            label={managerText.officer[lang]}
            value={query.staffId}
            onChange={(staffId) => set({ staffId })}
            options={officers.map((o) => [o.id, o.fullName])}
          />
        </div>
        <div className="period-line">
          {report && <span data-testid="stats-period">{managerText.text[lang](viDate(report.from), viDate(report.to))}</span>}
          {report?.live && <span className="live-badge">{managerText.live[lang]}</span>}
          {loading && <span className="muted">{managerText.calculating[lang]}</span>}
        </div>
      </section>
      <ErrorNote text={error} />
      {/* The exports come first: on a year of a large center the figures below run for pages. */}
      <Exports query={query} token={token} lang={lang} sms={report?.sms != null} />
      {report && <Figures report={report} lang={lang} />}
      {report?.sms && <SmsStats sms={report.sms} lang={lang} />}
      {report && <Charts report={report} lang={lang} />}
      {report && <Tables report={report} lang={lang} />}
      <ChainCheck token={token} lang={lang} />
    </div>
  );
}

/** A filter by id; "Tất cả" is no filter. */
function IdFilter({
  lang,
  testId,
  label,
  value,
  options,
  onChange,
}: {
  lang: Lang;
  testId: string;
  label: string;
  value: number | undefined;
  options: [number, string][];
  onChange: (id: number | undefined) => void;
}) {
  return (
    <label>
      {label}
      <select
        data-testid={testId}
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value === '' ? undefined : Number(e.target.value))}
      >
        <option value="">{managerText.all[lang]}</option>
        {options.map(([id, name]) => (
          <option key={id} value={id}>
            {name}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * A heatmap cell's blue, darker as the count grows, and the text colour that reads best on it
 * (black or white, whichever contrasts more: never below 4.5:1 on any of these blues).
 */
export function heatCell(share: number): { background: string; color: string } {
  const alpha = 0.1 + 0.9 * Math.min(1, Math.max(0, share));
  const rgb = [11, 79, 156].map((c) => Math.round(255 + alpha * (c - 255)));
  const [r = 0, g = 0, b = 0] = rgb;
  const lin = (c: number) => {
    const v = c / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  const l = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  const onWhite = 1.05 / (l + 0.05);
  const onBlack = (l + 0.05) / 0.05;
  return { background: `rgb(${rgb.join(', ')})`, color: onWhite >= onBlack ? '#fff' : '#000' };
}

function Figures({ report, lang }: { report: StatsReport; lang: Lang }) {
  const s = report.summary;
  const kpis: [string, string, string, string][] = [
    ['issued', managerText.issued[lang], int(s.issued, lang), ''],
    ['served', managerText.served[lang], int(s.served, lang), ''],
    ['no-show', managerText.noShow[lang], int(s.noShow, lang), pct(s.noShowRate, lang)],
    [
      'wait',
      managerText.averageWait[lang],
      mins(s.waitAvgMs, lang),
      managerText.medianP90[lang](mins(s.waitMedianMs, lang), mins(s.waitP90Ms, lang)),
    ],
    ['over-target', managerText.overTargetWait[lang], pct(s.overTargetRate, lang), ''],
    ['service', managerText.averageService[lang], mins(s.serviceAvgMs, lang), ''],
    ['satisfaction', managerText.satisfactionIndex[lang], pct(s.satisfactionIndex, lang), managerText.verySatisfiedSatisfied[lang]],
    ['ratings', managerText.ratings[lang], int(s.ratings, lang), managerText.responseRate[lang](pct(s.responseRate, lang))],
  ];
  return (
    <section className="kpis">
      {kpis.map(([id, label, value, sub]) => (
        <div key={id} className="kpi card" data-testid={`kpi-${id}`}>
          <div className="kpi-label">{label}</div>
          <div className="kpi-value">{value}</div>
          {sub && <div className="kpi-sub muted">{sub}</div>}
        </div>
      ))}
    </section>
  );
}

/** The period's text messages by outcome, and by field where several had some. */
function SmsStats({ sms, lang }: { sms: StatsSms; lang: Lang }) {
  const t = smsStatsText;
  const s = sms.summary;
  const kpis: [string, string, number, string][] = [
    ['sent', t.sent[lang], s.sent, ''],
    ['failed-refused', t.failedRefused[lang], s.failedRefused, t.failedRefusedSub[lang]],
    ['failed-no-retry', t.failedNoRetry[lang], s.failedNoRetry, t.failedNoRetrySub[lang]],
    ['unknown', t.unknown[lang], s.unknown, t.unknownSub[lang]],
  ];
  return (
    <section className="card" data-testid="sms-stats">
      <h3>{t.title[lang]}</h3>
      {!sms.enabled && <p className="muted">{t.off[lang]}</p>}
      <div className="kpis">
        {kpis.map(([id, label, value, sub]) => (
          <div key={id} className="kpi" data-testid={`sms-${id}`}>
            <div className="kpi-label">{label}</div>
            <div className="kpi-value">{int(value, lang)}</div>
            {sub && <div className="kpi-sub muted">{sub}</div>}
          </div>
        ))}
      </div>
      <p className="muted" data-testid="sms-other">
        {s.sent + s.failed + s.unknown + s.dropped + s.pending === 0
          ? t.none[lang]
          : `${t.pending[lang]}: ${int(s.pending, lang)} · ${t.dropped[lang]}: ${int(s.dropped, lang)}`}
      </p>
      {sms.byField.length > 1 && (
        <table className="grid" data-testid="sms-by-field">
          <thead>
            <tr>
              <th>{managerText.field[lang]}</th>
              <th>{t.sent[lang]}</th>
              <th>{t.failedRefused[lang]}</th>
              <th>{t.failedNoRetry[lang]}</th>
              <th>{t.unknown[lang]}</th>
              <th>{t.dropped[lang]}</th>
              <th>{t.pending[lang]}</th>
            </tr>
          </thead>
          <tbody>
            {sms.byField.map((f) => (
              <tr key={f.fieldId}>
                <td>{lang === 'vi' ? f.nameVi : f.nameEn}</td>
                <td className="num">{int(f.sent, lang)}</td>
                <td className="num">{int(f.failedRefused, lang)}</td>
                <td className="num">{int(f.failedNoRetry, lang)}</td>
                <td className="num">{int(f.unknown, lang)}</td>
                <td className="num">{int(f.dropped, lang)}</td>
                <td className="num">{int(f.pending, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Charts({ report, lang }: { report: StatsReport; lang: Lang }) {
  // Past two months a bar per day is unreadable: a bar per month instead.
  const monthly = report.byDay.length > 62;
  const bars = new Map<string, { day: string; issued: number; served: number }>();
  for (const d of report.byDay) {
    const key = monthly ? `${d.day.slice(5, 7)}/${d.day.slice(0, 4)}` : viDate(d.day).slice(0, 5);
    const bar = bars.get(key) ?? { day: key, issued: 0, served: 0 };
    bar.issued += d.issued;
    bar.served += d.served;
    bars.set(key, bar);
  }
  const days = [...bars.values()];
  const total = report.levels.reduce((a, l) => a + l.count, 0);
  const max = Math.max(1, ...report.heatmap.flat());
  const hours = [...Array(24).keys()].filter((h) => (h >= 7 && h <= 17) || report.heatmap.some((row) => (row[h] ?? 0) > 0));
  return (
    <section className="charts">
      <div className="card chart-wide">
        <h3>{monthly ? managerText.ticketsPerMonth[lang] : managerText.ticketsPerDay[lang]}</h3>
        {days.length === 0 ? (
          <p className="muted">{managerText.noDataInThisPeriod[lang]}</p>
        ) : (
          <ResponsiveContainer width="100%" height={220}>
            <BarChart data={days} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="day" fontSize={12} />
              {/* Axis and tooltip numbers written like the cards above: 89.168, not 89168 or 89,168. */}
              <YAxis fontSize={12} allowDecimals={false} tickFormatter={(v: number) => int(v, lang)} width={56} />
              <Tooltip formatter={(v) => (typeof v === 'number' ? int(v, lang) : String(v))} />
              <Legend />
              <Bar maxBarSize={48} dataKey="issued" name={managerText.issued[lang]} fill="#0b4f9c" isAnimationActive={false} />
              <Bar maxBarSize={48} dataKey="served" name={managerText.served[lang]} fill="#1f7a3a" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        )}
      </div>
      <div className="card">
        <h3>{managerText.satisfaction[lang]}</h3>
        <ul className="levels" data-testid="levels">
          {report.levels.map((l, i) => (
            <li key={l.value}>
              <span className="level-name">{lang === 'vi' ? l.vi : l.en}</span>
              <span className="level-bar">
                <span style={{ width: `${total ? (l.count / total) * 100 : 0}%`, background: LEVEL_COLORS[i] }} />
              </span>
              <span className="num">{int(l.count, lang)}</span>
              <span className="num muted">{total ? pct(l.count / total, lang) : '—'}</span>
            </li>
          ))}
        </ul>
        {report.reasons.length > 0 && (
          <p className="muted">
            {managerText.reasonsGiven[lang]}
            {report.reasons.map((r) => `${lang === 'vi' ? r.vi : r.en} (${r.count})`).join(', ')}
          </p>
        )}
      </div>
      <div className="card chart-wide">
        <h3>{managerText.ticketsByWeekdayAndHour[lang]}</h3>
        <table className="heatmap" data-testid="heatmap">
          <thead>
            <tr>
              <th />
              {hours.map((h) => (
                <th key={h}>{hourHead[lang](h)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {report.heatmap.map((row, wd) => (
              <tr key={wd}>
                <th>{weekdayShort[wd]?.[lang]}</th>
                {hours.map((h) => {
                  const n = row[h] ?? 0;
                  return (
                    <td key={h} title={int(n, lang)} style={n ? heatCell(n / max) : undefined}>
                      {n ? int(n, lang) : ''}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function FigureCells({ f, lang }: { f: StatsFigures; lang: Lang }) {
  return (
    <>
      <td className="num">{int(f.issued, lang)}</td>
      <td className="num">{int(f.served, lang)}</td>
      <td className="num">{pct(f.noShowRate, lang)}</td>
      <td className="num">{mins(f.waitAvgMs, lang)}</td>
      <td className="num">{mins(f.waitMedianMs, lang)}</td>
      <td className="num">{pct(f.overTargetRate, lang)}</td>
      <td className="num">{mins(f.serviceAvgMs, lang)}</td>
      <td className="num">{int(f.ratings, lang)}</td>
      <td className="num strong">{pct(f.satisfactionIndex, lang)}</td>
    </>
  );
}

function FigureHeads({ lang }: { lang: Lang }) {
  return (
    <>
      {figureHeads.map((head) => (
        <th key={head.en}>{head[lang]}</th>
      ))}
    </>
  );
}

function Tables({ report, lang }: { report: StatsReport; lang: Lang }) {
  return (
    <>
      <section className="card">
        <h3>{managerText.byField[lang]}</h3>
        <table className="grid" data-testid="by-field">
          <thead>
            <tr>
              <th>{managerText.field[lang]}</th>
              <FigureHeads lang={lang} />
              <th>{managerText.transfersInOut[lang]}</th>
            </tr>
          </thead>
          <tbody>
            {report.byField.map((f) => (
              <tr key={f.fieldId}>
                <td>{lang === 'vi' ? f.nameVi : f.nameEn}</td>
                <FigureCells f={f} lang={lang} />
                <td className="num">
                  {f.transferredIn} / {f.transferredOut}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="card">
        <h3>{managerText.byOfficer[lang]}</h3>
        <table className="grid" data-testid="by-officer">
          <thead>
            <tr>
              <th>{managerText.officer[lang]}</th>
              <FigureHeads lang={lang} />
            </tr>
          </thead>
          <tbody>
            {report.byOfficer.map((o) => (
              <tr key={o.staffId}>
                <td>{o.fullName}</td>
                <FigureCells f={o} lang={lang} />
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="card">
        <h3>{managerText.byCounter[lang]}</h3>
        <table className="grid" data-testid="by-counter">
          <thead>
            <tr>
              <th>{managerText.counter[lang]}</th>
              <FigureHeads lang={lang} />
            </tr>
          </thead>
          <tbody>
            {report.byCounter.map((c) => (
              <tr key={c.counterId}>
                <td>{lang === 'vi' ? c.nameVi : c.nameEn}</td>
                <FigureCells f={c} lang={lang} />
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="card">
        <h3>{managerText.pausesByReason[lang]}</h3>
        <table className="grid" data-testid="pauses">
          <thead>
            <tr>
              <th>{managerText.pauseReason[lang]}</th>
              <th>{managerText.pauseCount[lang]}</th>
              <th>{managerText.pauseTotal[lang]}</th>
            </tr>
          </thead>
          <tbody>
            {report.pauses.map((p) => (
              <tr key={p.reason} data-reason={p.reason}>
                <td>{lang === 'vi' ? p.vi : p.en}</td>
                <td className="num">{p.count}</td>
                <td className="num">{p.count ? durationWords(p.totalMs, lang) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}

function Exports({ query, token, lang, sms }: { query: StatsQuery; token: string; lang: Lang; sms: boolean }) {
  const [job, setJob] = useState<ExportStatus | null>(null);
  const [chosen, setTable] = useState<ExportTable>('summary');
  // The text messages' table is offered only where the figures have them.
  const tables = keysOf(exportTableText).filter((id) => id !== 'sms' || sms);
  const table = tables.includes(chosen) ? chosen : 'summary';
  const [csvStyle, setCsvStyle] = useState<CsvStyle>('excel-vn');
  const [reportNo, setReportNo] = useState('');
  const [error, setError] = useState<string | null>(null);
  const run = async (format: ExportFormat) => {
    setError(null);
    try {
      let s = await api('stats:export', { ...query, format, table, csvStyle, reportNo }, token);
      setJob(s);
      while (s.state === 'running') {
        await new Promise((r) => setTimeout(r, 250));
        s = await api('stats:export-status', { id: s.id }, token);
        setJob(s);
      }
      if (s.state === 'failed') {
        setError(managerText.theExportFailedPleaseTry[lang]);
        return;
      }
      const file = await api('stats:export-file', { id: s.id }, token);
      download(file.fileName, file.mime, file.base64);
    } catch (err) {
      setError(errorText(err, lang));
    }
  };
  const busy = job?.state === 'running';
  return (
    <section className="card exports">
      <h3>{managerText.export[lang]}</h3>
      <p className="muted">{managerText.officialReportExplain[lang]}</p>
      <div className="export-buttons">
        <label className="inline">
          {managerText.reportNo[lang]}
          <input
            className="short"
            name="reportNo"
            maxLength={20}
            placeholder="…"
            value={reportNo}
            onChange={(e) => setReportNo(e.target.value)}
          />
        </label>
        <button type="button" className="primary" disabled={busy} data-testid="export-xlsx" onClick={() => void run('xlsx')}>
          Excel (.xlsx)
        </button>
        <button type="button" disabled={busy} data-testid="export-pdf" onClick={() => void run('pdf')}>
          PDF
        </button>
        <span className="csv">
          <select value={table} onChange={(e) => setTable(oneOf(tables, e.target.value) ?? table)} aria-label={managerText.csvTable[lang]}>
            {tables.map((id) => (
              <option key={id} value={id}>
                {exportTableText[id][lang]}
              </option>
            ))}
          </select>
          <select
            value={csvStyle}
            onChange={(e) => setCsvStyle(oneOf(['excel-vn', 'standard'] as const, e.target.value) ?? csvStyle)}
            aria-label={managerText.csvStyle[lang]}
          >
            <option value="excel-vn">{managerText.csvExcelVn[lang]}</option>
            <option value="standard">{managerText.csvStandard[lang]}</option>
          </select>
          <button type="button" disabled={busy} data-testid="export-csv" onClick={() => void run('csv')}>
            CSV
          </button>
        </span>
      </div>
      <p className="muted">{csvStyle === 'excel-vn' ? managerText.csvExcelVnExplain[lang] : managerText.csvStandardExplain[lang]}</p>
      {job && (
        <div className="export-progress" data-testid="export-progress">
          <progress max={1} value={job.progress} />
          <span>{job.state === 'done' ? managerText.made[lang](job.fileName ?? '') : job.stage}</span>
        </div>
      )}
      <p className="muted">{managerText.exportsHoldFiguresOnlyNever[lang]}</p>
      <ErrorNote text={error} />
    </section>
  );
}

function ChainCheck({ token, lang }: { token: string; lang: Lang }) {
  const [result, setResult] = useState<{ ok: boolean; count: number; firstBrokenId: number | null } | null>(null);
  const [busy, setBusy] = useState(false);
  const check = async () => {
    setBusy(true);
    try {
      setResult(await api('ratings:verify', {}, token));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card">
      <h3>{managerText.integrityOfTheRatings[lang]}</h3>
      <button type="button" disabled={busy} data-testid="verify-ratings" onClick={() => void check()}>
        {managerText.verifyTheRatingChain[lang]}
      </button>
      {result && (
        <p className={result.ok ? 'ok' : 'error'} data-testid="verify-result">
          {result.ok
            ? managerText.intactRatingsNoneEditedOr[lang](int(result.count, lang))
            : managerText.tamperingFoundRatingIsThe[lang](result.firstBrokenId, result.count)}
        </p>
      )}
    </section>
  );
}
