// Recovery without an operator (#25): a hub restored from a backup, and a province restored from
// an older database, put themselves right by content, with nothing counted twice; the province
// takes only events whose time can be real; a re-sent sequence with other content is refused.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import pg from 'pg';
import type { ProvinceClient } from '../../main/contract/index.ts';
import type { ProvinceServer } from '../../province/server.ts';
import { postgresBinDir } from '../../province/localCluster.ts';
import { errorCode, TestClock, type TestHub } from '../helpers/hub.ts';
import { hasPostgres, startPostgres, type TestPostgres } from '../helpers/postgres.ts';
import { aDay, caughtUp, joinSite, linkedHub, provinceApi, provinceOn, sameFigures, staffToken } from '../helpers/province.ts';

const maybe = hasPostgres ? describe : describe.skip;
if (!hasPostgres) console.warn('SKIPPED province recovery tests: PostgreSQL is missing (apt-get install -y postgresql)');

const TODAY = '2026-11-23';
let server: TestPostgres;
let dbUrl: string;
let province: ProvinceServer;
let api: ProvinceClient;
let staff: string;
let clock: TestClock;
const hubs: TestHub[] = [];
const dirs: string[] = [];
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
  dbUrl = await server.database(`recovery_${process.pid}_${++n}`);
  province = await provinceOn(dbUrl, clock);
  api = provinceApi(province);
  staff = await staffToken(api);
});
afterEach(async () => {
  for (const h of hubs.splice(0)) await h.close();
  await province?.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function hubIn(dir: string): Promise<TestHub> {
  const hub = await linkedHub(clock, dir);
  hubs.push(hub);
  return hub;
}

async function closeHub(hub: TestHub): Promise<void> {
  hubs.splice(hubs.indexOf(hub), 1);
  await hub.close();
}

async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const pool = new pg.Pool({ connectionString: dbUrl });
  try {
    return (await pool.query<T>(sql, params)).rows;
  } finally {
    await pool.end();
  }
}

/** The hub's own events the province keeps, in order. */
async function keptSeqs(hub: TestHub): Promise<number[]> {
  const admin = await hub.login('admin');
  const out: number[] = [];
  for (let since = 0; ;) {
    const page = (await hub.api('journal:list', { since, limit: 1000 }, admin)).events;
    out.push(...page.filter((e) => /^(ticket|counter|rating):/.test(e.type)).map((e) => e.seq));
    if (page.length < 1000) return out;
    since = page[page.length - 1]!.seq;
  }
}

maybe('a hub restored from a backup', () => {
  it('starts a new epoch by itself: the province keeps both, counts nothing twice, and both sides see the lost tickets', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'motcua-restored-'));
    dirs.push(dir);
    let hub = await hubIn(dir);
    const { siteId } = await joinSite(province, staff, 'Xã Khôi Phục', hub);
    await aDay(hub, clock, 12);
    await caughtUp(hub);
    const manager = await hub.login('quanly');
    const backup = await hub.api('backups:create', {}, manager);
    await caughtUp(hub);
    // The work the backup does not hold: the province has it.
    await aDay(hub, clock, 30);
    await caughtUp(hub);
    const issuedBefore = (await api('province:report', { from: TODAY, to: TODAY }, staff)).sites[0]!.issued;
    await closeHub(hub);
    const provinceHad = (await api('province:floor', {}, staff)).sites.find((s) => s.id === siteId)!.ackedSeq;
    for (const f of ['motcua.db', 'motcua.db-wal', 'motcua.db-shm']) rmSync(join(dir, f), { force: true });
    copyFileSync(join(dir, 'backups', backup.file), join(dir, 'motcua.db'));
    hub = await hubIn(dir);
    const admin = await hub.login('admin'); // signing in is not an event the province keeps
    expect((await hub.api('province-link:get', {}, admin)).ackedSeq).toBeLessThan(provinceHad);
    await aDay(hub, clock, 5);

    // The hub agrees with the province on a new epoch and sends its journal again, by itself.
    await expect
      .poll(async () => (await hub.api('province-link:get', {}, admin)).recovery?.epochNo ?? null, { timeout: 20_000, interval: 50 })
      .toBe(2);
    await caughtUp(hub);
    const status = await hub.api('province-link:get', {}, admin);
    expect(status).toMatchObject({ ackedSeq: status.head, backlog: 0, lastError: null });
    expect(status.recovery).toMatchObject({ provinceHad });
    expect(status.recovery!.lostCount).toBeGreaterThan(0);
    expect(status.recovery!.lost.length).toBe(Math.min(200, status.recovery!.lostCount));
    expect(status.recovery!.lost.every((t) => t.number >= 1000)).toBe(true); // the numbers citizens hold

    // Counted once: the province's figures are the restored hub's own.
    await sameFigures(api, staff, hub, siteId, TODAY);
    expect((await api('province:report', { from: TODAY, to: TODAY }, staff)).sites[0]!.issued).toBeLessThan(issuedBefore + 5);
    // What the province counts is exactly this journal; the old epoch's events are kept aside.
    const held = (await query<{ seq: string }>('SELECT seq FROM events WHERE site_id = $1 ORDER BY seq', [siteId])).map((r) =>
      Number(r.seq),
    );
    expect(held).toEqual(await keptSeqs(hub));
    const aside = await query<{ n: string }>('SELECT count(*) AS n FROM superseded_events WHERE site_id = $1 AND epoch_no = 1', [siteId]);
    expect(Number(aside[0]!.n)).toBeGreaterThan(0);
    // The province's site row says what happened.
    const row = (await api('province:floor', {}, staff)).sites.find((s) => s.id === siteId)!;
    expect(row.recovery).toMatchObject({ epochNo: 2, provinceHad, lostCount: status.recovery!.lostCount });

    // And it goes on as ever.
    await aDay(hub, clock, 4);
    await caughtUp(hub);
    await sameFigures(api, staff, hub, siteId, TODAY);
  });

  it('restored from yesterday’s backup, the figures of both days come out as the hub’s own', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'motcua-yesterday-'));
    dirs.push(dir);
    let hub = await hubIn(dir);
    const { siteId } = await joinSite(province, staff, 'Xã Hôm Qua', hub);
    await aDay(hub, clock, 10);
    await caughtUp(hub);
    const backup = await hub.api('backups:create', {}, await hub.login('quanly'));
    await caughtUp(hub);
    clock.set('2026-11-24T01:30:00Z');
    await aDay(hub, clock, 14); // the next day's work: the backup does not hold it
    await caughtUp(hub);
    await closeHub(hub);
    for (const f of ['motcua.db', 'motcua.db-wal', 'motcua.db-shm']) rmSync(join(dir, f), { force: true });
    copyFileSync(join(dir, 'backups', backup.file), join(dir, 'motcua.db'));
    hub = await hubIn(dir);
    await aDay(hub, clock, 6);
    const admin = await hub.login('admin');
    await expect
      .poll(async () => (await hub.api('province-link:get', {}, admin)).recovery?.epochNo ?? null, { timeout: 20_000, interval: 50 })
      .toBe(2);
    await caughtUp(hub);
    staff = await staffToken(api); // a day later: signed in again
    for (const day of [TODAY, '2026-11-24']) await sameFigures(api, staff, hub, siteId, day);
    const held = (await query<{ seq: string }>('SELECT seq FROM events WHERE site_id = $1 ORDER BY seq', [siteId])).map((r) =>
      Number(r.seq),
    );
    expect(held).toEqual(await keptSeqs(hub));
  });

  it('joined again to the same site, the hub starts a new epoch rather than being taken as the old one in silence', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'motcua-rejoin-'));
    dirs.push(dir);
    const hub = await hubIn(dir);
    const { siteId } = await joinSite(province, staff, 'Xã Nối Lại', hub);
    await aDay(hub, clock, 10);
    await caughtUp(hub);
    const { code } = await api('province:site-code', { id: siteId }, staff);
    const admin = await hub.login('admin');
    await hub.api('province-link:join', { url: province.url, code, shareNames: false }, admin);
    await expect
      .poll(async () => (await hub.api('province-link:get', {}, admin)).recovery?.epochNo ?? null, { timeout: 20_000, interval: 50 })
      .toBe(2);
    await caughtUp(hub);
    expect((await hub.api('province-link:get', {}, admin)).recovery).toMatchObject({ lostCount: 0 });
    await sameFigures(api, staff, hub, siteId, TODAY);
    // The manager sees it on the floor too.
    const provinceAlerts = async () => {
      hub.hub.checkAlerts();
      return (await hub.api('floor:get', {}, await hub.login('quanly'))).alerts
        .filter((a) => a.kind.startsWith('province-'))
        .map((a) => ({ key: a.key, kind: a.kind, subject: a.subject, value: a.value }));
    };
    expect(await provinceAlerts()).toEqual([
      { key: 'province-recovered:epoch:2', kind: 'province-recovered', subject: 'Xã Nối Lại', value: 0 },
    ]);

    // Parted again at once (here: the province's chain made wrong by hand): no epoch after epoch;
    // the manager sees the error, and the link tries again only after a pause.
    await query("UPDATE sites SET chain = repeat('0', 64) WHERE id = $1", [siteId]);
    const kiosk = await hub.device('kiosk');
    await hub.api('ticket:issue', { fieldId: await hub.fieldId('TP'), priority: false }, kiosk);
    await expect
      .poll(async () => (await hub.api('province-link:get', {}, admin)).lastError, { timeout: 20_000, interval: 50 })
      .toContain('JOURNAL_DIVERGED');
    expect((await hub.api('province-link:get', {}, admin)).recovery?.epochNo).toBe(2);
    expect(await provinceAlerts()).toEqual([
      { key: 'province-diverged:link', kind: 'province-diverged', subject: 'Xã Nối Lại', value: null },
    ]);
    clock.advance(11 * 60_000);
    await hub.api('ticket:issue', { fieldId: await hub.fieldId('TP'), priority: false }, kiosk);
    await expect
      .poll(async () => (await hub.api('province-link:get', {}, admin)).recovery?.epochNo ?? null, { timeout: 40_000, interval: 50 })
      .toBe(3);
    await caughtUp(hub);
    await sameFigures(api, staff, hub, siteId, TODAY);
    expect(await provinceAlerts()).toEqual([
      { key: 'province-recovered:epoch:3', kind: 'province-recovered', subject: 'Xã Nối Lại', value: 0 },
    ]);
    // A day later it is said on the province card only.
    clock.advance(25 * 60 * 60_000);
    expect(await provinceAlerts()).toEqual([]);
  });
});

