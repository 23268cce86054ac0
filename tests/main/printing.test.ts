// Print jobs through the hub: a real hub on loopback, its print agent, and the ESC/POS emulator.
import { createRequire } from 'node:module';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultPrinterConfig, type PrinterConfig } from '../../main/contract/index.ts';
import { PrinterEmulator } from '../../tools/printer/emulator.ts';
import type { Bitmap } from '../../hardware/printer/raster.ts';
import { stderrLog } from '../../main/base/log.ts';
import { PrintAgent } from '../../main/devices/printAgent.ts';
import { readTicketCode } from '../../main/queue/ticketCode.ts';
import { readSettings } from '../../db/settings.ts';
import { STUCK_JOB_MS } from '../../main/devices/printing.ts';
import { hasCups, startCups } from '../helpers/cups.ts';
import { errorCode, startTestHub, type TestHub } from '../helpers/hub.ts';
import { Subscriber } from '../helpers/ws.ts';

const jsQR = createRequire(import.meta.url)('jsqr') as typeof import('jsqr').default;

function decodeQr(bm: Bitmap): string | null {
  const rgba = new Uint8ClampedArray(bm.width * bm.height * 4);
  const rowBytes = Math.ceil(bm.width / 8);
  for (let y = 0; y < bm.height; y++)
    for (let x = 0; x < bm.width; x++) {
      const v = bm.data[y * rowBytes + (x >> 3)]! & (0x80 >> (x & 7)) ? 0 : 255;
      rgba.fill(v, (y * bm.width + x) * 4, (y * bm.width + x) * 4 + 3);
      rgba[(y * bm.width + x) * 4 + 3] = 255;
    }
  return jsQR(rgba, bm.width, bm.height)?.data ?? null;
}

let t: TestHub;
let emu: PrinterEmulator;
let port: number;
let admin: string;

beforeEach(async () => {
  t = await startTestHub();
  emu = new PrinterEmulator(576);
  port = await emu.listen();
  admin = await t.login('admin');
});
afterEach(async () => {
  await t.close();
  await emu.close();
});

async function kioskWithPrinter(patch: Partial<PrinterConfig> = {}): Promise<string> {
  const created = await t.api('devices:create', { kind: 'kiosk', name: 'Kiosk in', counterId: null }, admin);
  await t.api('devices:set-printer', { id: created.device.id, printer: { ...defaultPrinterConfig, port, ...patch } }, admin);
  return (await t.api('device:pair', { code: created.code })).token;
}

const issue = async (kiosk: string, code = 'TP') => t.api('ticket:issue', { fieldId: await t.fieldId(code), priority: false }, kiosk);

describe('what a ticket says', () => {
  it('a ticket taken in English prints in both languages; a reprint says IN LẠI with its time and the queue now', async () => {
    const kiosk = await kioskWithPrinter({ attachedTo: 'device' });
    const first = await issue(kiosk);
    const mine = await t.api('ticket:issue', { fieldId: await t.fieldId('TP'), priority: true, lang: 'en' }, kiosk);
    await t.api('print:claim', { waitMs: 0 }, kiosk).then((c) => t.api('print:report', { id: c.job!.id, status: 'printed' }, kiosk));
    const claim = await t.api('print:claim', { waitMs: 0 }, kiosk);
    if (!claim.job) throw new Error('expected a job');
    expect(claim.job.id).toBe(mine.printJobId);
    const paper = claim.ticket;
    expect(paper).toMatchObject({
      fieldName: 'Tư pháp – Hộ tịch',
      fieldNameEn: 'Justice – Civil status',
      priorityLabel: 'ƯU TIÊN · PRIORITY',
      reprintLabel: null,
    });
    expect(paper.details.some((d) => /^Issued at \d\d:\d\d/.test(d))).toBe(true);
    expect(paper.footer).toMatch(/Please wait/);
    await t.api('print:report', { id: claim.job.id, status: 'printed' }, kiosk);

    // Later the line has moved; the citizen asks for a reprint.
    const officer = await t.officerAt(1);
    await t.api('counter:call-next', {}, officer); // the priority ticket goes first…
    t.clock.advance(7 * 60_000);
    await t.api('print:reprint', { id: mine.printJobId! }, admin);
    const reclaimed = await t.api('print:claim', { waitMs: 0 }, kiosk);
    if (!reclaimed.job) throw new Error('expected the reprint');
    const again = reclaimed.ticket;
    expect(again.reprintLabel).toMatch(/^IN LẠI lúc \d\d:\d\d \d\d\/\d\d\/\d{4} · REPRINT$/);
    expect(again.fieldNameEn).toBe('Justice – Civil status');
    expect(again.details).toContain('Số này đã được gọi');
    expect(again.details).toContain('This number has been called');
    void first;

    const vi = (await t.api('print:claim', { waitMs: 0 }, kiosk)).job;
    expect(vi).toBeNull(); // nothing else queued
  });
});

