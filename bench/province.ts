// `npm run bench -- province`: a province of 55 sites of mixed sizes and a year of history pushed
// through the real HTTP ingest (the built province server, dist/province.mjs) into a real
// PostgreSQL server, then the reports and the live table timed.
//
// Scale: MOTCUA_BENCH_PROVINCE_TICKETS tickets over the year (default 1,000,000; the issue's
// province-year is about 5,000,000). Reports read one row per site and day whatever the number of
// tickets (55 × 313 open days ≈ 17,000 rows), so their timings hold at full scale; ingest is
// measured per event, and the database size per million tickets.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
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
const YEAR = 2026;
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

const config = (name: string): SiteConfig => ({
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
function* siteJournal(ticketsPerDay: number, days: string[], rand: () => number): Generator<JournalEvent> {
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
        } as JournalEvent;
    }
  }
}

function seeded(seed: number): () => number {
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

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-bench-province-'));
  const cluster = await localCluster(dir, ['shared_buffers=512MB', 'max_wal_size=4GB', 'checkpoint_timeout=15min']);
  let child: ReturnType<typeof spawn> | null = null;
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
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    for (let i = 0; i < 200 && !/listening on (http:\/\/\S+)/.test(out); i++) await new Promise((r) => setTimeout(r, 100));
    const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
    if (!url) throw new Error(`province did not start:\n${out}`);
    const pid = child.pid!;
    let peakRss = rssMbOf(pid);
    const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, rssMbOf(pid))), 200);

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
    const tickets = Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM tickets')).rows[0]!.n);
    const siteDays = Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM agg_site_day')).rows[0]!.n);
    const storedEvents = Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM events')).rows[0]!.n);
    const partitions = Number(
      (await pool.query<{ n: string }>("SELECT count(*) AS n FROM pg_inherits WHERE inhparent = 'events'::regclass")).rows[0]!.n,
    );
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
      db_mb_per_million_tickets: round(bytes / 1024 / 1024 / (tickets / 1e6), 0),
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
        scale_note: `${TICKETS.toLocaleString('en')} tickets over ${days.length} open days; reports read one row per site-day whatever the tickets`,
        targets: {
          ingest_events_per_s: '≥ 20,000',
          year_report_ms: '≤ 1,000',
          month_report_ms: '≤ 200',
          live_site_event_to_console_p99_ms: '≤ 1,000 with 55 sites pushing',
        },
      },
    };
    console.log(JSON.stringify(result, null, 2));
    console.log(`written ${writeResult('province', result)}`);
  } finally {
    child?.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    await cluster.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}
