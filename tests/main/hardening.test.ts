// Safe by default, under attack and under load (issue #11): each defect a hostile test found,
// replayed against a real hub on loopback with a real SQLite file.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import Database from 'better-sqlite3';
import WebSocket from 'ws';
import { MAX_REPLAY, type ServerMessage } from '../../main/contract/index.ts';
import { TransportError } from '../../hardware/printer/transport.ts';
import { DeviceFileTransport } from '../../hardware/printer/deviceFileTransport.ts';
import { SerialTransport } from '../../hardware/printer/serialTransport.ts';
import { MAX_UNSUBSCRIBED_PER_ADDRESS } from '../../main/hub/api/ws.ts';
import { errorCode, startTestHub, type TestHub } from '../helpers/hub.ts';

const hubs: TestHub[] = [];
async function hub(opts: Parameters<typeof startTestHub>[0] = {}): Promise<TestHub> {
  const t = await startTestHub(opts);
  hubs.push(t);
  return t;
}
afterEach(async () => {
  vi.restoreAllMocks();
  for (const t of hubs.splice(0)) await t.close();
});

/** What the hub wrote in its log files (DATA/logs). */
function hubLog(t: TestHub): string {
  const dir = join(t.dir, 'logs');
  return existsSync(dir)
    ? readdirSync(dir)
        .map((f) => readFileSync(join(dir, f), 'utf8'))
        .join('')
    : '';
}