describe('jobs cut off mid-print', () => {
  it('a job left printing by a hub that died is failed "interrupted" at the next start, shown to the manager and reprintable', async () => {
    const kiosk = await kioskWithPrinter({ attachedTo: 'device' });
    const issued = await issue(kiosk);
    const claim = await t.api('print:claim', { waitMs: 0 }, kiosk); // the kiosk app took it, then everything stopped
    expect(claim.job).toMatchObject({ id: issued.printJobId, status: 'printing' });
    const dir = t.dir;
    await t.hub.close();
    t = await startTestHub({ dir, clock: t.clock });
    admin = await t.login('admin');
    const jobs = await t.api('print:jobs', {}, admin);
    expect(jobs.find((j) => j.id === issued.printJobId)).toMatchObject({ status: 'failed', errorCode: 'interrupted' });
    const again = await t.api('print:reprint', { id: issued.printJobId! }, admin);
    expect(again).toMatchObject({ status: 'pending', ticketId: issued.ticket.id });
  });

  it("a job whose agent went silent past any printer's timeout is failed the same way; a fresh one is left alone", async () => {
    const kiosk = await kioskWithPrinter({ attachedTo: 'device' });
    const first = await issue(kiosk);
    await t.api('print:claim', { waitMs: 0 }, kiosk);
    t.clock.advance(STUCK_JOB_MS + 1000);
    const second = await issue(kiosk);
    await t.api('print:claim', { waitMs: 0 }, kiosk);
    expect(t.hub.printing.recoverStuck(t.clock.now - STUCK_JOB_MS, 'interrupted')).toEqual([first.printJobId]);
    expect(await t.api('print:get', { id: first.printJobId! }, admin)).toMatchObject({ status: 'failed', errorCode: 'interrupted' });
    expect((await t.api('print:get', { id: second.printJobId! }, admin)).status).toBe('printing');
    // The late answer of the silent agent still counts if it comes after all.
    await t.api('print:report', { id: first.printJobId!, status: 'printed' }, kiosk);
    expect((await t.api('print:get', { id: first.printJobId! }, admin)).status).toBe('printed');
  });
});

