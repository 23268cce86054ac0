// The province on a real PostgreSQL server the test starts, with real hubs on loopback pushing
// their journals through the real HTTP ingest: sites join, tickets flow, the province's figures
// equal each hub's own statistics, a hub offline for a day catches up with no gap or duplicate,
// and a site can push only as itself.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createProvinceClient, type ProvinceClient, type SiteLive } from '../../main/contract/index.ts';
import type { ProvinceServer } from '../../province/server.ts';
import { bucketWidthMs, WAIT_BUCKETS, waitBucket } from '../../main/reports/countingRules.ts';
import { migrate, openPool } from '../../province/db/pool.ts';
import { migrations } from '../../province/db/schema.ts';
import { openDatabase } from '../../db/open.ts';
import { seedSampleYear } from '../../tools/sampleYear.ts';
import { errorCode, TestClock, type TestHub } from '../helpers/hub.ts';
import { hasPostgres, startPostgres, type TestPostgres } from '../helpers/postgres.ts';
import { aDay, caughtUp, joinSite, linkedHub, provinceApi, provinceOn, staffToken } from '../helpers/province.ts';

const maybe = hasPostgres ? describe : describe.skip;
if (!hasPostgres) console.warn('SKIPPED province tests: PostgreSQL is missing (apt-get install -y postgresql)');

const MIN = 60_000;
let server: TestPostgres;
let dbUrl: string;
let province: ProvinceServer;
let api: ProvinceClient;
let staff: string;
let clock: TestClock;
const hubs: TestHub[] = [];
let n = 0;

beforeAll(async () => {
  if (hasPostgres) server = await startPostgres();
});
afterAll(async () => {
  await server?.stop();
});
beforeEach(async () => {
  if (!hasPostgres) return;
  clock = new TestClock();
  dbUrl = await server.database(`province_${process.pid}_${++n}`);
  province = await provinceOn(dbUrl, clock);
  api = provinceApi(province);
  staff = await staffToken(api);
});
afterEach(async () => {
  for (const h of hubs.splice(0)) await h.close();
  await province?.close();
});

/** A center joined to the province: its hub pushes as soon as its journal moves. */
async function joinedHub(name: string): Promise<{ hub: TestHub; siteId: number }> {
  const hub = await linkedHub(clock);
  hubs.push(hub);
  const { siteId, linked } = await joinSite(province, staff, name, hub);
  expect(linked).toMatchObject({ linked: true, siteName: name });
  return { hub, siteId };
}

