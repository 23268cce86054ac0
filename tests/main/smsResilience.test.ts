// Text messages to citizens (#26) under a real center's conditions: a disk that fills up or turns
// read-only, a PC clock set back over midnight or forward a day, and a hub restored from
// yesterday's backup. What must hold: a citizen is told in Vietnamese when a number cannot be
// kept, no message is ever sent twice, a message of a day that is over is never sent, every
// number is deleted with its ticket's day (byte for byte, once the disk takes writes again), a
// number never reaches a ticket it was not left for, and the hub keeps serving tickets and says
// what is wrong. The disks are real (a tmpfs to fill, an ext4 on a loop device that turns
// read-only, from tests/helpers/disks.ts, as root; skipped where the kernel refuses);
// the messages go through a real HTTP gateway on loopback that can hold its answer.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ApiError, errorCatalog } from '../../main/contract/index.ts';
import { ScratchDisks } from '../helpers/disks.ts';
import { errorCode, startTestHub, TestClock, type TestHub } from '../helpers/hub.ts';
import { TwoClocks } from '../helpers/twoClocks.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const fast = { tickMs: 20, probeMs: 100 };

const disks = new ScratchDisks('motcua-sms-resilience-');
let hubs: TestHub[] = [];
let gateways: Gateway[] = [];

afterEach(async () => {
  for (const h of hubs) await h.close().catch(() => undefined);
  for (const g of gateways) await g.stop();
  hubs = [];
  gateways = [];
});

afterAll(() => disks.removeAll());

/** An SMS provider's HTTP gateway on loopback: what it was handed, and an answer it can hold. */
class Gateway {
  readonly handed: { to: string; text: string }[] = [];
  /** The answer to give: 200 sends, anything else refuses (not sent, tried again later). */
  status = 200;
  hold = false;
  private held: ServerResponse[] = [];

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<Gateway> {
    let gw: Gateway | null = null;
    const server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const q = new URL(req.url ?? '/', 'http://gw.invalid').searchParams;
      req.resume();
      const g = gw!; // assigned before the server listens
      g.handed.push({ to: q.get('to') ?? '', text: q.get('text') ?? '' });
      if (g.hold) g.held.push(res);
      else res.writeHead(g.status).end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    gw = new Gateway(server, `http://127.0.0.1:${port}/send?to={to}&text={text}`);
    gateways.push(gw);
    return gw;
  }

  /** Answers what it held, and holds no more. */
  release(): void {
    this.hold = false;
    for (const res of this.held.splice(0)) res.writeHead(this.status).end('ok');
  }

  to(phone: string): number {
    return this.handed.filter((m) => m.to === phone).length;
  }