maybe('a hub joined again to a new site', () => {
  it('takes its journal along: the old site counts no more, the figures equal the hub’s own (not twice), and both sides say so', async () => {
    const hub = await hubIn(mkdtempSync(join(tmpdir(), 'motcua-newsite-')));
    dirs.push(hub.dir);
    const old = await joinSite(province, staff, 'Xã Cũ', hub);
    await aDay(hub, clock, 30);
    await caughtUp(hub);
    const other = await joinSite(province, staff, 'Xã Bên Cạnh', await hubIn(mkdtempSync(join(tmpdir(), 'motcua-neighbour-'))));
    dirs.push(other.hub.dir);
    await aDay(other.hub, clock, 6);
    await caughtUp(other.hub);

    const moved = await joinSite(province, staff, 'Xã Mới', hub);
    await caughtUp(hub);
    await aDay(hub, clock, 8);
    await caughtUp(hub);

    const own = (await hub.api('stats:report', { preset: 'custom', from: TODAY, to: TODAY }, await hub.login('quanly'))).summary;
    await sameFigures(api, staff, hub, moved.siteId, TODAY);
    await sameFigures(api, staff, other.hub, other.siteId, TODAY);
    const report = await api('province:report', { from: TODAY, to: TODAY }, staff);
    expect(report.sites.map((s) => s.siteId).sort()).toEqual([moved.siteId, other.siteId].sort()); // the old site is ranked no more
    const neighbour = report.sites.find((s) => s.siteId === other.siteId)!.issued;
    expect(report.total.issued).toBe(own.issued + neighbour);

    const floor = await api('province:floor', {}, staff);
    const oldRow = floor.sites.find((s) => s.id === old.siteId)!;
    expect(oldRow.ackedSeq).toBeGreaterThan(90); // what the old site held of the journal: the first day
    const expected = {
      fromSiteId: old.siteId,
      fromSiteName: 'Xã Cũ',
      toSiteId: moved.siteId,
      toSiteName: 'Xã Mới',
      fromAckedSeq: oldRow.ackedSeq,
    };
    expect(oldRow).toMatchObject({ joined: false, issuedToday: 0, waiting: 0, journalMove: expected });
    expect(floor.sites.find((s) => s.id === moved.siteId)).toMatchObject({ issuedToday: own.issued, journalMove: expected });
    expect(floor.sites.find((s) => s.id === other.siteId)!.journalMove).toBeNull();
    expect(floor.alerts.filter((a) => a.siteId === old.siteId)).toEqual([]);
    const status = await hub.api('province-link:get', {}, await hub.login('admin'));
    expect(status).toMatchObject({ siteName: 'Xã Mới', journalMove: expected, recovery: null, lastError: null });
    // The old site's token stops: its hub holds the new one.
    expect(await query('SELECT token_hash FROM sites WHERE id = $1', [old.siteId])).toEqual([{ token_hash: null }]);
  });

  it('the old site joined again with a new code starts afresh and counts its new hub, the moved journal still counted once', async () => {
    const hub = await hubIn(mkdtempSync(join(tmpdir(), 'motcua-newsite-')));
    dirs.push(hub.dir);
    const old = await joinSite(province, staff, 'Xã Cũ', hub);
    await aDay(hub, clock, 10);
    await caughtUp(hub);
    const moved = await joinSite(province, staff, 'Xã Mới', hub);
    await caughtUp(hub);
    expect((await api('province:floor', {}, staff)).sites.find((s) => s.id === old.siteId)!.journalMove?.toSiteId).toBe(moved.siteId);

    // Another center's hub takes the old site's place with a new code.
    const fresh = await hubIn(mkdtempSync(join(tmpdir(), 'motcua-fresh-')));
    dirs.push(fresh.dir);
    const { code } = await api('province:site-code', { id: old.siteId }, staff);
    await fresh.api('province-link:join', { url: province.url, code, shareNames: false }, await fresh.login('admin'));
    await aDay(fresh, clock, 4);
    await caughtUp(fresh);
    await aDay(hub, clock, 3);
    await caughtUp(hub);

    await sameFigures(api, staff, fresh, old.siteId, TODAY);
    await sameFigures(api, staff, hub, moved.siteId, TODAY);
    const report = await api('province:report', { from: TODAY, to: TODAY }, staff);
    expect(report.sites.map((s) => s.siteId).sort()).toEqual([old.siteId, moved.siteId].sort());
    const issued = (h: TestHub) => h.login('quanly').then((t) => h.api('stats:report', { preset: 'custom', from: TODAY, to: TODAY }, t));
    expect(report.total.issued).toBe((await issued(fresh)).summary.issued + (await issued(hub)).summary.issued);
    const floor = await api('province:floor', {}, staff);
    expect(floor.sites.find((s) => s.id === old.siteId)).toMatchObject({
      joined: true,
      journalMove: null,
      recovery: null,
      issuedToday: (await issued(fresh)).summary.issued,
    });
    expect(await query('SELECT moved_to, moved_at, moved_seq FROM sites WHERE id = $1', [old.siteId])).toEqual([
      { moved_to: null, moved_at: null, moved_seq: null },
    ]);
    // What it held of the moved journal is kept for audit, counted at the new site only.
    expect(
      Number((await query<{ n: string }>('SELECT count(*) AS n FROM superseded_events WHERE site_id = $1', [old.siteId]))[0]!.n),
    ).toBeGreaterThan(0);
  });
});