describe('print jobs', () => {
  it("a ticket issued at a kiosk is printed: the picture's QR is the ticket's signed code", async () => {
    const kiosk = await kioskWithPrinter();
    const printed = emu.nextJob();
    const issued = await issue(kiosk);
    expect(issued.printJobId).not.toBeNull();
    const job = await t.api('print:get', { id: issued.printJobId!, waitMs: 5000 }, kiosk);
    expect(job).toMatchObject({ status: 'printed', ticketId: issued.ticket.id, errorCode: null, attempts: 1 });
    const paper = await printed;
    expect(paper.cut).toBe(true);
    const code = decodeQr(paper.bitmap)!;
    const secret = readSettings(t.hub.db).hubSecret as string;
    expect(readTicketCode(secret, code)).toEqual({ id: issued.ticket.id, serviceDay: '2026-11-23', number: 1001 });
    expect(
      readTicketCode(
        secret,
        code.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
      ),
    ).toBeNull(); // a forged code is no ticket
    const devices = await t.api('devices:list', {}, admin);
    expect(devices.find((d) => d.printer?.port === port)?.printerStatus).toMatchObject({ ok: true, fault: null });
  });

  it('paper out: the job fails with the reason, the ticket is intact, the next ticket is not blocked, a reprint prints', async () => {
    const kiosk = await kioskWithPrinter();
    emu.set({ paperOut: true });
    const first = await issue(kiosk);
    const failed = await t.api('print:get', { id: first.printJobId!, waitMs: 5000 }, kiosk);
    expect(failed).toMatchObject({ status: 'failed', errorCode: 'paper_out' });
    expect((await t.api('ticket:get', { id: first.ticket.id }, kiosk)).ticket.status).toBe('waiting');
    const devices = await t.api('devices:list', {}, admin);
    expect(devices.find((d) => d.printer?.port === port)?.printerStatus).toMatchObject({ ok: false, fault: 'paper_out' });

    emu.set({ paperOut: false });
    const second = await issue(kiosk);
    expect(await t.api('print:get', { id: second.printJobId!, waitMs: 5000 }, kiosk)).toMatchObject({ status: 'printed' });

    const again = await t.api('print:reprint', { id: first.printJobId! }, kiosk);
    expect(again.ticketId).toBe(first.ticket.id);
    expect(await t.api('print:get', { id: again.id, waitMs: 5000 }, kiosk)).toMatchObject({ status: 'printed' });
    expect(emu.jobs.filter((j) => j.cut)).toHaveLength(2);
  });

  it('print results and printer faults are journal events: the kiosk follows its own printer live, the hall never sees them', async () => {
    const kiosk = await kioskWithPrinter();
    const other = await kioskWithPrinter();
    const me = await t.api('auth:me', {}, kiosk);
    if (me.kind !== 'device') throw new Error('expected a device');
    const head = (await t.api('floor:get', {}, kiosk)).head;
    const printer = await Subscriber.connect(t.hub.url, kiosk, [{ kind: 'printer', deviceId: me.device.id }], head);
    const hall = await Subscriber.connect(t.hub.url, kiosk, [{ kind: 'hall' }], head);
    // Another kiosk may not follow this one's printer; a manager may.
    const stranger = await Subscriber.connect(t.hub.url, other, [{ kind: 'printer', deviceId: me.device.id }]);
    expect(stranger.messages).toContainEqual(expect.objectContaining({ type: 'error', code: 'FORBIDDEN' }));
    const manager = await Subscriber.connect(t.hub.url, admin, [{ kind: 'printer', deviceId: me.device.id }], head);

    emu.set({ paperOut: true });
    const first = await issue(kiosk);
    await printer.until(() => printer.events.some((e) => e.type === 'print:failed'));
    emu.set({ paperOut: false });
    const second = await issue(kiosk);
    await printer.until(() => printer.events.some((e) => e.type === 'print:printed'));
    expect(printer.events.map((e) => e.type)).toEqual([
      'printer:status-changed',
      'print:failed',
      'printer:status-changed',
      'print:printed',
    ]);
    const [fault, failed, ready, printed] = printer.events;
    expect(fault!.data).toEqual({ deviceId: me.device.id, ok: false, fault: 'paper_out', paperLow: false });
    expect(failed).toMatchObject({
      ticketId: first.ticket.id,
      data: { job: { id: first.printJobId, status: 'failed', errorCode: 'paper_out' } },
    });
    expect(ready!.data).toEqual({ deviceId: me.device.id, ok: true, fault: null, paperLow: false });
    expect(printed).toMatchObject({
      ticketId: second.ticket.id,
      data: { job: { id: second.printJobId, status: 'printed', confirmed: true } },
    });
    await manager.until(() => manager.events.length === 4);
    expect(hall.events.map((e) => e.type)).toEqual(['ticket:issued', 'ticket:issued']);

    // The roll nearly used up: the ticket prints, and the printer's state says so (a floor alert).
    emu.set({ paperNearEnd: true });
    await issue(kiosk);
    await printer.until(() => printer.events.length === 6);
    expect(printer.events[4]!.data).toEqual({ deviceId: me.device.id, ok: true, fault: null, paperLow: true });
    expect(printer.events[5]!.type).toBe('print:printed');
    t.hub.checkAlerts();
    const alerts = (await t.api('floor:get', {}, admin)).alerts;
    expect(alerts).toContainEqual(expect.objectContaining({ kind: 'paper-low', deviceId: me.device.id, subject: 'Kiosk in' }));
    for (const s of [printer, hall, stranger, manager]) await s.close();
  });

  it('an unreachable printer fails the job as offline; a kiosk without a printer gets no job', async () => {
    const kiosk = await kioskWithPrinter({ port: 1 });
    const r = await issue(kiosk);
    expect(await t.api('print:get', { id: r.printJobId!, waitMs: 5000 }, kiosk)).toMatchObject({ status: 'failed', errorCode: 'offline' });
    const plain = await t.device('kiosk');
    expect((await issue(plain)).printJobId).toBeNull();
  });

  it('a kiosk sees only its own jobs', async () => {
    const a = await kioskWithPrinter();
    const b = await kioskWithPrinter();
    const r = await issue(a);
    expect(await errorCode(t.api('print:get', { id: r.printJobId! }, b))).toBe('NOT_FOUND');
    expect(await errorCode(t.api('print:reprint', { id: r.printJobId! }, b))).toBe('NOT_FOUND');
  });

  it("a kiosk's own app prints its jobs over HTTP (long poll), as the Electron main process does", async () => {
    const kiosk = await kioskWithPrinter({ attachedTo: 'device' });
    const agent = new PrintAgent(
      {
        claim: (waitMs) => t.api('print:claim', { waitMs }, kiosk),
        report: (jobId, r) => t.api('print:report', { id: jobId, ...r }, kiosk),
      },
      'test kiosk',
      stderrLog,
    );
    agent.start();
    try {
      const printed = emu.nextJob();
      const r = await issue(kiosk);
      expect(await t.api('print:get', { id: r.printJobId!, waitMs: 5000 }, kiosk)).toMatchObject({ status: 'printed' });
      expect((await printed).cut).toBe(true);
    } finally {
      await agent.stop();
    }
  });

  it('a slow 58 mm printer (60 mm/s behind a 4 KB buffer): a bilingual ticket is printed once, cut once and reported printed', async () => {
    const slow = new PrinterEmulator(384);
    try {
      const slowPort = await slow.listen();
      slow.set({ printMmPerSec: 60, bufferBytes: 4096 });
      await t.api('settings:update', { ...(await t.api('settings:get', {}, admin)), phoneBaseUrl: 'http://192.168.1.10:8686' }, admin);
      const kiosk = await kioskWithPrinter({ port: slowPort, widthDots: 384 }); // no speed set: the safe default
      const printed = slow.nextJob(30_000);
      const issued = await t.api('ticket:issue', { fieldId: await t.fieldId('TP'), priority: true, lang: 'en' }, kiosk);
      expect(await t.api('print:get', { id: issued.printJobId!, waitMs: 30_000 }, kiosk)).toMatchObject({
        status: 'printed',
        errorCode: null,
        attempts: 1,
      });
      expect((await printed).cut).toBe(true);
      await new Promise((r) => setTimeout(r, 500));
      expect(slow.jobs).toHaveLength(1);
      expect(slow.jobs.filter((j) => j.cut)).toHaveLength(1);
      expect((await t.api('print:jobs', {}, admin)).filter((j) => j.status === 'failed')).toEqual([]);
    } finally {
      await slow.close();
    }
  }, 40_000);

  it("In thử measures a slow printer's speed; the speed is kept with the printer, within 20–500 mm/s", async () => {
    emu.set({ printMmPerSec: 60, bufferBytes: 4096 });
    const printer = { ...defaultPrinterConfig, port };
    const printed = emu.nextJob(20_000);
    const r = await t.api('print:test', { printer }, admin);
    expect(r).toMatchObject({ printed: true, fault: null });
    // The answers' spacing gives the head's speed (loose bounds: a measurement, on a busy machine).
    expect(r.speedMmPerSec).toBeGreaterThan(45);
    expect(r.speedMmPerSec).toBeLessThan(80);
    expect((await printed).cut).toBe(true);
    const created = await t.api('devices:create', { kind: 'kiosk', name: 'Kiosk chậm', counterId: null }, admin);
    const saved = await t.api('devices:set-printer', { id: created.device.id, printer: { ...printer, speedMmPerSec: 60 } }, admin);
    expect(saved.printer?.speedMmPerSec).toBe(60);
    for (const speedMmPerSec of [5, 1000, 62.5])
      expect(await errorCode(t.api('devices:set-printer', { id: created.device.id, printer: { ...printer, speedMmPerSec } }, admin))).toBe(
        'VALIDATION',
      );
  }, 30_000);

  it('managers get a preview of the ticket from the same renderer', async () => {
    const preview = await t.api('print:preview', { widthDots: 384 }, admin);
    const png = Buffer.from(preview.png, 'base64');
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(384); // IHDR width
    expect(preview.lengthMm).toBeGreaterThan(60);
    // Only the three real paper widths: the schema says so, the route casts nothing.
    expect(await errorCode(t.api('print:preview', { widthDots: 400 }, admin))).toBe('VALIDATION');
  });
});

describe.skipIf(!hasCups)('a kiosk printer installed in the operating system (CUPS)', () => {
  it('the hub prints through the spooler; the job says sent, not confirmed', async () => {
    const cups = await startCups();
    try {
      await cups.addQueue('kiosk_xp80', `socket://127.0.0.1:${port}`);
      const created = await t.api('devices:create', { kind: 'kiosk', name: 'Kiosk máy in Windows', counterId: null }, admin);
      const printer = {
        ...defaultPrinterConfig,
        transport: 'spooler' as const,
        queue: 'kiosk_xp80',
        host: cups.server.split(':')[0],
        port: Number(cups.server.split(':')[1]),
      };
      await t.api('devices:set-printer', { id: created.device.id, printer }, admin);
      const kiosk = (await t.api('device:pair', { code: created.code })).token;
      const printed = emu.nextJob(20_000);
      const issued = await issue(kiosk);
      const job = await t.api('print:get', { id: issued.printJobId!, waitMs: 15_000 }, kiosk);
      expect(job).toMatchObject({ status: 'printed', confirmed: false });
      expect((await printed).cut).toBe(true);
    } finally {
      await cups.close();
    }
  }, 40_000);
});