maybe('the province', () => {
  it("joins sites with a one-time code; each site's figures equal its hub's own statistics", async () => {
    const a = await joinedHub('Xã Hòa Bình');
    const b = await joinedHub('Xã An Phú');
    await aDay(a.hub, clock, 40);
    await aDay(b.hub, clock, 25);
    await caughtUp(a.hub);
    await caughtUp(b.hub);

    const today = '2026-11-23';
    const report = await api('province:report', { from: today, to: today }, staff);
    for (const { hub, siteId } of [a, b]) {
      const own = (await hub.api('stats:report', { preset: 'today' }, await hub.login('quanly'))).summary;
      const row = report.sites.find((s) => s.siteId === siteId)!;
      expect(row).toMatchObject({
        issued: own.issued,
        served: own.served,
        noShow: own.noShow,
        cancelled: own.cancelled,
        ratings: own.ratings,
      });
      // The center rounds its averages to the millisecond.
      expect(Math.round(row.waitAvgMs!)).toBe(own.waitAvgMs);
      expect(Math.round(row.serviceAvgMs!)).toBe(own.serviceAvgMs);
      expect(row.satisfactionIndex).toBeCloseTo(own.satisfactionIndex!, 9);
      expect(row.noShowRate).toBeCloseTo(own.noShowRate!, 9);
      // P90 from the histogram: within one bucket of the exact figure.
      expect(Math.abs(row.waitP90Ms! - own.waitP90Ms!)).toBeLessThanOrEqual(bucketWidthMs(own.waitP90Ms!));
    }
    expect(report.total.issued).toBe(report.sites.reduce((s, r) => s + r.issued, 0));
    expect(report.sites.map((s) => s.rank)).toEqual([1, 2]);

    // Drill-down: the fields and counters as the center counts them, each with its P90 wait.
    const detail = await api('province:site-report', { id: a.siteId, from: today, to: today }, staff);
    const own = await a.hub.api('stats:report', { preset: 'today' }, await a.hub.login('quanly'));
    const withinBucket = (p: number | null, exact: number | null) =>
      exact === null ? p === null : p !== null && Math.abs(p - exact) <= bucketWidthMs(exact);
    for (const f of own.byField.filter((x) => x.issued > 0 || x.served > 0)) {
      const row = detail.fields.find((x) => x.fieldId === f.fieldId)!;
      expect(row).toMatchObject({ issued: f.issued, served: f.served, noShow: f.noShow, ratings: f.ratings, name: f.nameVi });
      expect(withinBucket(row.waitP90Ms, f.waitP90Ms)).toBe(true);
    }
    expect(own.byCounter.length).toBeGreaterThan(0);
    for (const c of own.byCounter) {
      const row = detail.counters.find((x) => x.counterId === c.counterId)!;
      expect(row).toMatchObject({ issued: c.issued, served: c.served, noShow: c.noShow, ratings: c.ratings });
      expect(withinBucket(row.waitP90Ms, c.waitP90Ms)).toBe(true);
    }

    // Nothing personal left the center: no officer's name, no transfer note.
    const pool = new pg.Pool({ connectionString: dbUrl });
    try {
      const raw = await pool.query<{ row: unknown }>('SELECT to_jsonb(e) AS row FROM events e');
      const tickets = await pool.query<{ row: unknown }>('SELECT to_jsonb(t) AS row FROM tickets t');
      const text = JSON.stringify([...raw.rows, ...tickets.rows]);
      expect(text).not.toContain('Nguyễn Thị Lan');
      expect(text).not.toContain('thiếu giấy tờ');
      expect(raw.rows.length).toBeGreaterThan(100);
    } finally {
      await pool.end();
    }
  });

  it("migration 5 turns a province of ticket-carrying JSON events into columns, with each ticket number and each group's wait histogram", async () => {
    const url = await server.database(`province_v5_${process.pid}_${++n}`);
    const pool = openPool(url);
    try {
      // A province as it was before: migrations 1 and 2, events carrying their ticket as JSON.
      await pool.query('CREATE TABLE schema_migrations (version int PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
      for (const m of migrations.filter((x) => x.version <= 2)) {
        await pool.query(m.sql);
        await pool.query('INSERT INTO schema_migrations (version) VALUES ($1)', [m.version]);
      }
      const at = Date.parse('2026-11-23T02:00:00Z');
      await pool.query(
        `CREATE TABLE events_2026_11 PARTITION OF events FOR VALUES FROM (${Date.UTC(2026, 10, 1)}) TO (${Date.UTC(2026, 11, 1)})`,
      );
      await pool.query("INSERT INTO sites (id, name, level, created_at) VALUES (1, 'Xã Cũ', 'xa', 0)");
      const ticket = (id: number, number: number) => ({ id, number, fieldId: 2, status: 'waiting' });
      await pool.query(
        `INSERT INTO events (site_id, seq, at, type, ticket_id, counter_id, field_id, staff_id, data) VALUES
          (1, 1, $1::bigint, 'ticket:issued', 7, NULL, 2, NULL, $2), (1, 2, $1::bigint + 60000, 'ticket:issued', 8, NULL, 2, NULL, $3),
          (1, 3, $1::bigint + 900000, 'ticket:called', 7, 3, 2, 5, $2), (1, 4, $1::bigint + 2000000, 'rating:submitted', 7, 3, 2, NULL, '{"ticketId":7,"level":4}')`,
        [at, JSON.stringify({ ticket: ticket(7, 1001), waiting: {} }), JSON.stringify({ ticket: ticket(8, 1002), waiting: {} })],
      );
      await pool.query(
        `INSERT INTO tickets (site_id, ticket_id, service_day, issue_field, field_id, counter_id, status, issued_at, first_called_at, called_at, level)
          VALUES (1, 7, '2026-11-23', 2, 2, 3, 'called', $1::bigint, $1::bigint + 900000, $1::bigint + 900000, 4),
            (1, 8, '2026-11-23', 2, 2, 0, 'waiting', $1::bigint + 60000, NULL, NULL, NULL)`,
        [at],
      );
      await pool.query(
        `INSERT INTO agg_group VALUES (1, '2026-11-23', 2, 2, 3, 1, 0, 0, 0, 1, 900000, 0, 0, '{0,0,0,0,1,0,0,0,0,0,0}'),
          (1, '2026-11-23', 2, 2, 0, 1, 0, 0, 0, 0, 0, 0, 0, '{0,0,0,0,0,0,0,0,0,0,0}')`,
      );
      await migrate(pool);
      const events = await pool.query<{ seq: string; type: string; ticket_id: number; counter_id: number | null; staff_id: number | null }>(
        'SELECT seq, type::text AS type, ticket_id, counter_id, staff_id FROM events ORDER BY seq',
      );
      expect(events.rows.map((r) => [Number(r.seq), r.type, r.ticket_id, r.counter_id, r.staff_id])).toEqual([
        [1, 'ticket:issued', 7, null, null],
        [2, 'ticket:issued', 8, null, null],
        [3, 'ticket:called', 7, 3, 5],
        [4, 'rating:submitted', 7, 3, null],
      ]);
      const columns = (
        await pool.query<{ c: string }>("SELECT column_name AS c FROM information_schema.columns WHERE table_name = 'events'")
      ).rows;
      expect(columns.map((r) => r.c)).not.toContain('data');
      const numbers = await pool.query<{ ticket_id: string; number: number }>('SELECT ticket_id, number FROM tickets ORDER BY ticket_id');
      expect(numbers.rows.map((r) => [Number(r.ticket_id), r.number])).toEqual([
        [7, 1001],
        [8, 1002],
      ]);
      // Ticket 7 waited 15 minutes (bucket 14: 14 ≤ 15 < 16 minutes); ticket 8 is still waiting.
      const hist = await pool.query<{ counter_id: number; wait_hist: number[] }>(
        'SELECT counter_id, wait_hist FROM agg_group ORDER BY counter_id',
      );
      expect(hist.rows[0]).toEqual({ counter_id: 0, wait_hist: [] });
      expect(hist.rows[1]!.wait_hist.length).toBe(WAIT_BUCKETS);
      expect(hist.rows[1]!.wait_hist.map((x, i) => (x > 0 ? [i, x] : null)).filter(Boolean)).toEqual([[waitBucket(900_000), 1]]);
    } finally {
      await pool.end();
    }
  });

  it('a center filled by seed:year sends its year through the journal: the province shows the year the center shows', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'motcua-seeded-'));
    try {
      const db = openDatabase(join(dir, 'motcua.db'));
      const seeded = await seedSampleYear(db, { endDay: '2026-11-20', tickets: 2000 });
      db.close();
      const hub = await linkedHub(clock, dir);
      hubs.push(hub);
      const { site, code } = await api('province:site-create', { name: 'Trung tâm mẫu', level: 'tinh', district: '' }, staff);
      await hub.api('province-link:join', { url: province.url, code, shareNames: false }, await hub.login('admin'));
      await caughtUp(hub);
      const period = { from: seeded.firstDay, to: seeded.lastDay };
      const own = (await hub.api('stats:report', { preset: 'custom', ...period }, await hub.login('quanly'))).summary;
      const row = (await api('province:report', period, staff)).sites.find((s) => s.siteId === site.id)!;
      expect(row.issued).toBe(seeded.tickets);
      expect(row).toMatchObject({
        issued: own.issued,
        served: own.served,
        noShow: own.noShow,
        cancelled: own.cancelled,
        ratings: own.ratings,
      });
      expect(Math.round(row.waitAvgMs!)).toBe(own.waitAvgMs);
      expect(row.satisfactionIndex).toBeCloseTo(own.satisfactionIndex!, 9);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a hub offline for a day catches up in order, with no gap and no duplicate', async () => {
    const a = await joinedHub('Xã Tân Lập');
    await aDay(a.hub, clock, 10);
    await caughtUp(a.hub);
    // The province goes away for a day; the center works as ever.
    const port = province.port;
    await province.close();
    await aDay(a.hub, clock, 15);
    clock.advance(24 * 60 * MIN);
    await aDay(a.hub, clock, 12);
    const admin = await a.hub.login('admin');
    await expect.poll(async () => (await a.hub.api('province-link:get', {}, admin)).lastError, { timeout: 10_000 }).not.toBeNull();
    expect((await a.hub.api('province-link:get', {}, admin)).backlog).toBeGreaterThan(0);

    province = await provinceOn(dbUrl, clock, port);
    staff = await staffToken(api); // a day later: signed in again
    await caughtUp(a.hub);
    const status = await a.hub.api('province-link:get', {}, admin);
    expect(status).toMatchObject({ ackedSeq: status.head, lastError: null });

    const pool = new pg.Pool({ connectionString: dbUrl });
    try {
      const seqs = (await pool.query<{ seq: string }>('SELECT seq FROM events WHERE site_id = $1 ORDER BY seq', [a.siteId])).rows.map((r) =>
        Number(r.seq),
      );
      expect(new Set(seqs).size).toBe(seqs.length); // no duplicate
      const hubSeqs = (await a.hub.api('journal:list', { since: 0, limit: 1000 }, admin)).events
        .filter((e) => /^(ticket|counter|rating):/.test(e.type))
        .map((e) => e.seq);
      expect(seqs).toEqual(hubSeqs.filter((s) => s <= status.ackedSeq)); // no gap: every kept event, in order
      // Partitioned by month: the rows sit in the month's partition.
      const parts = await pool.query<{ relname: string }>("SELECT relname FROM pg_class WHERE relname LIKE 'events_2026_%'");
      expect(parts.rows.map((r) => r.relname)).toContain('events_2026_11');
    } finally {
      await pool.end();
    }
    for (const day of ['2026-11-23', '2026-11-24']) {
      const own = (await a.hub.api('stats:report', { preset: 'custom', from: day, to: day }, await a.hub.login('quanly'))).summary;
      const row = (await api('province:report', { from: day, to: day }, staff)).sites[0]!;
      expect(row).toMatchObject({
        issued: own.issued,
        served: own.served,
        noShow: own.noShow,
        cancelled: own.cancelled,
        ratings: own.ratings,
      });
    }
  });

  it('a site pushes only as itself; a revoked token is refused at once; a malformed batch stores nothing', async () => {
    const a = await joinedHub('Xã Đông Hưng');
    await aDay(a.hub, clock, 4);
    await caughtUp(a.hub);
    const pool = new pg.Pool({ connectionString: dbUrl });
    const count = async () => Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM events')).rows[0]!.n);
    try {
      const before = await count();
      // A join code works once.
      const { code } = await api('province:site-create', { name: 'Xã Thử', level: 'xa', district: '' }, staff);
      const joined = await api('province:join', { code });
      expect(await errorCode(api('province:join', { code }))).toBe('PAIRING_CODE_INVALID');
      const acked = (await api('province:ack', {}, joined.token)).ackedSeq;
      expect(acked).toBe(0);
      // A malformed event (a ticket without its data) and a batch out of order: refused whole.
      const bad = {
        fromSeq: 1,
        toSeq: 2,
        events: [{ seq: 1, at: clock.read(), type: 'ticket:issued', ticketId: 1, counterId: null, fieldId: 1, staffId: null, data: {} }],
      };
      expect(await errorCode(api('province:push', bad as never, joined.token))).toBe('VALIDATION');
      expect(await errorCode(api('province:push', { fromSeq: 5, toSeq: 6, events: [] }, joined.token))).toBe('PUSH_GAP');
      expect(await count()).toBe(before);
      // Sent again, the same sequences must carry the same events: a journal that started over
      // (a hub restored from a backup) is refused, never merged in silence.
      const counter = (seq: number, state: 'open' | 'closed') =>
        ({
          seq,
          at: clock.read() + seq,
          type: state === 'open' ? 'counter:opened' : 'counter:closed',
          ticketId: null,
          counterId: 1,
          fieldId: null,
          staffId: null,
          data: { counter: { id: 1, number: 1, state, staffName: null, staffId: null } },
        }) as const;
      const batch = { fromSeq: 1, toSeq: 2, events: [counter(1, 'open'), counter(2, 'closed')] };
      expect(await api('province:push', batch as never, joined.token)).toMatchObject({ ackedSeq: 2 });
      expect(await api('province:push', batch as never, joined.token)).toMatchObject({ ackedSeq: 2 }); // the same again: stored once
      const other = { fromSeq: 2, toSeq: 3, events: [counter(2, 'open'), counter(3, 'closed')] };
      expect(await errorCode(api('province:push', other as never, joined.token))).toBe('JOURNAL_DIVERGED');
      expect((await api('province:ack', {}, joined.token)).ackedSeq).toBe(2);
      const mine = Number(
        (await pool.query<{ n: string }>('SELECT count(*) AS n FROM events WHERE site_id = $1', [joined.siteId])).rows[0]!.n,
      );
      expect(mine).toBe(2);
      // Staff tokens cannot push; sites cannot read the province's tables.
      expect(await errorCode(api('province:push', { fromSeq: 1, toSeq: 1, events: [] }, staff))).toBe('FORBIDDEN');
      expect(await errorCode(api('province:floor', {}, joined.token))).toBe('FORBIDDEN');
      // Revoked: the next push is refused.
      await api('province:site-revoke', { id: a.siteId }, staff);
      await aDay(a.hub, clock, 2);
      const admin = await a.hub.login('admin');
      await expect
        .poll(async () => (await a.hub.api('province-link:get', {}, admin)).lastError, { timeout: 10_000 })
        .toContain('UNAUTHENTICATED');
      expect(await count()).toBe(before + 2); // the test site's two events; nothing from the revoked one
    } finally {
      await pool.end();
    }
  });

  it('the live table follows a call at a site within a second', async () => {
    const a = await joinedHub('Xã Quảng Phú');
    const kiosk = await a.hub.device('kiosk');
    const c1 = await a.hub.officerAt(1);
    await a.hub.api('ticket:issue', { fieldId: await a.hub.fieldId('TP'), priority: false }, kiosk);
    await a.hub.api('ticket:issue', { fieldId: await a.hub.fieldId('TP'), priority: false }, kiosk);
    await caughtUp(a.hub);
    const floor = await api('province:floor', {}, staff);
    expect(floor.sites.find((s) => s.id === a.siteId)).toMatchObject({ waiting: 2, openCounters: 1, issuedToday: 2, joined: true });

    const { default: WebSocket } = await import('ws');
    const ws = new WebSocket(province.url.replace('http', 'ws') + '/api/province/ws');
    const seen: SiteLive[] = [];
    await new Promise<void>((resolve) => ws.once('open', () => resolve()));
    ws.send(JSON.stringify({ token: staff }));
    await new Promise<void>((resolve) =>
      ws.on('message', (d) => {
        const m = JSON.parse(d.toString()) as { type: string; site?: SiteLive };
        if (m.type === 'subscribed') resolve();
        if (m.site) seen.push(m.site);
      }),
    );
    const t0 = Date.now();
    await a.hub.api('counter:call-next', {}, c1);
    await expect.poll(() => seen.find((s) => s.id === a.siteId && s.waiting === 1), { timeout: 1000, interval: 10 }).toBeTruthy();
    expect(Date.now() - t0).toBeLessThan(1000);
    ws.close();
  });
});