maybe('a province restored from an older database backup', () => {
  it('is refilled by the hubs by themselves, with figures equal to each hub’s own', async () => {
    const bin = postgresBinDir()!;
    const dumpDir = mkdtempSync(join(tmpdir(), 'motcua-dump-'));
    dirs.push(dumpDir);
    const a = await hubIn(mkdtempSync(join(tmpdir(), 'motcua-a-')));
    const b = await hubIn(mkdtempSync(join(tmpdir(), 'motcua-b-')));
    dirs.push(a.dir, b.dir);
    const sa = await joinSite(province, staff, 'Xã Một', a);
    const sb = await joinSite(province, staff, 'Xã Hai', b);
    await aDay(a, clock, 10);
    await aDay(b, clock, 8);
    await caughtUp(a);
    await caughtUp(b);
    // The province's database is dumped mid-run…
    const dump = join(dumpDir, 'province.dump');
    execFileSync(join(bin, 'pg_dump'), ['-Fc', '-f', dump, dbUrl]);
    await aDay(a, clock, 15);
    await aDay(b, clock, 12);
    await caughtUp(a);
    await caughtUp(b);
    // …and later restored from that dump, into a new database the province now uses.
    const port = province.port;
    await province.close();
    dbUrl = await server.database(`restored_${process.pid}_${n}`);
    execFileSync(join(bin, 'pg_restore'), ['--no-owner', '-d', dbUrl, dump]);
    province = await provinceOn(dbUrl, clock, port);
    api = provinceApi(province);
    staff = await staffToken(api);
    // Nothing was made at the center meanwhile: the hubs find out as they next speak to the province.
    for (const [hub, site] of [
      [a, sa],
      [b, sb],
    ] as const) {
      const admin = await hub.login('admin');
      await expect
        .poll(
          async () => {
            const row = (await api('province:floor', {}, staff)).sites.find((s) => s.id === site.siteId)!;
            const st = await hub.api('province-link:get', {}, admin);
            return row.ackedSeq === st.head;
          },
          { timeout: 20_000, interval: 100 },
        )
        .toBe(true);
      await caughtUp(hub);
      expect((await hub.api('province-link:get', {}, admin)).recovery ?? null).toBeNull(); // the same journal: no new epoch
      await sameFigures(api, staff, hub, site.siteId, TODAY);
      const held = (await query<{ seq: string }>('SELECT seq FROM events WHERE site_id = $1 ORDER BY seq', [site.siteId])).map((r) =>
        Number(r.seq),
      );
      expect(held).toEqual(await keptSeqs(hub));
    }
  });
});

