// Citizens' phone numbers never reach the province (#26, Nghị định 13/2023/NĐ-CP): a real
// PostgreSQL province with a real hub joined to it; citizens leave numbers at the kiosk and at the
// counter through the hub's own routes, the texts go out through the modem emulator, the day and
// the next day's start are pushed, and then everything the province holds (a pg_dump of its
// database, every row of every table as text, its log, and what its staff can read) is searched
// for each number in every form it could take.
//
// Why this can fail, and so why its passing means something:
// - the scanner is shown, on strings, to find a number written in each of its forms (as typed,
//   national, international with or without +, grouped, inside other text) and any run of nine
//   or more of its digits;
// - the numbers were really live: each one received its texts through the emulator, so the hub
//   held them while it pushed the same day's tickets;
// - a control number that does travel (the center's hotline, written into the center's name, which
//   the hub pushes in its site configuration) is found by the same scanner in the same dump, so
//   the dump is this province's database with this hub's day in it, not an empty or wrong one;
// - a citizen's number also goes where an officer might write it (a transfer note), a path the
//   hub must keep at the center: with the hub's province link forwarding notes and a province
//   that logs the events it receives, this test fails, naming the number and where it was found.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import pg from 'pg';
import { startProvince, type ProvinceServer } from '../../province/server.ts';
import { postgresBinDir } from '../../province/localCluster.ts';
import { startTestHub, TestClock, type TestHub } from '../helpers/hub.ts';
import { ModemEmulator } from '../helpers/modem.ts';
import { hasPostgres, startPostgres, type TestPostgres } from '../helpers/postgres.ts';
import { caughtUp, joinSite, provinceApi, sameFigures, staffToken } from '../helpers/province.ts';

const maybe = hasPostgres ? describe : describe.skip;
if (!hasPostgres) console.warn('SKIPPED province SMS privacy test: PostgreSQL is missing (apt-get install -y postgresql)');

/** A number as a citizen or an officer typed it, and as the hub keeps it (ten digits from 0). */
interface Entered {
  typed: string;
  national: string;
}

/** "0912345678" → "+84 912 345 678", as a number is often written. */
const grouped = (national: string) => `+84 ${national.slice(1, 4)} ${national.slice(4, 7)} ${national.slice(7)}`;

/** Every run of nine digits of the number, national (0…) and international (84…). */
function digitWindows(national: string): string[] {
  const out = new Set<string>();
  for (const digits of [national, `84${national.slice(1)}`]) for (let i = 0; i + 9 <= digits.length; i++) out.add(digits.slice(i, i + 9));
  return [...out];
}

/**
 * Where a number shows in `text`: each literal form, then any run of nine or more of its digits
 * once single spaces, dots and dashes between digits are taken out (0912.345.678, 84-912-345-678).
 * Longer gaps (tabs, commas, a newline) are left: they part two values of a dump, not one number.
 */
function findNumber(text: string, n: Entered): string[] {
  const hits: string[] = [];
  const nine = n.national.slice(1);
  const literal = [
    n.typed,
    n.national,
    `84${nine}`,
    `+84${nine}`,
    grouped(n.national),
    `${n.national.slice(0, 4)} ${n.national.slice(4, 7)} ${n.national.slice(7)}`,
  ];
  for (const form of new Set(literal)) if (text.includes(form)) hits.push(form);
  const joined = text.replace(/(?<=\d)[ .-](?=\d)/g, '');
  const windows = digitWindows(n.national);
  for (const run of joined.match(/\d{9,}/g) ?? []) if (windows.some((w) => run.includes(w))) hits.push(run);
  return hits;
}

const KIOSK_A: Entered = { typed: '0912 345 678', national: '0912345678' };
const KIOSK_B: Entered = { typed: '+84 983 456 712', national: '0983456712' };
const COUNTER_C: Entered = { typed: '84-356.789.123', national: '0356789123' };
const COUNTER_D: Entered = { typed: '070 765 4321', national: '0707654321' };
/** The test clock's first service day (Hà Nội time). */
const DAY = '2026-11-23';
const CITIZENS = [KIOSK_A, KIOSK_B, COUNTER_C, COUNTER_D];
/** The control: the center's hotline in its name, which the province is meant to receive. */
const HOTLINE: Entered = { typed: '0388 777 999', national: '0388777999' };