maybe('the province server killed mid-ingest', () => {
  it('kill -9 loses nothing acknowledged; the hub resends and the figures come out the same', async () => {
    const { spawn } = await import('node:child_process');
    const { repoRoot, waitExit } = await import('../helpers/child.ts');
    const start = async (port: number) => {
      const child = spawn(process.execPath, ['dist/province.mjs', '--database', dbUrl, '--port', String(port), '--host', '127.0.0.1'], {
        cwd: repoRoot,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (out += d.toString()));
      await expect.poll(() => /listening on (http:\/\/\S+)/.exec(out)?.[1], { timeout: 20_000 }).toBeTruthy();
      return { child, url: /listening on (http:\/\/\S+)/.exec(out)![1]! };
    };
    // The in-process server of the other tests steps aside: this one runs the built bundle.
    const port = province.port;
    await province.close();
    let proc = await start(port);
    const papi = createProvinceClient({ baseUrl: proc.url });
    const tok = await staffToken(papi);
    const { site, code } = await papi('province:site-create', { name: 'Xã Bền Bỉ', level: 'xa', district: '' }, tok);

    // A backlog of several batches, made while the link is down.
    const hub = await linkedHub(clock, { provinceBatchEvents: 100 });
    hubs.push(hub);
    const kiosk = await hub.device('kiosk');
    for (let i = 0; i < 400; i++)
      await hub.api('ticket:issue', { fieldId: await hub.fieldId(i % 2 ? 'TP' : 'DD'), priority: false }, kiosk);
    await aDay(hub, clock, 30);
    const pool = new pg.Pool({ connectionString: dbUrl });
    try {
      const stored = async () =>
        Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM events WHERE site_id = $1', [site.id])).rows[0]!.n);
      await hub.api('province-link:join', { url: proc.url, code, shareNames: false }, await hub.login('admin'));
      // Killed as soon as the first batch has landed, while the next is on its way.
      await expect.poll(stored, { timeout: 20_000, interval: 5 }).toBeGreaterThan(0);
      proc.child.kill('SIGKILL');
      await waitExit(proc.child);
      const afterKill = await stored();
      const beforeRestart = (
        await pool.query<{ seq: string }>('SELECT seq FROM events WHERE site_id = $1 ORDER BY seq', [site.id])
      ).rows.map((r) => Number(r.seq));
      proc = await start(port);
      await caughtUp(hub);
      const seqs = (await pool.query<{ seq: string }>('SELECT seq FROM events WHERE site_id = $1 ORDER BY seq', [site.id])).rows.map((r) =>
        Number(r.seq),
      );
      expect(new Set(seqs).size).toBe(seqs.length);
      expect(afterKill).toBeLessThan(seqs.length); // killed with more to come: mid-ingest
      expect(seqs.slice(0, beforeRestart.length)).toEqual(beforeRestart); // what was acknowledged stayed, and came first
      const own = (await hub.api('stats:report', { preset: 'today' }, await hub.login('quanly'))).summary;
      const fresh = createProvinceClient({ baseUrl: proc.url });
      const freshStaff = await staffToken(fresh);
      const row = (await fresh('province:report', { from: '2026-11-23', to: '2026-11-23' }, freshStaff)).sites.find(
        (s) => s.siteId === site.id,
      )!;
      expect(row).toMatchObject({
        issued: own.issued,
        served: own.served,
        noShow: own.noShow,
        cancelled: own.cancelled,
        ratings: own.ratings,
      });
    } finally {
      await pool.end();
      proc.child.kill('SIGTERM');
      await waitExit(proc.child);
      // afterEach closes `province`: give it a fresh one to close.
      province = await provinceOn(dbUrl, clock);
    }
  });
});

maybe('the field catalogue', () => {
  it('the province publishes codes, names and target waits; a center reviews the changes and accepts them', async () => {
    const a = await joinedHub('Xã Nhất Quán');
    const manager = await a.hub.login('quanly');
    expect(await a.hub.api('province-link:catalogue', {}, manager)).toMatchObject({ catalogue: null, changes: [] });
    const { version } = await api(
      'province:catalogue-publish',
      {
        fields: [
          { code: 'TP', nameVi: 'Tư pháp - Hộ tịch (danh mục tỉnh)', nameEn: 'Justice and civil status', targetWaitMin: 25 },
          { code: 'DD', nameVi: 'Đất đai', nameEn: 'Land', targetWaitMin: 45 },
          { code: 'XNC', nameVi: 'Xuất nhập cảnh', nameEn: 'Immigration', targetWaitMin: 30 },
        ],
      },
      staff,
    );
    expect(await errorCode(api('province:catalogue-publish', { fields: [] }, staff))).toBe('VALIDATION');
    const offer = await a.hub.api('province-link:catalogue', {}, manager);
    expect(offer.catalogue?.version).toBe(version);
    const byCode = Object.fromEntries(offer.changes.map((c) => [c.code, c]));
    expect(byCode.TP).toMatchObject({ nameVi: { to: 'Tư pháp - Hộ tịch (danh mục tỉnh)' }, targetWaitMin: { to: 25 } });
    expect(byCode.DD!.nameVi).toBeNull(); // the same name: nothing to change
    expect(byCode.XNC).toMatchObject({ fieldId: null }); // not a field of this center: not created
    // An officer may not accept; a stale version is refused.
    expect(await errorCode(a.hub.api('province-link:catalogue-accept', { version }, await a.hub.login('canbo1')))).toBe('FORBIDDEN');
    expect(await errorCode(a.hub.api('province-link:catalogue-accept', { version: version + 1 }, manager))).toBe('CATALOGUE_CHANGED');

    const after = await a.hub.api('province-link:catalogue-accept', { version }, manager);
    expect(after.acceptedVersion).toBe(version);
    expect(after.changes.every((c) => c.nameVi === null && c.targetWaitMin === null)).toBe(true);
    const tp = (await a.hub.api('fields:list', {}, manager)).find((f) => f.code === 'TP')!;
    expect(tp).toMatchObject({ nameVi: 'Tư pháp - Hộ tịch (danh mục tỉnh)', targetWaitMin: 25 });
    expect((await api('province:catalogue', {}, staff)).accepted[String(a.siteId)]).toBe(version);
    // The next push names the field the province's way.
    await aDay(a.hub, clock, 2);
    await caughtUp(a.hub);
    const detail = await api('province:site-report', { id: a.siteId, from: '2026-11-23', to: '2026-11-23' }, staff);
    expect(detail.fields.map((f) => f.name)).toContain('Tư pháp - Hộ tịch (danh mục tỉnh)');
  });
});

maybe("the province's own accounts", () => {
  it('the demo password can be changed (and must differ); a viewer reads but does not manage sites', async () => {
    expect(await errorCode(api('province:change-password', { currentPassword: 'motcua-tinh', newPassword: 'motcua-tinh' }, staff))).toBe(
      'PASSWORD_TOO_WEAK',
    );
    await api(
      'province:staff-create',
      { username: 'xem', fullName: 'Người xem', role: 'province-viewer', password: 'mat-khau-xem-1' },
      staff,
    );
    expect(
      await errorCode(
        api('province:staff-create', { username: 'xem', fullName: 'Trùng', role: 'province-viewer', password: 'mat-khau-xem-2' }, staff),
      ),
    ).toBe('CONFLICT');
    await api('province:change-password', { currentPassword: 'motcua-tinh', newPassword: 'mat-khau-tinh-moi' }, staff);
    expect(await errorCode(api('province:floor', {}, staff))).toBe('UNAUTHENTICATED'); // every session of the account ended
    expect(await errorCode(api('province:login', { username: 'tinh', password: 'motcua-tinh' }))).toBe('BAD_CREDENTIALS');
    await api('province:login', { username: 'tinh', password: 'mat-khau-tinh-moi' });
    const viewer = (await api('province:login', { username: 'xem', password: 'mat-khau-xem-1' })).token;
    expect((await api('province:floor', {}, viewer)).sites).toEqual([]);
    expect(await errorCode(api('province:site-create', { name: 'X', level: 'xa', district: '' }, viewer))).toBe('FORBIDDEN');
  });
});