  async stop(): Promise<void> {
    this.release();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

const PHONE_A = '0912 345 678';
const PHONE_B = '0987 654 321';
const TO_A = '+84912345678';
const TO_B = '+84987654321';
/** Every form in which a number could be held (national, international, as typed; UTF-8 or UTF-16). */
const FORMS = ['0912345678', '912345678', '0912 345 678', '0987654321', '987654321', '0987 654 321'];

async function until(ok: () => boolean | Promise<boolean>, what: string, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out waiting: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A hub on `dir` sending through a gateway, and its kiosk. */
async function setUp(opts: { dir?: string; clock?: TestClock; monotonic?: TestClock; gateway?: Gateway } = {}) {
  const gateway = opts.gateway ?? (await Gateway.start());
  const t = await startTestHub({ sms: fast, dir: opts.dir, clock: opts.clock, monotonic: opts.monotonic });
  hubs.push(t);
  const admin = await t.login('admin');
  const settings = await t.api('settings:get', {}, admin);
  await t.api(
    'settings:update',
    {
      ...settings,
      openingHours: { ...settings.openingHours, enforced: false },
      sms: { ...settings.sms, enabled: true, transport: 'gateway', gatewayUrl: gateway.url, aheadCount: 2, minIntervalSec: 0 },
    },
    admin,
  );
  const kiosk = await t.device('kiosk');
  const field = await t.fieldId('TP');
  const issue = async () => (await t.api('ticket:issue', { fieldId: field, priority: false }, kiosk)).ticket;
  return { t, gateway, admin, kiosk, issue };
}

/** A hub started again on a data folder a test kept (the kiosk's token is still good). */
async function again(dir: string, clock: TestClock) {
  const t = await startTestHub({ sms: fast, dir, clock });
  hubs.push(t);
  return t;
}

/** The outbox as committed (read between the hub's write batches, on its own connection). */
async function outbox(t: TestHub) {
  await until(() => !t.hub.db.inTransaction, 'no write batch open');
  // the columns just selected
  return t.hub.db.prepare('SELECT ticket_id, service_day, kind, state FROM sms_outbox ORDER BY id').all() as {
    ticket_id: number;
    service_day: string;
    kind: string;
    state: string;
  }[];
}

/** The numbers' file as the disk holds it: its rows (ticket, day) and any form of a number in its bytes. */
function numbersFile(dir: string): { rows: { ticket_id: number; service_day: string }[]; inBytes: string[] } {
  const file = join(dir, 'sms-numbers.db');
  const raw = new Database(file, { readonly: true, fileMustExist: true });
  try {
    // the columns just selected
    const rows = raw.prepare('SELECT ticket_id, service_day FROM numbers ORDER BY ticket_id').all() as {
      ticket_id: number;
      service_day: string;
    }[];
    const bytes = [file, `${file}-journal`].filter((f) => existsSync(f)).map((f) => readFileSync(f));
    const inBytes = FORMS.filter((f) => bytes.some((b) => b.includes(Buffer.from(f, 'utf8')) || b.includes(Buffer.from(f, 'utf16le'))));
    return { rows, inBytes };
  } finally {
    raw.close();
  }
}

async function refusal(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error('expected the call to be refused');
}

describe('a full disk', () => {
  it('a number is refused in words at the kiosk and the counter, a verdict the disk refused is written once it takes writes, nothing goes twice', async (ctx) => {
    const fs = disks.tmpfs('full-run');
    if ('skip' in fs) return ctx.skip();
    const dir = join(fs.dir, 'data');
    const { t, gateway, admin, kiosk, issue } = await setUp({ dir });
    const a = await issue();
    const b = await issue();
    const c = await issue();
    const officer = await t.officerAt(1);
    expect((await t.api('counter:call-next', {}, officer)).id).toBe(a.id);

    // C's number: its message is handed to the gateway, which holds its answer.
    gateway.hold = true;
    await t.api('ticket:sms', { id: c.id, phone: PHONE_A }, kiosk);
    await until(() => gateway.handed.length === 1, 'the first message handed over');
    expect((await outbox(t)).map((r) => [r.ticket_id, r.kind, r.state])).toEqual([[c.id, 'ahead', 'sending']]);

    // The disk fills up, with no room left inside the database's files either.
    t.hub.db.pragma('wal_checkpoint(TRUNCATE)');
    fs.fill();
    gateway.release(); // the message went: the hub cannot write so yet

    // B's number at the kiosk, A's at the counter: not kept, and the citizen is told so in Vietnamese.
    for (const [id, phone, token] of [
      [b.id, PHONE_B, kiosk],
      [a.id, PHONE_B, officer],
    ] as const) {
      const refused = await refusal(t.api('ticket:sms', { id, phone }, token));
      expect([refused.code, refused.status, refused.messageVi]).toEqual([
        'SMS_NUMBER_NOT_SAVED',
        503,
        errorCatalog.SMS_NUMBER_NOT_SAVED.vi,
      ]);
    }
    expect(errorCatalog.SMS_NUMBER_NOT_SAVED.vi).toContain('Ông/Bà');
    expect(numbersFile(dir).rows.map((r) => r.ticket_id)).toEqual([c.id]);

    // Health says why; the screens are served.
    await expect
      .poll(async () => (await t.api('hub:health', {}, admin)).detail!.database, { timeout: 10_000 })
      .toMatchObject({ writable: false, fault: { kind: 'full' } });
    expect((await t.api('ticket:get', { id: c.id }, kiosk)).ticket.status).toBe('waiting');
    expect((await t.api('floor:get', {}, admin)).fields.find((f) => f.fieldId === b.fieldId)!.waiting).toBe(2);
    await pause(500); // many steps of the outbox
    expect(gateway.to(TO_A)).toBe(1);
    expect((await outbox(t)).map((r) => r.state)).toEqual(['sending']); // not sent again, not taken for a failure

    // Space returns: the verdict is written as it was, and B's number is taken and used once.
    fs.makeRoom();
    await until(async () => (await outbox(t))[0]?.state === 'sent', 'the owed verdict written');
    await until(async () => (await t.api('hub:health', {}, admin)).detail!.database.writable, 'the disk well again');
    await t.api('ticket:sms', { id: b.id, phone: PHONE_B }, kiosk);
    await until(() => gateway.to(TO_B) === 1, 'B told once');
    await pause(300);
    expect([gateway.to(TO_A), gateway.to(TO_B)]).toEqual([1, 1]);
    expect((await outbox(t)).map((r) => [r.ticket_id, r.state])).toEqual([
      [c.id, 'sent'],
      [b.id, 'sent'],
    ]);
  }, 90_000);

  it('full just after a call: the text the disk refused to queue goes once space returns, once', async (ctx) => {
    const fs = disks.tmpfs('full-call');
    if ('skip' in fs) return ctx.skip();
    const dir = join(fs.dir, 'data');
    const { t, gateway, kiosk, issue } = await setUp({ dir });
    const a = await issue();
    await t.api('ticket:sms', { id: a.id, phone: PHONE_A }, kiosk);
    await until(() => gateway.to(TO_A) === 1, 'the ahead message');
    const officer = await t.officerAt(1);
    // The disk fills up the moment the call is on disk, before the outbox queues its text.
    const off = t.hub.journal.subscribe((events) => {
      if (!events.some((e) => e.type === 'ticket:called')) return;
      off();
      t.hub.db.pragma('wal_checkpoint(TRUNCATE)');
      fs.fill();
    });
    expect((await t.api('counter:call-next', {}, officer)).id).toBe(a.id);
    await pause(500);
    expect((await outbox(t)).map((r) => [r.kind, r.state])).toEqual([['ahead', 'sent']]);

    fs.makeRoom();
    await until(() => gateway.to(TO_A) === 2, 'the called message, once the disk takes writes');
    expect(gateway.handed[1]!.text).toContain(`Da den luot so ${a.number}`);
    await pause(300);
    expect(gateway.to(TO_A)).toBe(2);
    expect((await outbox(t)).map((r) => [r.kind, r.state])).toEqual([
      ['ahead', 'sent'],
      ['called', 'sent'],
    ]);
  }, 90_000);

  it('full at midnight: the hub serves, the numbers are kept only until the disk takes writes, then deleted; the day’s messages never go', async (ctx) => {
    const fs = disks.tmpfs('full-midnight');
    if ('skip' in fs) return ctx.skip();
    const dir = join(fs.dir, 'data');
    const clock = new TestClock(Date.parse('2026-11-23T16:30:00Z')); // Monday 23:30 in Hà Nội
    const { t, gateway, admin, kiosk, issue } = await setUp({ dir, clock });
    for (let i = 0; i < 4; i++) await issue();
    const late = await issue(); // four ahead: its message is not due
    await t.api('ticket:sms', { id: late.id, phone: PHONE_A }, kiosk);
    expect(numbersFile(dir).rows).toEqual([{ ticket_id: late.id, service_day: '2026-11-23' }]);

    // The disk fills up (a log, another program); midnight passes.
    t.hub.db.pragma('wal_checkpoint(TRUNCATE)');
    fs.fill();
    clock.set('2026-11-23T17:05:00Z'); // Tuesday 00:05
    await expect
      .poll(async () => (await t.api('hub:health', {}, admin)).detail!.database, { timeout: 10_000 })
      .toMatchObject({ writable: false, fault: { kind: 'full' } });
    expect((await t.api('floor:get', {}, admin)).head).toBeGreaterThan(0);
    expect((await t.api('ticket:get', { id: late.id }, kiosk)).ticket.id).toBe(late.id);
    await pause(300);
    expect(numbersFile(dir).rows).toHaveLength(1); // the disk refuses the delete: kept, and tried again

    fs.makeRoom();
    await until(() => numbersFile(dir).rows.length === 0, "Monday's number deleted once the disk takes writes", 20_000);
    expect(numbersFile(dir).inBytes).toEqual([]);
    // Tickets again; Monday's citizen gets nothing on Tuesday.
    const tuesday = await issue();
    expect(tuesday.serviceDay).toBe('2026-11-24');
    const officer = await t.officerAt(1);
    await t.api('counter:call-next', {}, officer);
    await pause(300);
    expect(gateway.handed).toEqual([]);
  }, 90_000);
});

describe('a disk turned read-only', () => {
  it('refuses a number in words, sends nothing twice, says why; after the repair the day’s numbers are deleted', async (ctx) => {
    const fs = disks.ext4('ro');
    if ('skip' in fs) return ctx.skip();
    const dir = join(fs.dir, 'data');
    const clock = new TestClock(Date.parse('2026-11-23T03:00:00Z')); // Monday 10:00
    const { t, gateway, admin, kiosk, issue } = await setUp({ dir, clock });
    const a = await issue();
    const b = await issue();
    gateway.hold = true;
    await t.api('ticket:sms', { id: a.id, phone: PHONE_A }, kiosk);
    await until(() => gateway.handed.length === 1, 'the first message handed over');

    fs.triggerError();
    gateway.release();
    const refused = await refusal(t.api('ticket:sms', { id: b.id, phone: PHONE_B }, kiosk));
    expect([refused.code, refused.status, refused.messageVi]).toEqual(['SMS_NUMBER_NOT_SAVED', 503, errorCatalog.SMS_NUMBER_NOT_SAVED.vi]);
    await expect
      .poll(async () => (await t.api('hub:health', {}, admin)).detail!.database, { timeout: 10_000 })
      .toMatchObject({ writable: false, fault: { kind: 'readonly' } });
    expect((await t.api('floor:get', {}, admin)).fields.find((f) => f.fieldId === b.fieldId)!.waiting).toBeGreaterThanOrEqual(2);
    await pause(500);
    expect(gateway.to(TO_A)).toBe(1);
    expect((await outbox(t)).map((r) => r.state)).toEqual(['sending']);

    // IT staff stop the hub, repair the file system and start it again, the next morning.
    await t.close();
    hubs = [];
    fs.repair();
    clock.set('2026-11-24T01:00:00Z');
    const t2 = await again(dir, clock);
    await until(() => numbersFile(dir).rows.length === 0, "Monday's numbers deleted");
    expect(numbersFile(dir).inBytes).toEqual([]);
    await until(async () => (await outbox(t2))[0]?.state === 'unknown', 'the message the hub could not settle is unknown');
    await pause(300);
    expect(gateway.handed).toHaveLength(1);
  }, 90_000);
});

describe('a PC clock that jumps', () => {
  it('forward a day while the ticket is today’s: its number is kept and used; it goes with the day’s real end', async () => {
    const c = new TwoClocks('2026-11-23T03:00:00Z'); // Monday 10:00
    const { t, gateway, kiosk, issue } = await setUp({ clock: c.wall, monotonic: c.mono });
    for (let i = 0; i < 3; i++) await issue();
    const mine = await issue(); // three ahead
    await t.api('ticket:sms', { id: mine.id, phone: PHONE_A }, kiosk);
    c.setWall(DAY); // Tuesday 10:00 on the wall
    await pause(300);
    expect(numbersFile(t.dir).rows).toEqual([{ ticket_id: mine.id, service_day: '2026-11-23' }]);
    const officer = await t.officerAt(1);
    const serve = async () => {
      const x = await t.api('counter:call-next', {}, officer);
      await t.api('ticket:finish', { id: x.id }, officer);
    };
    await serve(); // two ahead: told
    await until(() => gateway.to(TO_A) === 1, 'the ahead message');
    await serve();
    await serve();
    expect((await t.api('counter:call-next', {}, officer)).id).toBe(mine.id);
    await until(() => gateway.to(TO_A) === 2, 'the called message');
    expect(gateway.handed[1]!.text).toContain(`Da den luot so ${mine.number}`);
    expect(numbersFile(t.dir).rows).toHaveLength(1);
    // Monday really ends (hub time follows the monotonic clock): the number goes.
    c.pass(14 * HOUR);
    await until(() => numbersFile(t.dir).rows.length === 0, 'the number deleted at the end of its day');
    expect(numbersFile(t.dir).inBytes).toEqual([]);
  });

  it('back over midnight: yesterday’s numbers stay deleted, yesterday’s messages are never sent, today’s numbers are kept', async () => {
    const c = new TwoClocks('2026-11-23T16:40:00Z'); // Monday 23:40
    const gateway = await Gateway.start();
    gateway.status = 500; // the provider refuses for now: the message waits for a retry
    const { t, kiosk, issue } = await setUp({ clock: c.wall, monotonic: c.mono, gateway });
    const monday = await issue();
    await t.api('ticket:sms', { id: monday.id, phone: PHONE_A }, kiosk);
    await until(() => gateway.handed.length === 1, 'the first try');
    await until(async () => (await outbox(t))[0]?.state === 'queued', 'queued for a retry');
    gateway.status = 200;

    c.pass(30 * MIN); // Tuesday 00:10: the retry is due, but its day is over
    await until(() => numbersFile(t.dir).rows.length === 0, "Monday's number deleted");
    await until(async () => (await outbox(t))[0]?.state === 'dropped', "Monday's message dropped");
    const tuesday = await issue();
    expect(tuesday.serviceDay).toBe('2026-11-24');
    await t.api('ticket:sms', { id: tuesday.id, phone: PHONE_B }, kiosk);
    await until(() => gateway.to(TO_B) === 1, "Tuesday's message");

    c.setWall(-HOUR); // Monday 23:11 on the wall
    await pause(500);
    expect(numbersFile(t.dir).rows).toEqual([{ ticket_id: tuesday.id, service_day: '2026-11-24' }]);
    expect(numbersFile(t.dir).inBytes).toEqual(['0987654321', '987654321']);
    expect(await errorCode(t.api('ticket:sms', { id: monday.id, phone: PHONE_A }, kiosk))).toBe('TICKET_EXPIRED');
    expect(gateway.to(TO_A)).toBe(1); // the refused try only
    expect((await outbox(t)).map((r) => [r.service_day, r.state])).toEqual([
      ['2026-11-23', 'dropped'],
      ['2026-11-24', 'sent'],
    ]);
    // Tuesday really ends: its number goes too.
    c.pass(DAY);
    await until(() => numbersFile(t.dir).rows.length === 0, "Tuesday's number deleted");
  });
});

describe('a hub restored from yesterday’s backup', () => {
  it('restored from the same day’s backup: a message it holds queued but handed over since is not sent again', async () => {
    const dir = mkdtempSync(join(disks.root, 'restore-today-'));
    const clock = new TestClock(Date.parse('2026-11-23T02:00:00Z')); // Monday 09:00
    const { t, gateway, kiosk, issue } = await setUp({ dir, clock });
    const a = await issue();
    gateway.status = 500;
    await t.api('ticket:sms', { id: a.id, phone: PHONE_A }, kiosk);
    await until(async () => (await outbox(t))[0]?.state === 'queued' && gateway.handed.length === 1, 'refused, to be tried again');
    const backup = await t.api('backups:create', {}, await t.login('quanly'));
    gateway.status = 200;
    clock.advance(61_000); // the retry: sent
    await until(async () => (await outbox(t))[0]?.state === 'sent', 'sent on the retry');
    await t.close();
    hubs = [];
    for (const f of ['motcua.db', 'motcua.db-wal', 'motcua.db-shm']) rmSync(join(dir, f), { force: true });
    copyFileSync(join(dir, 'backups', backup.file), join(dir, 'motcua.db'));

    const t2 = await again(dir, clock); // the backup still has it queued, its retry due
    await until(async () => (await outbox(t2))[0]?.state === 'unknown', 'known to have been handed over');
    await pause(300);
    expect(gateway.to(TO_A)).toBe(2); // the refused try and the one that went: not a third
    expect(numbersFile(dir).rows).toEqual([{ ticket_id: a.id, service_day: '2026-11-23' }]); // its own ticket: kept
  }, 60_000);

  it('sends nothing twice, drops yesterday’s messages, and deletes the numbers of tickets the restored database does not know', async () => {
    const dir = mkdtempSync(join(disks.root, 'restore-'));
    const clock = new TestClock(Date.parse('2026-11-23T08:00:00Z')); // Monday 15:00
    const { t, gateway, kiosk, issue } = await setUp({ dir, clock });
    const manager = await t.login('quanly');
    // Monday: one message refused by the provider (queued for a retry), one handed over (sending).
    const m1 = await issue();
    const m2 = await issue();
    gateway.status = 500;
    await t.api('ticket:sms', { id: m1.id, phone: PHONE_A }, kiosk);
    await until(async () => (await outbox(t))[0]?.state === 'queued' && gateway.handed.length === 1, 'refused, to be tried again');
    gateway.status = 200;
    gateway.hold = true;
    await t.api('ticket:sms', { id: m2.id, phone: PHONE_A }, kiosk);
    await until(() => gateway.handed.length === 2, 'the second handed over');
    const backup = await t.api('backups:create', {}, manager);
    gateway.release();
    await until(async () => (await outbox(t)).every((r) => r.state === 'sent' || r.state === 'queued'), 'the verdict');

    // Tuesday: a citizen leaves a number and is told; then the hub is restored from Monday's backup.
    clock.set('2026-11-24T02:00:00Z');
    const tue = [await issue(), await issue()];
    await t.api('ticket:sms', { id: tue[1]!.id, phone: PHONE_B }, kiosk);
    await until(() => gateway.to(TO_B) === 1, "Tuesday's citizen told");
    await t.close();
    hubs = [];
    for (const f of ['motcua.db', 'motcua.db-wal', 'motcua.db-shm']) rmSync(join(dir, f), { force: true });
    copyFileSync(join(dir, 'backups', backup.file), join(dir, 'motcua.db'));
    const handedBefore = gateway.handed.length;

    clock.set('2026-11-24T03:00:00Z');
    const t2 = await again(dir, clock);
    // The number left for a ticket the restored database lost is deleted, byte for byte.
    await until(() => numbersFile(dir).rows.length === 0, 'the numbers of unknown tickets deleted');
    expect(numbersFile(dir).inBytes).toEqual([]);
    await until(async () => (await outbox(t2)).every((r) => r.state !== 'queued' && r.state !== 'sending'), "Monday's messages settled");
    expect((await outbox(t2)).map((r) => [r.ticket_id, r.state])).toEqual([
      [m1.id, 'dropped'],
      [m2.id, 'unknown'],
    ]);

    // New tickets take the lost tickets' ids: none of them reaches the old citizen's phone.
    const kiosk2 = await t2.device('kiosk');
    const field = await t2.fieldId('TP');
    const fresh = [];
    for (let i = 0; i < 3; i++) fresh.push((await t2.api('ticket:issue', { fieldId: field, priority: false }, kiosk2)).ticket);
    expect(fresh.map((x) => x.id)).toEqual(expect.arrayContaining(tue.map((x) => x.id)));
    const officer = await t2.officerAt(1);
    for (let i = 0; i < 3; i++) await t2.api('counter:call-next', {}, officer).then((x) => t2.api('ticket:finish', { id: x.id }, officer));
    await pause(500);
    expect(gateway.handed.slice(handedBefore)).toEqual([]);
  }, 60_000);
});