it('the scanner finds a number in each form it may take, and nothing in what merely looks like digits', () => {
  for (const s of [
    'SĐT 0912345678',
    '{"phone":"84912345678"}',
    'to=+84912345678',
    'gọi +84 912 345 678 nhé',
    'x0912.345.678y',
    '84-912-345-678',
    '0912 345 678',
    'ref 912345678 only the nine',
    '(091234567)',
    'a1849123456b',
    '\t0912345678\t',
  ])
    expect(findNumber(s, KIOSK_A), s).not.toEqual([]);
  for (const s of [
    '••• ••• 678',
    'Số 1023 sắp đến lượt',
    '1795399200000',
    '{"at":1795399200000,"seq":912,"n":345678}',
    '0912\t345\t678',
    '091234568',
    'c0ffee0912345d',
  ])
    expect(findNumber(s, KIOSK_A), s).toEqual([]);
  expect(findNumber('Quầy 6, hotline +84 388 777 999', HOTLINE)).not.toEqual([]);
});

maybe('a province with a hub whose citizens left numbers', () => {
  let server: TestPostgres;
  const started: { close(): Promise<unknown> }[] = [];
  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(async () => {
    await server?.stop();
  });
  afterEach(async () => {
    for (const s of started.splice(0).reverse()) await s.close();
  });

  it(
    'holds none of them anywhere: not in any table, its log or what its staff read, while the control number is there',
    { timeout: 120_000 },
    async () => {
      const clock = new TestClock();
      const dbUrl = await server.database(`sms_privacy_${process.pid}`);
      const logLines: string[] = [];
      const province: ProvinceServer = await startProvince({
        databaseUrl: dbUrl,
        port: 0,
        host: '127.0.0.1',
        clock: clock.read,
        log: pino({ level: 'trace' }, { write: (line: string) => void logLines.push(line) }),
      });
      started.push(province);
      const emulator = await ModemEmulator.start();
      started.push({ close: () => emulator.stop() });
      const hub: TestHub = await startTestHub({ clock, provinceIdleMs: 100, issueLimit: null, sms: { tickMs: 20, probeMs: 100 } });
      started.push(hub);

      const admin = await hub.login('admin');
      const settings = await hub.api('settings:get', {}, admin);
      await hub.api(
        'settings:update',
        {
          ...settings,
          centerName: `${settings.centerName} - đường dây nóng ${HOTLINE.typed}`,
          sms: { ...settings.sms, enabled: true, modemPath: emulator.path, aheadCount: 3, minIntervalSec: 0 },
        },
        admin,
      );
      const api = provinceApi(province);
      let staff = await staffToken(api);
      const { siteId, linked } = await joinSite(province, staff, 'Xã Mỹ Hòa', hub);
      expect(linked).toMatchObject({ linked: true });

      // The kiosk path: the kiosk that issued the ticket sends the number right after it.
      const kiosk = await hub.device('kiosk');
      const issue = async (code: string) =>
        (await hub.api('ticket:issue', { fieldId: await hub.fieldId(code), priority: false }, kiosk)).ticket;
      const t1 = await issue('TP');
      const t2 = await issue('TP');
      const t3 = await issue('TKQ');
      const t4 = await issue('TKQ');
      expect(await hub.api('ticket:sms', { id: t1.id, phone: KIOSK_A.typed }, kiosk)).toEqual({ masked: '••• ••• 678', sendsNow: true });
      expect(await hub.api('ticket:sms', { id: t2.id, phone: KIOSK_B.typed }, kiosk)).toEqual({ masked: '••• ••• 712', sendsNow: true });

      const to = (n: Entered) => `+84${n.national.slice(1)}`;
      const textsTo = (n: Entered) => emulator.sent.filter((m) => m.to === to(n)).length;
      /** Waits for the `count`th text to this number (each goes before its ticket moves on, or it would be dropped). */
      const texted = (n: Entered, count: number) => emulator.until(() => textsTo(n) >= count);
      await texted(KIOSK_A, 1); // next in line
      await texted(KIOSK_B, 1); // one ahead

      const c1 = await hub.officerAt(1);
      const c2 = await hub.officerAt(2);
      const rating = await hub.device('rating', 1);
      const call = async (officer: string, id: number, n?: Entered, count = 0) => {
        clock.advance(60_000);
        await hub.api('counter:call', { ticketId: id }, officer);
        if (n) await texted(n, count);
      };
      const finish = async (officer: string, id: number) => {
        await hub.api('ticket:start', { id }, officer);
        clock.advance(4 * 60_000);
        await hub.api('ticket:finish', { id }, officer);
      };
      await call(c1, t1.id, KIOSK_A, 2);
      await finish(c1, t1.id);
      await hub.api('rating:submit', { ticketId: t1.id, level: 4, reasons: [] }, rating);
      await call(c1, t2.id, KIOSK_B, 2);
      await finish(c1, t2.id);

      // The counter path: the officer serving the ticket enters the number, then sends the citizen
      // on (a transfer whose note, as officers write them, holds the number too) or back to the line;
      // the texts come when the turn is near again and when called again.
      await call(c2, t3.id);
      expect(await hub.api('ticket:sms', { id: t3.id, phone: COUNTER_C.typed }, c2)).toEqual({ masked: '••• ••• 123', sendsNow: true });
      await hub.api('ticket:transfer', { id: t3.id, counterId: await hub.counterId(1), note: `gọi lại ${COUNTER_C.typed}` }, c2);
      await texted(COUNTER_C, 1);
      await call(c2, t4.id);
      expect(await hub.api('ticket:sms', { id: t4.id, phone: COUNTER_D.typed }, c2)).toEqual({ masked: '••• ••• 321', sendsNow: true });
      await hub.api('ticket:no-show', { id: t4.id }, c2);
      await hub.api('ticket:reactivate', { id: t4.id }, c2);
      await texted(COUNTER_D, 1);
      await call(c1, t3.id, COUNTER_C, 2);
      await finish(c1, t3.id);
      await call(c2, t4.id, COUNTER_D, 2);
      await finish(c2, t4.id);
      expect(new Set(emulator.sent.map((m) => m.to))).toEqual(new Set(CITIZENS.map(to)));

      // The day is pushed; then the next day starts (the outbox deletes the numbers) and is pushed too.
      await caughtUp(hub);
      clock.advance(24 * 60 * 60_000);
      await issue('TP');
      await caughtUp(hub);
      staff = await staffToken(api); // a day later: the morning's session has expired
      await sameFigures(api, staff, hub, siteId, DAY); // the day arrived whole
      const report = await api('province:report', { from: DAY, to: DAY }, staff);
      expect(report.sites.find((s) => s.siteId === siteId)).toMatchObject({ issued: 4 });

      // Everything the province holds, as text.
      const bin = postgresBinDir();
      expect(bin).not.toBeNull();
      const dump = execFileSync(join(bin ?? '', 'pg_dump'), ['--no-owner', '--dbname', dbUrl], { encoding: 'utf8', maxBuffer: 256 << 20 });
      const pool = new pg.Pool({ connectionString: dbUrl });
      let rows = '';
      const tables: string[] = [];
      try {
        const list = await pool.query<{ schema: string; name: string }>(
          `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
          WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2`,
        );
        for (const { schema, name } of list.rows) {
          tables.push(`${schema}.${name}`);
          // Identifiers cannot be bound; these come from the catalogue and are quoted.
          const q = `SELECT to_jsonb(t)::text AS row FROM "${schema.replace(/"/g, '""')}"."${name.replace(/"/g, '""')}" t`;
          for (const r of (await pool.query<{ row: string }>(q)).rows) rows += `${r.row}\n`;
        }
      } finally {
        await pool.end();
      }
      expect(tables).toEqual(expect.arrayContaining(['public.sites', 'public.tickets', 'public.agg_site_day']));
      const read = JSON.stringify([
        await api('province:floor', {}, staff),
        report,
        await api('province:site-report', { id: siteId, from: DAY, to: '2026-11-24' }, staff),
      ]);
      const places = { dump, rows, log: logLines.join(''), read };

      // The control: the hotline the hub does send is found in the database.
      expect(findNumber(dump, HOTLINE)).not.toEqual([]);
      expect(findNumber(rows, HOTLINE)).not.toEqual([]);
      expect(read).toContain('Xã Mỹ Hòa');
      expect(rows.length).toBeGreaterThan(10_000); // the day's events and tickets are in it

      const found = Object.entries(places).flatMap(([where, text]) =>
        CITIZENS.flatMap((n) => findNumber(text, n).map((hit) => `${n.typed} as ${hit} in ${where}`)),
      );
      expect(found).toEqual([]);
    },
  );
});