/** A raw WebSocket that records what it is sent and how it was closed. */
class RawSocket {
  readonly messages: ServerMessage[] = [];
  closed: { code: number; reason: string } | null = null;
  constructor(readonly socket: WebSocket) {
    socket.on('message', (d) => this.messages.push(JSON.parse(d.toString()) as ServerMessage));
    socket.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
    });
  }
  static open(url: string, headers: Record<string, string> = {}): Promise<RawSocket> {
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/ws`, { headers });
    const raw = new RawSocket(ws);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(raw));
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    });
  }
  send(msg: unknown): void {
    this.socket.send(JSON.stringify(msg));
  }
  async until(pred: () => boolean, ms = 5000): Promise<void> {
    const end = Date.now() + ms;
    while (!pred()) {
      if (Date.now() > end)
        throw new Error(`timed out; got ${JSON.stringify(this.messages.slice(-3))} closed=${JSON.stringify(this.closed)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

/** An HTTP request written by hand: headers now, the body in parts, so a test can act in between. */
function slowRequest(
  url: string,
  path: string,
  headers: Record<string, string>,
): { write(s: string): void; end(s?: string): void; response: Promise<{ status: number; body: string }> } {
  const u = new URL(url);
  const req = request({ host: u.hostname, port: u.port, path, method: 'POST', headers });
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.on('response', (res) => {
      let body = '';
      res.on('data', (d: Buffer) => {
        body += d.toString();
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
  });
  req.flushHeaders();
  return { write: (s) => req.write(s), end: (s) => req.end(s), response };
}

const field = { nameVi: 'Đất đai 2', nameEn: 'Land 2', dailyLimit: null, targetWaitMin: 20, serviceMin: 10, active: true, sortOrder: 70 };

describe('1. no duplicate numbers through configuration', () => {
  it('refuses a range overlapping an active field, a range starting at 0, and reactivating into an overlap', async () => {
    const t = await hub();
    const admin = await t.login('admin');
    expect(await errorCode(t.api('fields:create', { ...field, code: 'DD2', rangeStart: 1001, rangeEnd: 1999 }, admin))).toBe(
      'RANGE_OVERLAP',
    );
    expect(await errorCode(t.api('fields:create', { ...field, code: 'DD2', rangeStart: 1500, rangeEnd: 1500 }, admin))).toBe(
      'RANGE_OVERLAP',
    );
    expect(await errorCode(t.api('fields:create', { ...field, code: 'DD2', rangeStart: 0, rangeEnd: 5 }, admin))).toBe('VALIDATION');
    // An inactive field may share a range (an old field kept for its statistics)…
    const old = await t.api('fields:create', { ...field, code: 'DD2', rangeStart: 1001, rangeEnd: 1999, active: false }, admin);
    // …but may not come back to life over another's numbers.
    const { id: _id, ...body } = old;
    expect(await errorCode(t.api('fields:update', { ...body, id: old.id, active: true }, admin))).toBe('RANGE_OVERLAP');
    // Touching ranges are fine; the field keeps its own range when edited.
    await t.api('fields:create', { ...field, code: 'DD3', nameVi: 'Đất đai 3', nameEn: 'Land 3', rangeStart: 7001, rangeEnd: 7999 }, admin);
    const tp = (await t.api('fields:list', {}, admin)).find((f) => f.code === 'TP')!;
    await t.api('fields:update', { ...tp, nameVi: 'Tư pháp' }, admin);

    const kiosk = await t.device('kiosk');
    const numbers = new Set<number>();
    for (const f of await t.api('fields:list', {}, admin)) {
      if (!f.active) continue;
      const issued = await t.api('ticket:issue', { fieldId: f.id, priority: false }, kiosk);
      expect(numbers.has(issued.ticket.number)).toBe(false);
      numbers.add(issued.ticket.number);
    }
  });

  it('refuses opening hours that close before they open', async () => {
    const t = await hub();
    const admin = await t.login('admin');
    const s = await t.api('settings:get', {}, admin);
    const bad = { ...s, openingHours: { enforced: true, week: { '1': [['11:30', '07:30']] as [string, string][] } } };
    expect(await errorCode(t.api('settings:update', bad, admin))).toBe('VALIDATION');
  });
});

describe('2. a printer path is a printer, never a file', () => {
  it('the API refuses regular files as device paths, the database first of all', async () => {
    const t = await hub();
    const admin = await t.login('admin');
    const created = await t.api('devices:create', { kind: 'kiosk', name: 'Kiosk', counterId: null }, admin);
    const base = {
      transport: 'usb' as const,
      attachedTo: 'hub' as const,
      widthDots: 576 as const,
      mode: 'raster' as const,
      codePage: 52,
      textEncoding: 'cp1258' as const,
      cancelKanji: false,
      maxBandHeight: 128,
      cutFeedDots: 96,
    };
    for (const path of [join(t.dir, 'motcua.db'), '/dev/usb/lp0/../../../tmp/x', '/etc/passwd', 'backups/motcua-1.db']) {
      expect(await errorCode(t.api('devices:set-printer', { id: created.device.id, printer: { ...base, path } }, admin))).toBe(
        'VALIDATION',
      );
      expect(
        await errorCode(t.api('devices:set-printer', { id: created.device.id, printer: { ...base, transport: 'serial', path } }, admin)),
      ).toBe('VALIDATION');
    }
    for (const path of ['/dev/usb/lp0', '/dev/ttyUSB0', '/dev/serial/by-id/usb-Prolific_PL2303-if00-port0', 'COM3']) {
      const transport = path.startsWith('/dev/usb') ? 'usb' : 'serial';
      expect(
        (await t.api('devices:set-printer', { id: created.device.id, printer: { ...base, transport, path } }, admin)).printer?.path,
      ).toBe(path);
    }
  });

  it('the transports refuse to open a regular file and leave it untouched', async () => {
    const t = await hub();
    const victim = join(t.dir, 'victim.db');
    writeFileSync(victim, 'SQLite format 3\0 precious');
    const usb = new DeviceFileTransport(victim);
    await expect(usb.open()).rejects.toBeInstanceOf(TransportError);
    await usb.write(new Uint8Array([0x1b, 0x40])).catch(() => undefined);
    await usb.close();
    const serial = new SerialTransport(victim);
    await expect(serial.open()).rejects.toThrow(/not a serial device/);
    expect(readFileSync(victim, 'utf8')).toBe('SQLite format 3\0 precious');
  });
});

describe('3. backups under full write load', () => {
  it('succeed while kiosks and counters write as fast as they can, and each copy is whole', async () => {
    const t = await hub({ issueLimit: null });
    const admin = await t.login('admin');
    const kiosk = await t.device('kiosk');
    const fieldIds = await Promise.all(['TP', 'DD', 'DKKD', 'XD'].map((c) => t.fieldId(c)));
    let writing = true;
    let writes = 0;
    const writers = Array.from({ length: 8 }, async (_, k) => {
      while (writing) {
        await t.api('ticket:issue', { fieldId: fieldIds[k % fieldIds.length]!, priority: false }, kiosk);
        writes++;
      }
    });
    const started = Date.now();
    const results: { file: string }[] = [];
    // At least six backups, and until the writers have done 200 writes meanwhile (a fast disk
    // makes backups quicker than the load): every backup starts with writes in flight.
    while (results.length < 6 || writes < 200) results.push(await t.api('backups:create', {}, admin));
    writing = false;
    await Promise.all(writers);
    const rate = writes / ((Date.now() - started) / 1000);
    expect(writes).toBeGreaterThan(200); // the load really ran during the backups
    const listed = await t.api('backups:list', {}, admin);
    expect(listed.lastAttempt).toMatchObject({ ok: true, error: null });
    for (const b of results) {
      const copy = new Database(join(t.dir, 'backups', b.file), { readonly: true });
      try {
        expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
        expect((copy.prepare('SELECT COUNT(*) AS n FROM tickets').get() as { n: number }).n).toBeGreaterThan(0);
      } finally {
        copy.close();
      }
    }
    console.log(`backups under load: ${results.length} of ${results.length} at ${Math.round(rate)} issues/s`);
  });

  it('a failed backup is logged, journaled and shown to the manager', async () => {
    const t = await hub();
    const admin = await t.login('admin');
    const dir = join(t.dir, 'backups');
    rmSync(dir, { recursive: true, force: true });
    writeFileSync(dir, 'not a folder'); // the disk is not what the hub expects
    expect(await errorCode(t.api('backups:create', {}, admin))).toBe('BACKUP_FAILED');
    rmSync(dir);
    mkdirSync(dir);
    const listed = await t.api('backups:list', {}, admin);
    expect(listed.lastAttempt).toMatchObject({ ok: false });
    expect(listed.lastAttempt!.error).toBeTruthy();
    await expect.poll(() => hubLog(t), { timeout: 5000 }).toMatch(/"level":"error".*"msg":"backup failed"/);
    const events = (await t.api('journal:list', { since: 0, limit: 1000 }, admin)).events;
    expect(events.some((e) => e.type === 'backup:failed')).toBe(true);
  });
});

describe('4. parallel guesses do not bypass the login limit', () => {
  it('200 parallel wrong guesses: at most 5 are evaluated', async () => {
    const t = await hub();
    const codes = await Promise.all(
      Array.from({ length: 200 }, () => errorCode(t.api('auth:login', { username: 'canbo1', password: 'doan-mo' }))),
    );
    expect(codes.filter((c) => c === 'BAD_CREDENTIALS').length).toBeLessThanOrEqual(5);
    expect(codes.filter((c) => c === 'TOO_MANY_ATTEMPTS').length).toBeGreaterThanOrEqual(195);
  });

  it('the right password hidden among 50 wrong ones sent at once does not get in', async () => {
    const t = await hub();
    const wrong = Array.from({ length: 50 }, () =>
      t.api('auth:login', { username: 'canbo2', password: 'doan-mo' }).then(
        () => 'in',
        (e: { code: string }) => e.code,
      ),
    );
    const right = t.api('auth:login', { username: 'canbo2', password: 'motcua-canbo' }).then(
      () => 'in',
      (e: { code: string }) => e.code,
    );
    const all = await Promise.all([...wrong, right]);
    expect(all.at(-1)).toBe('TOO_MANY_ATTEMPTS');
    expect(all.filter((r) => r === 'in')).toEqual([]);
  });

  it('a right password forgives only its own attempt: the same address may still sign others in', async () => {
    const t = await hub();
    for (let i = 1; i <= 6; i++) await t.login(`canbo${i}`);
    for (let i = 1; i <= 6; i++) await t.login(`canbo${i}`);
    expect((await t.api('auth:login', { username: 'quanly', password: 'motcua-quanly' })).me.kind).toBe('staff');
  });
});

describe('5. revoking a device or deactivating staff cuts what is open', () => {
  it('a revoked display and a deactivated manager lose their sockets at once', async () => {
    const t = await hub();
    const admin = await t.login('admin');
    const created = await t.api('devices:create', { kind: 'display', name: 'Màn hình sảnh 2', counterId: null }, admin);
    const display = (await t.api('device:pair', { code: created.code })).token;
    const manager = await t.login('quanly');
    const hall = await RawSocket.open(t.hub.url);
    hall.send({ type: 'subscribe', token: display, topics: [{ kind: 'hall' }] });
    const mgr = await RawSocket.open(t.hub.url);
    mgr.send({ type: 'subscribe', token: manager, topics: [{ kind: 'manager' }] });
    await hall.until(() => hall.messages.some((m) => m.type === 'subscribed'));
    await mgr.until(() => mgr.messages.some((m) => m.type === 'subscribed'));

    await t.api('devices:revoke', { id: created.device.id }, admin);
    await hall.until(() => hall.closed !== null);
    expect(hall.closed!.code).toBe(4401);

    const staff = (await t.api('staff:list', {}, admin)).find((s) => s.username === 'quanly')!;
    await t.api('staff:update', { ...staff, active: false }, admin);
    await mgr.until(() => mgr.closed !== null);
    expect(mgr.closed!.code).toBe(4401);
    // A demoted manager keeps the socket no longer than a deactivated one.
    const manager2 = await t.api(
      'staff:create',
      { username: 'pho.giamdoc', fullName: 'Phó Giám đốc', role: 'manager', active: true, password: 'mat-khau-pho-gd' },
      admin,
    );
    const token2 = await t.login('pho.giamdoc', 'mat-khau-pho-gd');
    const mgr2 = await RawSocket.open(t.hub.url);
    mgr2.send({ type: 'subscribe', token: token2, topics: [{ kind: 'manager' }] });
    await mgr2.until(() => mgr2.messages.some((m) => m.type === 'subscribed'));
    await t.api('staff:update', { ...manager2, role: 'officer' }, admin);
    await mgr2.until(() => mgr2.closed !== null);
  });

  it('a request whose body was still arriving when its device was revoked is refused', async () => {
    const t = await hub();
    const admin = await t.login('admin');
    const created = await t.api('devices:create', { kind: 'kiosk', name: 'Kiosk 2', counterId: null }, admin);
    const kiosk = (await t.api('device:pair', { code: created.code })).token;
    const body = JSON.stringify({ fieldId: await t.fieldId('TP'), priority: false });
    const slow = slowRequest(t.hub.url, '/api/tickets', {
      Authorization: `Bearer ${kiosk}`,
      'Content-Type': 'application/json',
      'Content-Length': String(Buffer.byteLength(body)),
    });
    slow.write(body.slice(0, 5));
    await new Promise((r) => setTimeout(r, 100));
    await t.api('devices:revoke', { id: created.device.id }, admin);
    slow.end(body.slice(5));
    const res = await slow.response;
    expect(res.status).toBe(401);
    expect((t.hub.db.prepare('SELECT COUNT(*) AS n FROM tickets').get() as { n: number }).n).toBe(0);
  });
});

describe('7. a kiosk scan cannot freeze the hub', () => {
  it('regular expressions are no longer accepted as dossier routes; routes by unit code work', async () => {
    const t = await hub();
    const admin = await t.login('admin');
    const s = await t.api('settings:get', {}, admin);
    const tkq = await t.fieldId('TKQ');
    const dd = await t.fieldId('DD');
    const evil = { ...s, scan: { ...s.scan, dossierRoutes: [{ pattern: '^(a+)+$', fieldId: tkq }] } };
    expect(await errorCode(t.api('settings:update', evil as never, admin))).toBe('VALIDATION');
    await t.api(
      'settings:update',
      {
        ...s,
        scan: {
          ...s.scan,
          dossierRoutes: [
            { match: 'unit', value: '000.00.12.H34', fieldId: dd },
            { match: 'unit', value: '', fieldId: tkq },
          ],
        },
      },
      admin,
    );
    const kiosk = await t.device('kiosk');
    expect(await t.api('scan:read', { text: '000.00.12.H34-231123-0001' }, kiosk)).toEqual({ kind: 'dossier', fieldId: dd });
    expect(await t.api('scan:read', { text: '000.00.31.H56-231123-0001' }, kiosk)).toEqual({ kind: 'dossier', fieldId: tkq });
    expect(await errorCode(t.api('scan:read', { text: `${'a'.repeat(28)}!` }, kiosk))).toBe('SCAN_UNKNOWN');
  });

  it('a database with the old regular-expression routes starts with them rewritten, the dangerous one dropped', async () => {
    const first = await startTestHub();
    const dir = first.dir;
    const tkq = await first.fieldId('TKQ');
    const dd = await first.fieldId('DD');
    const hs = await first.fieldId('TP');
    await first.hub.close();
    const raw = new Database(join(dir, 'motcua.db'));
    const scan = JSON.parse((raw.prepare("SELECT value FROM settings WHERE key = 'scan'").get() as { value: string }).value) as Record<
      string,
      unknown
    >;
    scan.dossierRoutes = [
      { pattern: '^000\\.00\\.12\\.H34-', fieldId: dd },
      { pattern: '^HS', fieldId: hs },
      { pattern: '^(a+)+$', fieldId: tkq },
      { pattern: '^[0-9A-Z.]+-\\d{6}-\\d{4}$', fieldId: tkq },
    ];
    raw.prepare("UPDATE settings SET value = ? WHERE key = 'scan'").run(JSON.stringify(scan));
    raw.close();
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const t = await hub({ dir });
    try {
      const s = await t.api('settings:get', {}, await t.login('admin'));
      expect(s.scan.dossierRoutes).toEqual([
        { match: 'unit', value: '000.00.12.H34', fieldId: dd },
        { match: 'prefix', value: 'HS', fieldId: hs },
        { match: 'unit', value: '', fieldId: tkq },
      ]);
    } finally {
      await t.close();
      hubs.pop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('8. resubscribing cannot make the hub replay the journal over and over', () => {
  it('twenty subscriptions asking for 4,999 events each replay at most one budget, then reset or refusal', async () => {
    const t = await hub();
    const display = await t.device('display');
    const kiosk = t.hub.engine;
    const fieldIds = await Promise.all(['TP', 'DD', 'DKKD', 'LDTBXH', 'XD', 'TKQ'].map((c) => t.fieldId(c)));
    const actor = { staffId: null, deviceId: null, counterId: null, supervisor: true };
    t.hub.journal.write(() => {
      for (let i = 0; i < 5200; i++) kiosk.issue({ fieldId: fieldIds[i % 6]!, priority: false, source: 'staff' }, actor);
    });
    await t.hub.journal.settled();
    const head = t.hub.journal.head();
    const s = await RawSocket.open(t.hub.url);
    for (let i = 0; i < 20; i++) s.send({ type: 'subscribe', token: display, topics: [{ kind: 'hall' }], since: head - 4999 });
    await s.until(() => s.closed !== null || s.messages.filter((m) => m.type === 'subscribed' || m.type === 'reset').length >= 10, 10_000);
    await new Promise((r) => setTimeout(r, 200));
    const replayed = s.messages.filter((m) => m.type === 'event').length;
    expect(replayed).toBeLessThanOrEqual(MAX_REPLAY);
    expect(s.messages.filter((m) => m.type === 'reset').length).toBeGreaterThanOrEqual(1);
    expect(s.messages.some((m) => m.type === 'error' && m.code === 'TOO_MANY_ATTEMPTS')).toBe(true);
    expect(s.closed?.code).toBe(4429);
  });
});

describe('9. flooding', () => {
  it('one kiosk token cannot empty a field: a burst, then one ticket per two seconds', async () => {
    const t = await hub();
    const kiosk = await t.device('kiosk');
    const tp = await t.fieldId('TP');
    const codes: string[] = [];
    for (let i = 0; i < 25; i++)
      codes.push(
        await t.api('ticket:issue', { fieldId: tp, priority: false }, kiosk).then(
          () => 'ok',
          (e: { code: string }) => e.code,
        ),
      );
    expect(codes.filter((c) => c === 'ok').length).toBe(20);
    expect(codes.slice(20)).toEqual(Array(5).fill('RATE_LIMITED'));
    const res = await fetch(`${t.hub.url}/api/tickets`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${kiosk}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ fieldId: tp, priority: false }),
    });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    t.clock.advance(2_000);
    expect((await t.api('ticket:issue', { fieldId: tp, priority: false }, kiosk)).ticket.number).toBe(1021);
    // Another kiosk and the staff are not held back by it.
    expect((await t.api('ticket:issue', { fieldId: tp, priority: false }, await t.device('kiosk'))).ticket.number).toBe(1022);
  });

  it('idle unauthenticated sockets are capped (per address) and dropped; half-sent bodies do not hold a socket', async () => {
    const t = await hub();
    const idle: RawSocket[] = [];
    for (let i = 0; i < MAX_UNSUBSCRIBED_PER_ADDRESS; i++) idle.push(await RawSocket.open(t.hub.url));
    await expect(RawSocket.open(t.hub.url)).rejects.toThrow(/503/);
    const half = slowRequest(t.hub.url, '/api/auth/login', { 'Content-Type': 'application/json', 'Content-Length': '500' });
    half.write('{"username":"adm');
    const halfDone = half.response.then(
      (r) => r.status,
      () => 'closed',
    );
    const started = Date.now();
    await idle[0]!.until(() => idle.every((s) => s.closed !== null), 15_000);
    expect(idle[0]!.closed!.code).toBe(4408);
    expect(Date.now() - started).toBeLessThan(14_000);
    // Room again for a screen that does subscribe.
    const display = await t.device('display');
    const fresh = await RawSocket.open(t.hub.url);
    fresh.send({ type: 'subscribe', token: display, topics: [{ kind: 'hall' }] });
    await fresh.until(() => fresh.messages.some((m) => m.type === 'subscribed'));
    const outcome = await Promise.race([halfDone, new Promise((r) => setTimeout(() => r('still open'), 20_000))]);
    expect(outcome).not.toBe('still open');
    fresh.socket.close();
  }, 60_000);
});

describe('10. no state left wrong', () => {
  it('an officer serving a citizen can neither switch counters nor sign out; the ticket stays where it is', async () => {
    const t = await hub();
    const kiosk = await t.device('kiosk');
    await t.api('ticket:issue', { fieldId: await t.fieldId('TP'), priority: false }, kiosk);
    const officer = await t.officerAt(1);
    const called = await t.api('counter:call-next', {}, officer);
    await t.api('ticket:start', { id: called.id }, officer);
    expect(await errorCode(t.api('counter:open', { counterId: await t.counterId(2) }, officer))).toBe('ALREADY_SERVING');
    expect(await errorCode(t.api('auth:logout', {}, officer))).toBe('ALREADY_SERVING');
    const desk = await t.api('counter:get', {}, officer);
    expect(desk.counter.state).toBe('open');
    expect(desk.current).toMatchObject({ id: called.id, status: 'serving' });
    await t.api('ticket:finish', { id: called.id }, officer);
    await t.api('auth:logout', {}, officer);
    const admin = await t.login('admin');
    expect((await t.api('counters:list', {}, admin)).find((c) => c.number === 1)!.state).toBe('closed');
  });

  it('deactivating an officer closes their counter, and is refused while they serve someone', async () => {
    const t = await hub();
    const admin = await t.login('admin');
    const kiosk = await t.device('kiosk');
    const officer = await t.officerAt(3);
    const staff = (await t.api('staff:list', {}, admin)).find((s) => s.username === 'canbo3')!;
    await t.api('ticket:issue', { fieldId: await t.fieldId('DD'), priority: false }, kiosk);
    const called = await t.api('counter:call-next', {}, officer);
    expect(await errorCode(t.api('staff:update', { ...staff, active: false }, admin))).toBe('ALREADY_SERVING');
    expect((await t.api('auth:me', {}, officer)).kind).toBe('staff'); // nothing changed
    await t.api('ticket:finish', { id: called.id }, officer);
    await t.api('staff:update', { ...staff, active: false }, admin);
    const counter = (await t.api('counters:list', {}, admin)).find((c) => c.number === 3)!;
    expect(counter).toMatchObject({ state: 'closed', staffId: null });
  });

  it('a rating device rates only the few tickets its counter just finished, and says "not rated" once', async () => {
    const t = await hub();
    const kiosk = await t.device('kiosk');
    const rating = await t.device('rating', 1);
    const officer = await t.officerAt(1);
    const tp = await t.fieldId('TP');
    const serve = async () => {
      await t.api('ticket:issue', { fieldId: tp, priority: false }, kiosk);
      const c = await t.api('counter:call-next', {}, officer);
      await t.api('ticket:finish', { id: c.id }, officer);
      return c.id;
    };
    const first = await serve();
    const between = [await serve(), await serve()];
    const second = await serve();
    // Three services later the first citizen is long gone: nobody may rate in their name.
    expect(await errorCode(t.api('rating:submit', { ticketId: first, level: 1, reasons: [] }, rating))).toBe('TICKET_WRONG_STATE');
    expect(await errorCode(t.api('rating:timeout', { ticketId: first }, rating))).toBe('TICKET_WRONG_STATE');
    // One still rating while the next is finished keeps their turn (the tablet asks them in turn).
    await t.api('rating:submit', { ticketId: between[1]!, level: 3, reasons: [] }, rating);
    for (let i = 0; i < 10; i++) await t.api('rating:timeout', { ticketId: second }, rating);
    const events = (await t.api('journal:list', { since: 0, limit: 1000 }, await t.login('admin'))).events;
    expect(events.filter((e) => e.type === 'rating:timed-out').map((e) => e.ticketId)).toEqual([second]);
    await t.api('rating:submit', { ticketId: second, level: 4, reasons: [] }, rating);
    expect(await errorCode(t.api('rating:timeout', { ticketId: second }, rating))).toBe('ALREADY_RATED');
  });

  it('impossible dates, lone surrogates and aborted uploads are refused quietly', async () => {
    const t = await hub();
    const manager = await t.login('quanly');
    for (const [from, to] of [
      ['2026-13-45', '2026-13-46'],
      ['2026-02-30', '2026-03-01'],
      ['2026-02-28', '2026-02-29'],
    ]) {
      expect(await errorCode(t.api('stats:report', { preset: 'custom', from, to }, manager))).toBe('VALIDATION');
    }
    expect((await t.api('stats:report', { preset: 'custom', from: '2024-02-29', to: '2024-03-01' }, manager)).from).toBe('2024-02-29');

    const admin = await t.login('admin');
    const res = await fetch(`${t.hub.url}/api/config/fields`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' },
      body: `{"code":"XX","nameVi":"L\\ud800","nameEn":"x","rangeStart":8001,"rangeEnd":8999,"dailyLimit":null,"targetWaitMin":20,"serviceMin":5,"active":true,"sortOrder":9}`,
    });
    expect(res.status).toBe(400);
    expect((await t.api('fields:list', {}, admin)).some((f) => f.code === 'XX')).toBe(false);

    const aborted = slowRequest(t.hub.url, '/api/config/fields', {
      Authorization: `Bearer ${admin}`,
      'Content-Type': 'application/json',
      'Content-Length': '1000',
    });
    aborted.response.catch(() => undefined);
    aborted.write('{"code":');
    await new Promise((r) => setTimeout(r, 100));
    aborted.end(); // ends the request short of its length, then the socket goes
    await new Promise((r) => setTimeout(r, 300));
    t.hub.log.flush();
    await new Promise((r) => setTimeout(r, 200));
    expect(hubLog(t)).not.toContain('unexpected error');
  });
});

describe('11. browser-side hardening', () => {
  it('refuses foreign Host names (DNS rebinding), foreign origins and cross-site text/plain posts; sends the headers', async () => {
    const t = await hub();
    const port = new URL(t.hub.url).port;
    const get = (headers: Record<string, string>, path = '/api/health') =>
      new Promise<{ status: number; headers: Record<string, unknown> }>((resolve, reject) => {
        request({ host: '127.0.0.1', port, path, headers }, (res) => {
          res.resume();
          resolve({ status: res.statusCode ?? 0, headers: res.headers });
        })
          .on('error', reject)
          .end();
      });
    expect((await get({ Host: `attacker.example:${port}` })).status).toBe(421);
    expect((await get({ Host: `attacker.example:${port}` }, '/manager')).status).toBe(421);
    expect((await get({ Host: `localhost:${port}` })).status).toBe(200);
    const ok = await get({ Host: `127.0.0.1:${port}` });
    expect(ok.status).toBe(200);
    expect(ok.headers['permissions-policy']).toContain('camera=()');
    expect(ok.headers['cross-origin-opener-policy']).toBe('same-origin');
    // Every page keeps COOP but the kiosk's, whose every start it would slow by a process swap (#24).
    for (const page of ['/', '/manager', '/manager/settings', '/counter', '/display/hall', '/rating/1', '/province'])
      expect((await get({ Host: `127.0.0.1:${port}` }, page)).headers['cross-origin-opener-policy'], page).toBe('same-origin');
    for (const page of ['/kiosk', '/kiosk/']) {
      const kiosk = await get({ Host: `127.0.0.1:${port}` }, page);
      expect(kiosk.status, page).toBe(200);
      expect(kiosk.headers['cross-origin-opener-policy'], page).toBeUndefined();
      expect(kiosk.headers['content-security-policy'], page).toContain("frame-ancestors 'none'");
    }

    // A page elsewhere posting a "simple" request (no preflight) to sign in or issue tickets.
    const login = JSON.stringify({ username: 'admin', password: 'motcua-admin' });
    const cross = await fetch(`${t.hub.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain', Origin: 'http://attacker.example' },
      body: login,
    });
    expect(cross.status).toBe(403);
    const plainFromBrowser = await fetch(`${t.hub.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain', Origin: t.hub.url },
      body: login,
    });
    expect(plainFromBrowser.status).toBe(403);
    const ours = await fetch(`${t.hub.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: t.hub.url },
      body: login,
    });
    expect(ours.status).toBe(200);

    await expect(RawSocket.open(t.hub.url, { Origin: 'http://attacker.example' })).rejects.toThrow(/403/);
    await expect(RawSocket.open(t.hub.url, { Host: 'attacker.example' })).rejects.toThrow(/403/);
    const same = await RawSocket.open(t.hub.url, { Origin: t.hub.url });
    same.socket.close();
  });
});

describe('6. no default passwords on a real installation', () => {
  it('an empty hub is set up once with the code it printed; the code works once', async () => {
    const { startHub } = await import('../../main/hub/hub.ts');
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { createApiClient } = await import('../../main/contract/index.ts');
    const dir = mkdtempSync(join(tmpdir(), 'motcua-setup-'));
    const h = await startHub({ dataDir: dir, port: 0, host: '127.0.0.1', seedDemo: false, backupSchedule: false });
    try {
      const api = createApiClient({ baseUrl: h.url });
      expect(await api('setup:status', {})).toEqual({ needed: true });
      expect(await errorCode(api('auth:login', { username: 'admin', password: 'motcua-admin' }))).toBe('BAD_CREDENTIALS');
      expect(h.demoPairing()).toBeNull();
      const code = h.setupCode()!;
      expect(code).toMatch(/^[A-Z2-9]{12}$/);
      expect(
        await errorCode(
          api('setup:complete', { code: 'AAAA-BBBB-CCCC', username: 'giamdoc', fullName: 'Nguyễn Văn Giám', password: 'mat-khau-rieng-1' }),
        ),
      ).toBe('SETUP_CODE_INVALID');
      expect(
        await errorCode(api('setup:complete', { code, username: 'giamdoc', fullName: 'Nguyễn Văn Giám', password: 'motcua-admin' })),
      ).toBe('PASSWORD_TOO_WEAK');
      const done = await api('setup:complete', {
        code: code.match(/.{4}/g)!.join('-').toLowerCase(),
        username: 'giamdoc',
        fullName: 'Nguyễn Văn Giám',
        password: 'mat-khau-rieng-1',
      });
      expect(done.me).toMatchObject({ kind: 'staff', staff: { username: 'giamdoc', role: 'admin' }, mustChangePassword: false });
      expect(await api('fields:list', {}, done.token)).toEqual([]);
      expect(await errorCode(api('setup:complete', { code, username: 'ke.gian', fullName: 'Kẻ gian', password: 'mat-khau-rieng-2' }))).toBe(
        'SETUP_DONE',
      );
      expect(await api('setup:status', {})).toEqual({ needed: false });
      expect(h.setupCode()).toBeNull();
    } finally {
      await h.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('on a hub the LAN can reach, a published demo password only allows changing it', async () => {
    const { startHub } = await import('../../main/hub/hub.ts');
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { createApiClient } = await import('../../main/contract/index.ts');
    const dir = mkdtempSync(join(tmpdir(), 'motcua-exposed-'));
    // Listening on every interface (the default of `npm run hub`); the test talks over loopback, as
    // a LAN peer would: no address counts as the server PC itself.
    const h = await startHub({ dataDir: dir, port: 0, host: '0.0.0.0', backupSchedule: false, serverPcAddresses: [] });
    try {
      const api = createApiClient({ baseUrl: `http://127.0.0.1:${h.port}` });
      const { token, me } = await api('auth:login', { username: 'quanly', password: 'motcua-quanly' });
      expect(me).toMatchObject({ kind: 'staff', mustChangePassword: true });
      expect(await errorCode(api('fields:list', {}, token))).toBe('PASSWORD_CHANGE_REQUIRED');
      expect((await api('auth:me', {}, token)).kind).toBe('staff');
      const ws = await RawSocket.open(`http://127.0.0.1:${h.port}`);
      ws.send({ type: 'subscribe', token, topics: [{ kind: 'manager' }] });
      await ws.until(() => ws.closed !== null);
      // Whoever signs in first cannot take the account: the code the hub printed at its console is needed too.
      const setupCode = h.claimCode()!;
      expect(setupCode).toMatch(/^[A-Z2-9]{12}$/);
      expect(await errorCode(api('auth:change-password', { currentPassword: 'motcua-quanly', newPassword: 'mat-khau-moi-1' }, token))).toBe(
        'SETUP_CODE_INVALID',
      );
      expect(
        await errorCode(
          api(
            'auth:change-password',
            { currentPassword: 'motcua-quanly', newPassword: 'mat-khau-moi-1', setupCode: 'AAAA-BBBB-CCCC' },
            token,
          ),
        ),
      ).toBe('SETUP_CODE_INVALID');
      expect(
        await errorCode(api('auth:change-password', { currentPassword: 'motcua-quanly', newPassword: 'motcua-canbo', setupCode }, token)),
      ).toBe('PASSWORD_TOO_WEAK');
      expect(await errorCode(api('auth:change-password', { currentPassword: 'sai', newPassword: 'mat-khau-moi-1' }, token))).toBe(
        'BAD_CREDENTIALS',
      );
      const changed = await api(
        'auth:change-password',
        { currentPassword: 'motcua-quanly', newPassword: 'mat-khau-moi-1', setupCode: setupCode.match(/.{4}/g)!.join('-').toLowerCase() },
        token,
      );
      expect(changed.me).toMatchObject({ mustChangePassword: false });
      expect(Array.isArray(await api('fields:list', {}, token))).toBe(true);
      expect(await errorCode(api('auth:login', { username: 'quanly', password: 'motcua-quanly' }))).toBe('BAD_CREDENTIALS');
      expect((await api('auth:login', { username: 'quanly', password: 'mat-khau-moi-1' })).me).toMatchObject({ mustChangePassword: false });
    } finally {
      await h.close();
      rmSync(dir, { recursive: true, force: true });
    }
    expect(existsSync(dir)).toBe(false);
  });
});

describe('6. the console of a real center prints no secret', () => {
  it('--no-demo prints a setup code and no password; a demo whose admin password changed prints neither passwords nor pairing codes', async () => {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { spawnHub, waitExit } = await import('../helpers/child.ts');
    const { createApiClient } = await import('../../main/contract/index.ts');
    const real = mkdtempSync(join(tmpdir(), 'motcua-cli-real-'));
    const demo = mkdtempSync(join(tmpdir(), 'motcua-cli-demo-'));
    try {
      const a = await spawnHub(real, { args: ['--no-demo'] });
      await new Promise((r) => setTimeout(r, 200));
      a.child.kill('SIGTERM');
      await waitExit(a.child);
      expect(a.output()).toMatch(/the setup code: [A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}/);
      expect(a.output()).not.toMatch(/mật khẩu \/ password:|#pair=|motcua-admin/);

      const b = await spawnHub(demo);
      await new Promise((r) => setTimeout(r, 200));
      expect(b.output()).toContain('motcua-admin'); // still the demo: its published accounts are shown
      expect(b.output()).toMatch(/#pair=[A-Z2-9]{10}/);
      const api = createApiClient({ baseUrl: b.url });
      const admin = (await api('auth:login', { username: 'admin', password: 'motcua-admin' })).token;
      await api('auth:change-password', { currentPassword: 'motcua-admin', newPassword: 'mat-khau-that-cua-trung-tam' }, admin);
      b.child.kill('SIGTERM');
      await waitExit(b.child);
      const c = await spawnHub(demo);
      await new Promise((r) => setTimeout(r, 200));
      c.child.kill('SIGTERM');
      await waitExit(c.child);
      expect(c.output()).toContain('listening on');
      expect(c.output()).not.toMatch(/mật khẩu \/ password:|#pair=|motcua-admin|motcua-canbo/);
    } finally {
      rmSync(real, { recursive: true, force: true });
      rmSync(demo, { recursive: true, force: true });
    }
  });
});

describe('under load: statistics off the event loop', () => {
  it('a day summary read before its day changed is not stored, and the figures still count the change', async () => {
    const { journalSummaryStore } = await import('../../main/reports/stats.ts');
    const { builtDays, ticketsForStats } = await import('../../db/stats.ts');
    const { rollupDay } = await import('../../main/reports/rollup.ts');
    const t = await hub();
    const kiosk = await t.device('kiosk');
    const officer = await t.officerAt(1);
    await t.api('ticket:issue', { fieldId: await t.fieldId('TP'), priority: false }, kiosk);
    await t.api('ticket:issue', { fieldId: await t.fieldId('TP'), priority: false }, kiosk);
    const day = '2026-11-23';
    const store = journalSummaryStore(t.hub.db, t.hub.journal, t.clock.read);
    // The statistics thread reads the day (two waiting tickets)…
    const seq = t.hub.journal.head();
    const rows = rollupDay(day, Date.parse('2026-11-22T17:00:00Z'), ticketsForStats(t.hub.db, day));
    // …a counter calls one meanwhile…
    await t.api('counter:call-next', {}, officer);
    // …so the hub refuses the stale summary; a fresh one is stored.
    await store.store(day, rows, seq);
    expect(builtDays(t.hub.db, day, day).has(day)).toBe(false);
    await store.store(day, rollupDay(day, Date.parse('2026-11-22T17:00:00Z'), ticketsForStats(t.hub.db, day)), t.hub.journal.head());
    expect(builtDays(t.hub.db, day, day).has(day)).toBe(true);

    t.clock.advance(24 * 60 * 60 * 1000); // the day is closed: the report reads its summary
    const report = await t.api('stats:report', { preset: 'custom', from: day, to: day }, await t.login('quanly'));
    expect(report.summary).toMatchObject({ issued: 2 });
    expect(report.summary.waitMedianMs).not.toBeNull();
  });
});
