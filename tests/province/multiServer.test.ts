// More than one province server on one database (#25): a push ingested by one reaches the console
// sockets of every other (PostgreSQL LISTEN/NOTIFY once it committed), and a server whose listening
// connection was cut takes it again by itself.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import pg from 'pg';
import WebSocket from 'ws';
import { PROVINCE_WS_PATH, type SiteLive } from '../../main/contract/index.ts';
import type { ProvinceServer } from '../../province/server.ts';
import { TestClock, type TestHub } from '../helpers/hub.ts';
import { hasPostgres, startPostgres, type TestPostgres } from '../helpers/postgres.ts';
import { caughtUp, joinSite, linkedHub, provinceApi, provinceOn, staffToken } from '../helpers/province.ts';

const maybe = hasPostgres ? describe : describe.skip;
if (!hasPostgres) console.warn('SKIPPED multi-server province tests: PostgreSQL is missing (apt-get install -y postgresql)');

let server: TestPostgres;
let dbUrl: string;
let clock: TestClock;
const servers: ProvinceServer[] = [];
const hubs: TestHub[] = [];
const sockets: WebSocket[] = [];
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
  dbUrl = await server.database(`multi_${process.pid}_${++n}`);
});
afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  for (const h of hubs.splice(0)) await h.close();
  for (const s of servers.splice(0)) await s.close();
});

async function another(): Promise<ProvinceServer> {
  const s = await provinceOn(dbUrl, clock);
  servers.push(s);
  return s;
}

/** A console's live socket on a server: every site row it receives. */
async function consoleOn(s: ProvinceServer, token: string): Promise<SiteLive[]> {
  const ws = new WebSocket(s.url.replace('http', 'ws') + PROVINCE_WS_PATH);
  sockets.push(ws);
  const seen: SiteLive[] = [];
  await new Promise<void>((resolve) => ws.once('open', () => resolve()));
  ws.send(JSON.stringify({ token }));
  await new Promise<void>((resolve) =>
    ws.on('message', (d: Buffer) => {
      const m = JSON.parse(d.toString()) as { type: string; site?: SiteLive };
      if (m.type === 'subscribed') resolve();
      if (m.site) seen.push(m.site);
    }),
  );
  return seen;
}

maybe('two province servers on one database', () => {
  it("a hub pushes to one; a console on the other sees the site's live row", async () => {
    const first = await another();
    const second = await another();
    const staff = await staffToken(provinceApi(first));
    const hub = await linkedHub(clock);
    hubs.push(hub);
    const { siteId } = await joinSite(first, staff, 'Xã Hai Máy', hub);
    await caughtUp(hub);
    const seen = await consoleOn(second, await staffToken(provinceApi(second)));

    const kiosk = await hub.device('kiosk');
    await hub.api('ticket:issue', { fieldId: await hub.fieldId('TP'), priority: false }, kiosk);
    await hub.api('ticket:issue', { fieldId: await hub.fieldId('TP'), priority: false }, kiosk);
    await expect
      .poll(() => seen.find((s) => s.id === siteId && s.issuedToday === 2 && s.waiting === 2), { timeout: 10_000, interval: 10 })
      .toBeTruthy();

    // The listening connection cut (a restart of PostgreSQL's backend, a network cut): it comes back by itself.
    const admin = new pg.Client({ connectionString: dbUrl });
    await admin.connect();
    try {
      await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = 'LISTEN motcua_site'");
    } finally {
      await admin.end();
    }
    await hub.api('counter:call-next', {}, await hub.officerAt(1));
    await expect.poll(() => seen.find((s) => s.id === siteId && s.waiting === 1), { timeout: 10_000, interval: 10 }).toBeTruthy();
  });

  it('a push sent again is announced again: one that committed while its answer and its announcement were lost reaches the consoles', async () => {
    // A push is announced after its commit (a NOTIFY inside it would queue the commit behind every
    // other notifying commit of the database): the window between is closed by the center, which
    // sends again what was never answered, and the repeat, stored once, is announced.
    const first = await another();
    const api = provinceApi(first);
    const staff = await staffToken(api);
    const { code } = await api('province:site-create', { name: 'Xã Gửi Lại', level: 'xa', district: '' }, staff);
    const site = await api('province:join', { code });
    const seen = await consoleOn(first, staff);
    const opened = {
      seq: 1,
      at: clock.read(),
      type: 'counter:opened',
      ticketId: null,
      counterId: 1,
      fieldId: null,
      staffId: null,
      data: { counter: { id: 1, number: 1, state: 'open', staffName: null, staffId: null } },
    } as const;
    const batch = { fromSeq: 1, toSeq: 1, events: [opened] };
    const rows = () => seen.filter((s) => s.id === site.siteId && s.openCounters === 1).length;
    expect(await api('province:push', batch as never, site.token)).toMatchObject({ ackedSeq: 1 });
    await expect.poll(rows, { timeout: 10_000, interval: 10 }).toBe(1);
    expect(await api('province:push', batch as never, site.token)).toMatchObject({ ackedSeq: 1 });
    await expect.poll(rows, { timeout: 10_000, interval: 10 }).toBe(2);
  });

  it("a server whose every pooled connection is taken by pushes still reads a site's live row for its consoles", async () => {
    const watching = await another();
    const ingesting = await another();
    const api = provinceApi(ingesting);
    const staff = await staffToken(api);
    const { code } = await api('province:site-create', { name: 'Xã Bận Rộn', level: 'xa', district: '' }, staff);
    const site = await api('province:join', { code });
    const seen = await consoleOn(watching, await staffToken(provinceApi(watching)));
    // The big pushes' transactions hold all the watching server's pooled connections.
    const held = await Promise.all(Array.from({ length: watching.pool.options.max ?? 10 }, () => watching.pool.connect()));
    try {
      const opened = {
        seq: 1,
        at: clock.read(),
        type: 'counter:opened',
        ticketId: null,
        counterId: 1,
        fieldId: null,
        staffId: null,
        data: { counter: { id: 1, number: 1, state: 'open', staffName: null, staffId: null } },
      } as const;
      expect(await api('province:push', { fromSeq: 1, toSeq: 1, events: [opened] }, site.token)).toMatchObject({ ackedSeq: 1 });
      await expect.poll(() => seen.some((s) => s.id === site.siteId && s.openCounters === 1), { timeout: 5_000, interval: 10 }).toBe(true);
    } finally {
      for (const c of held) c.release();
    }
  });
});
