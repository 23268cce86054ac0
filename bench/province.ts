// `npm run bench -- province`: a province of 55 sites of mixed sizes and a year of history pushed
// through the real HTTP ingest (the built province server, dist/province.mjs) into a real
// PostgreSQL server, then the reports and the live table timed.
//
// Scale: MOTCUA_BENCH_PROVINCE_TICKETS tickets over the year (default 1,000,000; the issue's
// province-year is about 5,000,000). Reports read one row per site and day whatever the number of
// tickets (55 × 313 open days ≈ 17,000 rows), so their timings hold at full scale; ingest is
// measured per event and against PostgreSQL's own COPY of the same rows, and the size of the
// province's tables per million tickets.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import WebSocket from 'ws';
import { createProvinceClient, type JournalEvent, type ProvinceClient, type SiteConfig } from '../main/contract/index.ts';
import { localCluster } from '../province/localCluster.ts';
import { startTestHub, RealClock } from '../tests/helpers/hub.ts';
import { repoRoot } from '../tests/helpers/child.ts';
import { median, percentile, round, rssMbOf, writeResult } from './lib.ts';

const SITES = 55;
const TICKETS = Number(process.env.MOTCUA_BENCH_PROVINCE_TICKETS ?? 1_000_000);
const BATCH = 2000;
const PUSHERS = 6;
// A whole past year: the province refuses events from the future (more than a day ahead of its clock).
const YEAR = new Date().getUTCFullYear() - 1;
const MIN = 60_000;

/** Site sizes: one provincial center, a dozen branches, the rest communes (weights of daily load). */
function weights(): number[] {
  return Array.from({ length: SITES }, (_, i) => (i === 0 ? 12 : i <= 12 ? 4 : 1));
}

/** Open days of the year (Monday to Saturday). */
function openDays(): string[] {
  const out: string[] = [];
  for (let d = Date.UTC(YEAR, 0, 1); d < Date.UTC(YEAR + 1, 0, 1); d += 86_400_000) {
    if (new Date(d).getUTCDay() !== 0) out.push(new Date(d).toISOString().slice(0, 10));
  }
  return out;
}

export const config = (name: string): SiteConfig => ({
  centerName: name,
  centerNameEn: name,
  timezone: 'Asia/Ho_Chi_Minh',
  satisfiedLevels: [4, 3],
  fields: [1, 2, 3, 4, 5, 6].map((id) => ({
    id,
    code: `F${id}`,
    nameVi: `Lĩnh vực ${id}`,
    nameEn: `Field ${id}`,
    targetWaitMin: 20,
    active: true,
  })),
  counters: [1, 2, 3, 4].map((id) => ({ id, number: id, nameVi: `Quầy số ${id}`, nameEn: `Counter ${id}`, active: true })),
});

/** One site's journal for the year, made lazily batch by batch (a year of a big site is a million events). */
export function* siteJournal(ticketsPerDay: number, days: string[], rand: () => number): Generator<JournalEvent> {
  let seq = 0;
  let id = 0;
  for (const day of days) {
    const open = Date.parse(`${day}T00:30:00Z`); // 07:30 in Hà Nội
    const perDay = Math.max(1, Math.round(ticketsPerDay * (0.6 + rand() * 0.8)));
    for (let k = 0; k < perDay; k++) {
      id++;
      const fieldId = 1 + (k % 6);
      const issuedAt = open + Math.floor((k / perDay) * 8 * 60) * MIN;
      const calledAt = issuedAt + Math.floor(rand() * 40 * MIN);
      const servingAt = calledAt + MIN;
      const finishedAt = servingAt + Math.floor((3 + rand() * 15) * MIN);
      const counterId = 1 + (k % 4);
      const base = {
        id,
        serviceDay: day,
        number: 1000 + k,
        fieldId,
        priority: k % 9 === 0,
        source: 'kiosk' as const,
        issuedAt,
        counterNumber: null,
        targetCounterId: null,
        transferCount: 0,
      };
      const noShow = rand() < 0.06;
      const ev = (type: string, at: number, ticket: object): JournalEvent =>
        ({ seq: ++seq, at, type, ticketId: id, counterId: null, fieldId, staffId: null, data: { ticket, waiting: {} } }) as JournalEvent;
      yield ev('ticket:issued', issuedAt, {
        ...base,
        status: 'waiting',
        calledAt: null,
        servingAt: null,
        finishedAt: null,
        counterId: null,
        callCount: 0,
      });
      yield ev('ticket:called', calledAt, {
        ...base,
        status: 'called',
        calledAt,
        servingAt: null,
        finishedAt: null,
        counterId,
        counterNumber: counterId,
        callCount: 1,
      });
      if (noShow) {
        yield ev('ticket:no-show', calledAt + 2 * MIN, {
          ...base,
          status: 'no_show',
          calledAt,
          servingAt: null,
          finishedAt: calledAt + 2 * MIN,
          counterId,
          counterNumber: counterId,
          callCount: 1,
        });
        continue;
      }
      yield ev('ticket:started', servingAt, {
        ...base,
        status: 'serving',
        calledAt,
        servingAt,
        finishedAt: null,
        counterId,
        counterNumber: counterId,
        callCount: 1,
      });
      yield ev('ticket:finished', finishedAt, {
        ...base,
        status: 'done',
        calledAt,
        servingAt,
        finishedAt,
        counterId,
        counterNumber: counterId,
        callCount: 1,
      });
      if (rand() < 0.6)
        yield {
          seq: ++seq,
          at: finishedAt + 10_000,
          type: 'rating:submitted',
          ticketId: id,
          counterId,
          fieldId,
          staffId: null,
          data: { ticketId: id, level: rand() < 0.85 ? 4 - Math.floor(rand() * 2) : 1 + Math.floor(rand() * 2) },
        };
    }
  }
}

