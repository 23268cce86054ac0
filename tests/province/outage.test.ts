// PostgreSQL killed or down: the province server outlives its database. `kill -9` of the
// postmaster mid-ingest: the server answers 503 (never crashes, never 500), and once PostgreSQL is
// back the hub's backlog arrives exactly once. A start while PostgreSQL is down waits for it.
import { readFileSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { ApiError, type ProvinceClient } from '../../main/contract/index.ts';
import type { ProvinceServer } from '../../province/server.ts';
import { TestClock, type TestHub } from '../helpers/hub.ts';
import { hasPostgres, startPostgres, type TestPostgres } from '../helpers/postgres.ts';
import { joinSite, linkedHub, provinceApi, provinceOn, staffToken } from '../helpers/province.ts';

const maybe = hasPostgres ? describe : describe.skip;
if (!hasPostgres) console.warn('SKIPPED province outage tests: PostgreSQL is missing (apt-get install -y postgresql)');

let server: TestPostgres;
const cleanup: (() => Promise<void>)[] = [];

beforeAll(async () => {
  if (hasPostgres) server = await startPostgres();
});
afterAll(async () => {
  for (const c of cleanup.reverse()) await c().catch(() => undefined);
  await server?.stop();
});

/** `kill -9` of the postmaster: no shutdown, no checkpoint; its backends die with it. */
function killPostmaster(): void {
  const pid = Number(readFileSync(join(server.dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
  process.kill(pid, 'SIGKILL');
}

/** Starts it again; right after a kill its backends may still hold the shared memory for a moment. */
async function restartPostgres(): Promise<void> {
  for (let i = 0; ; i++) {
    try {
      return await server.restart();
    } catch (err) {
      if (i >= 20) throw err;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

interface Linked {
  databaseUrl: string;
  province: ProvinceServer;
  api: ProvinceClient;
  staff: string;
  hub: TestHub;
  admin: string;
  siteId: number;
}

/**
 * A province on a database of its own and a center joined to it, pushing batches of 20 events;
 * `route` gives the address the center is told (the province's own, or a stand-in's before it).
 */
async function linkedCenter(
  database: string,
  siteName: string,
  route: (province: ProvinceServer) => Promise<string> = async (p) => p.url,
): Promise<Linked> {
  const clock = new TestClock();
  const databaseUrl = await server.database(database);
  const province = await provinceOn(databaseUrl, clock);
  cleanup.push(() => province.close());
  const url = await route(province);
  const api = provinceApi(province);
  const staff = await staffToken(api);
  const hub = await linkedHub(clock, { provinceBatchEvents: 20 });
  cleanup.push(() => hub.close());
  const { siteId } = await joinSite(province, staff, siteName, hub, url);
  return { databaseUrl, province, api, staff, hub, admin: await hub.login('admin'), siteId };
}

/** Every ticket the center issued is in the province's figures, and each event is stored once. */
async function arrivedOnce({ databaseUrl, province, api, staff, hub, siteId }: Linked, issued: number): Promise<void> {
  const own = (await hub.api('stats:report', { preset: 'today' }, await hub.login('quanly'))).summary;
  expect(own.issued).toBe(issued);
  const report = await api('province:report', { from: province.today(), to: province.today() }, staff);
  expect(report.sites.find((s) => s.siteId === siteId)?.issued).toBe(issued);
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const counted = (
      await db.query<{ n: string; distinct: string }>(
        'SELECT count(*) AS n, count(DISTINCT seq) AS distinct FROM events WHERE site_id = $1',
        [siteId],
      )
    ).rows[0]!;
    expect(Number(counted.n)).toBe(Number(counted.distinct));
    expect(Number(counted.n)).toBeGreaterThanOrEqual(issued);
  } finally {
    await db.end();
  }
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (err) {
    if (err instanceof ApiError) return err.code;
    throw err;
  }
}

maybe('PostgreSQL killed or down', () => {
  it('kill -9 of the postmaster mid-ingest: 503 meanwhile, and once it is back every event arrives exactly once', async () => {
    const center = await linkedCenter('outage_ingest', 'Xã Mất Điện');
    const { province, api, staff, hub, admin } = center;
    const kiosk = await hub.device('kiosk');
    const fields = [await hub.fieldId('TP'), await hub.fieldId('DD')];

    for (let i = 0; i < 150; i++) await hub.api('ticket:issue', { fieldId: fields[i % 2]!, priority: false }, kiosk);
    killPostmaster();
    // The center keeps working; its link keeps trying.
    for (let i = 0; i < 150; i++) await hub.api('ticket:issue', { fieldId: fields[i % 2]!, priority: false }, kiosk);
    await expect.poll(() => codeOf(api('province:floor', {}, staff)), { timeout: 15_000 }).toBe('PROVINCE_STORAGE_UNAVAILABLE');
    expect(await codeOf(api('province:login', { username: 'tinh', password: 'motcua-tinh' }))).toBe('PROVINCE_STORAGE_UNAVAILABLE');
    const res = await fetch(`${province.url}/api/province/floor`, { headers: { Authorization: `Bearer ${staff}` } });
    expect(res.status).toBe(503);

    await restartPostgres();
    // The whole status, so a failure shows the link's last error.
    await expect
      .poll(async () => await hub.api('province-link:get', {}, admin), { timeout: 90_000, interval: 200 })
      .toMatchObject({ backlog: 0 });
    await arrivedOnce(center, 300);
  }, 180_000);

  it('a start while PostgreSQL is down waits for it (503 meanwhile) instead of exiting', async () => {
    const databaseUrl = await server.database('outage_start');
    killPostmaster();
    const province = await provinceOn(databaseUrl, new TestClock());
    cleanup.push(() => province.close());
    const api = provinceApi(province);
    expect(await codeOf(api('province:login', { username: 'tinh', password: 'motcua-tinh' }))).toBe('PROVINCE_STORAGE_UNAVAILABLE');
    // Even a question without a token is answered 503, not 401: what is wrong is the database.
    expect((await fetch(`${province.url}/api/province/floor`)).status).toBe(503);
    await restartPostgres();
    await province.ready;
    const staff = (await api('province:login', { username: 'tinh', password: 'motcua-tinh' })).token;
    expect((await api('province:floor', {}, staff)).sites).toEqual([]);
  }, 120_000);
});

/**
 * A stand-in between the hub and the province, on loopback: 'pass' relays both ways; 'hang'
 * accepts and never answers; 'swallow' relays the request but never the answer (the push lands,
 * the hub never hears). Changing mode cuts every connection, so none goes on in the old mode.
 */
interface StandIn {
  url: string;
  mode: (m: 'pass' | 'hang' | 'swallow') => void;
  close: () => Promise<void>;
}

async function standIn(port: number): Promise<StandIn> {
  let mode: 'pass' | 'hang' | 'swallow' = 'pass';
  const open = new Set<Socket>();
  const server: Server = createServer((client) => {
    open.add(client);
    client.on('close', () => open.delete(client));
    client.on('error', () => undefined);
    if (mode === 'hang') return;
    const upstream = connect(port, '127.0.0.1');
    open.add(upstream);
    upstream.on('close', () => open.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    client.pipe(upstream);
    if (mode === 'pass') upstream.pipe(client);
    else upstream.resume(); // the answer is dropped
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  const relay: StandIn = {
    url: `http://127.0.0.1:${address.port}`,
    mode: (m) => {
      mode = m;
      for (const s of open) s.destroy();
    },
    close: async () => {
      for (const s of open) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  cleanup.push(() => relay.close());
  return relay;
}

maybe('a province that does not answer', () => {
  it('a hung call ends at its deadline: the link says so, and once the province answers it catches up, nothing lost or doubled', async () => {
    let relay: StandIn | undefined;
    const center = await linkedCenter('outage_hung', 'Xã Im Lặng', async (p) => (relay = await standIn(p.port)).url);
    const { api, staff, hub, admin } = center;
    if (!relay) throw new Error('the center is joined through the stand-in');
    const kiosk = await hub.device('kiosk');
    const fieldId = await hub.fieldId('TP');
    const issue = async (n: number) => {
      for (let i = 0; i < n; i++) await hub.api('ticket:issue', { fieldId, priority: false }, kiosk);
    };
    await issue(30);
    await expect.poll(async () => await hub.api('province-link:get', {}, admin), { timeout: 20_000 }).toMatchObject({ backlog: 0 });

    // Accepted and never answered: the push ends at its deadline, and the manager sees why.
    relay.mode('hang');
    await issue(30);
    await expect.poll(async () => (await hub.api('province-link:get', {}, admin)).lastError, { timeout: 30_000 }).toContain('quá hạn chờ');
    // Heard and stored, but the answer never comes back: the next push finds the mark.
    relay.mode('swallow');
    const before = (await api('province:floor', {}, staff)).sites[0]!.ackedSeq;
    await expect.poll(async () => (await api('province:floor', {}, staff)).sites[0]!.ackedSeq, { timeout: 30_000 }).toBeGreaterThan(before);
    await issue(10);
    relay.mode('pass');
    await expect
      .poll(async () => await hub.api('province-link:get', {}, admin), { timeout: 60_000, interval: 100 })
      .toMatchObject({ backlog: 0, lastError: null });

    await arrivedOnce(center, 70);
  }, 180_000);
});