maybe('what a push may carry', () => {
  const counter = (seq: number, at: number, state: 'open' | 'closed', number = 1) =>
    ({
      seq,
      at,
      type: state === 'open' ? 'counter:opened' : 'counter:closed',
      ticketId: null,
      counterId: 1,
      fieldId: null,
      staffId: null,
      data: { counter: { id: 1, number, state, staffName: null, staffId: null } },
    }) as const;

  it('a re-sent sequence with the same type, time and ticket but other content is refused', async () => {
    const { code } = await api('province:site-create', { name: 'Xã Thử', level: 'xa', district: '' }, staff);
    const { token } = await api('province:join', { code });
    const at = clock.read();
    const batch = { fromSeq: 1, toSeq: 2, events: [counter(1, at, 'open'), counter(2, at + 1, 'closed')] };
    expect(await api('province:push', batch as never, token)).toMatchObject({ ackedSeq: 2 });
    expect(await api('province:push', batch as never, token)).toMatchObject({ ackedSeq: 2 });
    const other = { fromSeq: 1, toSeq: 2, events: [counter(1, at, 'open'), counter(2, at + 1, 'closed', 7)] };
    expect(await errorCode(api('province:push', other as never, token))).toBe('JOURNAL_DIVERGED');
  });

  it('events in months that cannot be real make no partition: refused with a clear code', async () => {
    const { code } = await api('province:site-create', { name: 'Xã Giờ Sai', level: 'xa', district: '' }, staff);
    const { token } = await api('province:join', { code });
    const parts = async () =>
      Number((await query<{ n: string }>("SELECT count(*) AS n FROM pg_class WHERE relname LIKE 'events\\_%' AND relkind = 'r'"))[0]!.n);
    const before = await parts();
    const months = Array.from({ length: 600 }, (_, i) => counter(i + 1, Date.UTC(2030 + Math.floor(i / 12), i % 12, 1), 'open'));
    expect(await errorCode(api('province:push', { fromSeq: 1, toSeq: 600, events: months }, token))).toBe('EVENT_TIME_OUT_OF_RANGE');
    const old = [counter(1, Date.UTC(2019, 5, 1), 'open')];
    expect(await errorCode(api('province:push', { fromSeq: 1, toSeq: 1, events: old }, token))).toBe('EVENT_TIME_OUT_OF_RANGE');
    expect(await parts()).toBe(before);
    // Today, and up to a day ahead (a center's clock a little fast), are taken.
    const fine = [counter(1, clock.read(), 'open'), counter(2, clock.read() + 20 * 3_600_000, 'closed')];
    expect(await api('province:push', { fromSeq: 1, toSeq: 2, events: fine }, token)).toMatchObject({ ackedSeq: 2 });
  });
});