export function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

async function pushSite(api: ProvinceClient, token: string, name: string, events: Generator<JournalEvent>): Promise<number> {
  let batch: JournalEvent[] = [];
  let from = 1;
  let sent = 0;
  let first = true;
  const flush = async () => {
    if (batch.length === 0) return;
    const to = batch[batch.length - 1]!.seq;
    await api('province:push', { fromSeq: from, toSeq: to, events: batch, ...(first ? { config: config(name) } : {}) }, token);
    first = false;
    sent += batch.length;
    from = to + 1;
    batch = [];
  };
  for (const e of events) {
    batch.push(e);
    if (batch.length === BATCH) await flush();
  }
  await flush();
  return sent;
}

/**
 * PostgreSQL's own speed at taking the same events: every site's journal written as the rows the
 * province stores (COPY text format, in a file the server reads), then COPYed into an unindexed
 * table of the events' columns. Only the COPY is timed.
 */
async function copyBaseline(
  pool: pg.Pool,
  dir: string,
  sites: readonly { perDay: number }[],
  days: string[],
): Promise<{ eventsPerS: number; rows: number }> {
  const file = join(dir, 'events.copy');
  const out = createWriteStream(file, { mode: 0o644 });
  const nul = (v: number | null) => (v === null ? '\\N' : String(v));
  let rows = 0;
  for (let i = 0; i < sites.length; i++) {
    let chunk = '';
    for (const e of siteJournal(sites[i]!.perDay, days, seeded(i + 1))) {
      chunk += `${e.seq}\t${e.at}\t${i + 1}\t${e.type}\t${nul(e.ticketId)}\t${nul(e.counterId)}\t${nul(e.fieldId)}\t${nul(e.staffId)}\n`;
      rows++;
      if (chunk.length > 1 << 20) {
        if (!out.write(chunk)) await once(out, 'drain');
        chunk = '';
      }
    }
    out.write(chunk);
  }
  await new Promise<void>((ok, fail) => out.end((err?: Error | null) => (err ? fail(err) : ok())));
  await pool.query('CREATE TABLE copy_baseline (LIKE events)'); // logged, as events are, and without their index
  const t0 = performance.now();
  await pool.query(`COPY copy_baseline (seq, at, site_id, type, ticket_id, counter_id, field_id, staff_id) FROM '${file}'`);
  const ms = performance.now() - t0;
  await pool.query('DROP TABLE copy_baseline');
  rmSync(file, { force: true });
  return { eventsPerS: rows / (ms / 1000), rows };
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-bench-province-'));
  const cluster = await localCluster(dir, ['shared_buffers=512MB', 'max_wal_size=4GB', 'checkpoint_timeout=15min']);
  let child: ReturnType<typeof spawn> | null = null;
  let out = '';
  try {
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query('CREATE DATABASE province_bench');
    await admin.end();
    const dbUrl = cluster.url.replace(/\/postgres$/, '/province_bench');
    child = spawn(process.execPath, ['dist/province.mjs', '--database', dbUrl, '--port', '0', '--host', '127.0.0.1'], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    for (let i = 0; i < 200 && !/listening on (http:\/\/\S+)/.test(out); i++) await new Promise((r) => setTimeout(r, 100));
    const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
    if (!url) throw new Error(`province did not start:\n${out}`);
    child.once('exit', (code, signal) => {
      if (code !== 0 && signal !== 'SIGTERM') console.error(`province server exited (${code ?? signal}):\n${out.slice(-4000)}`);
    });
    const pid = child.pid!;
    let peakRss = rssMbOf(pid);
    const rssTimer = setInterval(() => {
      if (child?.exitCode === null) peakRss = Math.max(peakRss, rssMbOf(pid));
    }, 200);

    const api = createProvinceClient({ baseUrl: url });
    const staff = (await api('province:login', { username: 'tinh', password: 'motcua-tinh' })).token;
    const days = openDays();
    const w = weights();
    const totalWeight = w.reduce((a, b) => a + b, 0);
    const sites: { name: string; token: string; perDay: number }[] = [];
    for (let i = 0; i < SITES; i++) {
      const name = i === 0 ? 'Trung tâm tỉnh' : i <= 12 ? `Chi nhánh ${i}` : `Xã ${i}`;
      const { code } = await api(
        'province:site-create',
        { name, level: i === 0 ? 'tinh' : i <= 12 ? 'chi-nhanh' : 'xa', district: '' },
        staff,
      );
      const { token } = await api('province:join', { code });
      sites.push({ name, token, perDay: (TICKETS * (w[i]! / totalWeight)) / days.length });
    }

    // The live probe: a real hub calling numbers while the 55 sites push; call → console event.
    const ws = new WebSocket(url.replace('http', 'ws') + '/api/province/ws');
    await new Promise<void>((ok) => ws.once('open', () => ok()));
    ws.send(JSON.stringify({ token: staff }));
    const hub = await startTestHub({ clock: new RealClock(), provinceIdleMs: 1000, issueLimit: null, alertCheckMs: 3_600_000 });
    const probe = await api('province:site-create', { name: 'Điểm đo', level: 'xa', district: '' }, staff);
    await hub.api('province-link:join', { url, code: probe.code, shareNames: false }, await hub.login('admin'));
    const kiosk = await hub.device('kiosk');
    const officer = await hub.officerAt(1);
    const arrivals = new Map<number, number>();
    ws.on('message', (d) => {
      const m = JSON.parse(d.toString()) as { type: string; site?: { id: number; waiting: number } };
      if (m.type === 'site' && m.site?.id === probe.site.id) arrivals.set(m.site.waiting, performance.now());
    });
    const liveMs: number[] = [];
    let pushing = true;
    const probing = (async () => {
      for (let i = 0; i < 400; i++) await hub.api('ticket:issue', { fieldId: await hub.fieldId('TP'), priority: false }, kiosk);
      await new Promise((r) => setTimeout(r, 2000));
      let waiting = 400;
      while (pushing && waiting > 0) {
        const t0 = performance.now();
        await hub.api('counter:call-next', {}, officer);
        await hub.api('ticket:no-show', { id: (await hub.api('counter:get', {}, officer)).current!.id }, officer);
        waiting--;
        for (let k = 0; k < 100 && !arrivals.has(waiting); k++) await new Promise((r) => setTimeout(r, 20));
        const at = arrivals.get(waiting);
        if (at !== undefined) liveMs.push(at - t0);
        await new Promise((r) => setTimeout(r, 300));
      }
    })();

    // The year, pushed by several pushers in parallel, each taking the next site.
    const t0 = performance.now();
    let next = 0;
    let events = 0;
    await Promise.all(
      Array.from({ length: PUSHERS }, async () => {
        while (next < sites.length) {
          const i = next++;
          const s = sites[i]!;
          const sent = await pushSite(api, s.token, s.name, siteJournal(s.perDay, days, seeded(i + 1)));
          events += sent; // not `events += await …`: that reads the total before the wait and loses the others' additions
        }
      }),
    );
    const ingestMs = performance.now() - t0;
    pushing = false;
    await probing;

    // Reports: the year and a month over every site, warm (medians of 5).
    const timed = async (fn: () => Promise<unknown>) => {
      const ms: number[] = [];
      for (let i = 0; i < 5; i++) {
        const a = performance.now();
        await fn();
        ms.push(performance.now() - a);
      }
      return median(ms);
    };
    const year = await timed(() => api('province:report', { from: `${YEAR}-01-01`, to: `${YEAR}-12-31` }, staff));
    const month = await timed(() => api('province:report', { from: `${YEAR}-11-01`, to: `${YEAR}-11-30` }, staff));
    const siteYear = await timed(() => api('province:site-report', { id: 1, from: `${YEAR}-01-01`, to: `${YEAR}-12-31` }, staff));
    const floor = await timed(() => api('province:floor', {}, staff));
    const pool = new pg.Pool({ connectionString: dbUrl });
    const bytes = Number((await pool.query<{ n: string }>('SELECT pg_database_size(current_database()) AS n')).rows[0]!.n);
    // The province's tables with their indexes (a partition counts to its parent): what a year costs.
    const tables = new Map(
      (
        await pool.query<{ name: string; n: string }>(
          `SELECT COALESCE(p.relname, c.relname) AS name, sum(pg_total_relation_size(c.oid)) AS n
            FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
            LEFT JOIN pg_inherits i ON i.inhrelid = c.oid LEFT JOIN pg_class p ON p.oid = i.inhparent
            WHERE s.nspname = 'public' AND c.relkind = 'r' GROUP BY 1 ORDER BY 2 DESC`,
        )
      ).rows.map((r) => [r.name, Number(r.n)]),
    );
    const tableBytes = [...tables.values()].reduce((a, b) => a + b, 0);
    const tickets = Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM tickets')).rows[0]!.n);
    const siteDays = Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM agg_site_day')).rows[0]!.n);
    const storedEvents = Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM events')).rows[0]!.n);
    const partitions = Number(
      (await pool.query<{ n: string }>("SELECT count(*) AS n FROM pg_inherits WHERE inhparent = 'events'::regclass")).rows[0]!.n,
    );
    // PostgreSQL's own limit: the same event rows COPYed from a file into an unindexed table.
    const copy = await copyBaseline(pool, dir, sites, days);
    await pool.end();
    clearInterval(rssTimer);
    ws.close();
    await hub.close();

    const result = {
      ingest_events_per_s: round(events / (ingestMs / 1000), 0),
      year_report_ms: round(year, 1),
      month_report_ms: round(month, 1),
      site_year_drilldown_ms: round(siteYear, 1),
      live_floor_ms: round(floor, 1),
      live_site_event_to_console_p50_ms: round(median(liveMs), 1),
      live_site_event_to_console_p99_ms: round(percentile(liveMs, 99), 1),
      table_mb_per_million_tickets: round(tableBytes / 1024 / 1024 / (tickets / 1e6), 0),
      ingest_to_copy_ratio: round(events / (ingestMs / 1000) / copy.eventsPerS, 3),
      province_peak_rss_mb: peakRss,
      detail: {
        sites: SITES,
        tickets,
        events,
        events_stored: storedEvents,
        event_partitions: partitions,
        site_days: siteDays,
        ingest_s: round(ingestMs / 1000, 1),
        pushers: PUSHERS,
        batch_events: BATCH,
        live_samples: liveMs.length,
        db_mb: round(bytes / 1024 / 1024, 0),
        db_mb_per_million_tickets: round(bytes / 1024 / 1024 / (tickets / 1e6), 0),
        table_mb: Object.fromEntries([...tables].map(([name, n]) => [name, round(n / 1024 / 1024, 1)])),
        bytes_per_ticket: Object.fromEntries([...tables].map(([name, n]) => [name, round(n / tickets, 1)])),
        copy_events_per_s: round(copy.eventsPerS, 0),
        copy_rows: copy.rows,
        scale_note: `${TICKETS.toLocaleString('en')} tickets over ${days.length} open days; reports read one row per site-day whatever the tickets`,
        targets: {
          table_mb_per_million_tickets: '≤ 640',
          ingest_events_per_s: '≥ 20,000',
          year_report_ms: '≤ 1,000',
          month_report_ms: '≤ 200',
          live_site_event_to_console_p99_ms: '≤ 1,000 with 55 sites pushing',
        },
      },
    };
    console.log(JSON.stringify(result, null, 2));
    console.log(`written ${writeResult('province', result)}`);
  } catch (err) {
    writeFileSync(join(tmpdir(), 'motcua-bench-province.log'), out);
    console.error(`province server's last words (all in ${join(tmpdir(), 'motcua-bench-province.log')}):\n${out.slice(-4000)}`);
    throw err;
  } finally {
    child?.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    await cluster.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}
