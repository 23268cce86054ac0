// The spooler path against a real private CUPS (RAW queue, socket:// to the ESC/POS emulator): a job
// is failed only when the spooler confirms it gone; while it may still print it is `uncertain`.
// CUPS's socket backend retries a printer that refuses at about 5, 15 and 30 s after the job starts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiError, createApiClient, defaultPrinterConfig, type PrintJob } from '../../main/contract/index.ts';
import { openDatabaseReadOnly } from '../../db/open.ts';
import { getPrintJob } from '../../db/printJobs.ts';
import { defaultProfile, type TicketPrintData } from '../../hardware/printer/layout.ts';
import { renderTicket } from '../../hardware/printer/render.ts';
import { printJob } from '../../hardware/printer/driver.ts';
import {
  SpoolerTransport,
  WINDOWS_CANCEL_JOB,
  WINDOWS_JOB_STATUS,
  WINDOWS_RAW_PRINT,
  resumeThroughSpooler,
  type Run,
  type SpoolerOptions,
} from '../../hardware/printer/spoolerTransport.ts';
import { PrinterEmulator } from '../../tools/printer/emulator.ts';
import { freePort, spawnHub, waitExit, type HubChild } from '../helpers/child.ts';
import { hasCups, startCups, type TestCups } from '../helpers/cups.ts';

const ticket: TicketPrintData = {
  centerName: 'Trung tâm Phục vụ hành chính công xã Hòa Bình',
  header: 'PHIẾU SỐ THỨ TỰ',
  fieldName: 'Đất đai',
  number: 2041,
  priorityLabel: null,
  details: ['Lấy số lúc 08:05 ngày 24/11/2026'],
  qrPayload: 'MC1.57.20261124.2041.Qw3_zX',
  footer: 'Xin vui lòng chờ đến lượt.',
  fieldNameEn: null,
  reprintLabel: null,
};

describe.skipIf(!hasCups)('the spooler: failed only when confirmed gone (a real CUPS)', () => {
  let cups: TestCups;
  let port: number;
  const emus: PrinterEmulator[] = [];
  const opts = (o: Partial<SpoolerOptions>): SpoolerOptions => ({
    uncertainAfterMs: 3000,
    giveUpMs: 60_000,
    pollMs: 100,
    platform: 'linux',
    ...o,
  });
  beforeEach(async () => {
    cups = await startCups();
    port = await freePort();
    await cups.addQueue('kiosk', `socket://127.0.0.1:${port}`);
  });
  afterEach(async () => {
    await cups.close();
    for (const e of emus.splice(0)) await e.close();
  });
  const printerOn = async () => {
    const emu = new PrinterEmulator(576);
    await emu.listen(port);
    emus.push(emu);
    return emu;
  };

  it('a printer that comes back after the kiosk stopped waiting: uncertain, never failed, then printed once', async () => {
    // The printer is off at submission and back at ~8 s; CUPS sends the job at its next retry (~15 s).
    const result = await printJob(
      new SpoolerTransport({ queue: 'kiosk', server: cups.server }, opts({})),
      renderTicket(ticket, defaultProfile).bytes,
    );
    expect(result.status).toBe('uncertain');
    if (result.status !== 'uncertain') return;
    expect(cups.pendingJobs('kiosk')).toHaveLength(1); // still held: it may print
    await sleep(5000);
    const emu = await printerOn();
    const printed = emu.nextJob(40_000);
    expect(await result.settled).toEqual({ status: 'printed', after: null });
    expect((await printed).cut).toBe(true);
    await sleep(1000);
    expect(emu.jobs).toHaveLength(1); // once
    expect(cups.pendingJobs('kiosk')).toEqual([]);
  }, 60_000);

  it('a job still unsent at the give-up time is cancelled, confirmed gone, and failed: it never prints later', async () => {
    const result = await printJob(
      new SpoolerTransport({ queue: 'kiosk', server: cups.server }, opts({ uncertainAfterMs: 1000, giveUpMs: 2500 })),
      renderTicket(ticket, defaultProfile).bytes,
    );
    expect(result.status).toBe('uncertain');
    if (result.status !== 'uncertain') return;
    expect(await result.settled).toEqual({ status: 'failed', reason: 'timeout' });
    expect(cups.pendingJobs('kiosk')).toEqual([]);
    const emu = await printerOn(); // back on: the cancelled job must not come out
    await sleep(16_000); // past CUPS's next retry
    expect(emu.jobs).toHaveLength(0);
  }, 60_000);

  it('a stopped (disabled) queue is said at once, nothing is queued behind it, and once enabled the next ticket prints', async () => {
    const emu = await printerOn();
    cups.disable('kiosk');
    const spooler = new SpoolerTransport({ queue: 'kiosk', server: cups.server }, opts({ uncertainAfterMs: 20_000 }));
    // Under the deadline the kiosk waits (20 s here): the answer comes before it, not after it.
    expect(await printJob(spooler, renderTicket(ticket, defaultProfile).bytes)).toEqual({ status: 'failed', reason: 'queue_stopped' });
    expect(cups.pendingJobs('kiosk')).toEqual([]);
    cups.enable('kiosk');
    const printed = emu.nextJob(20_000);
    expect(await printJob(spooler, renderTicket({ ...ticket, number: 2042 }, defaultProfile).bytes)).toEqual({
      status: 'printed',
      after: null,
    });
    await printed;
    expect(emu.jobs).toHaveLength(1); // only the next citizen's: the refused one was never queued
  }, 60_000);

  it('a queue stopped while the job waits in it: the job is cancelled, confirmed gone, and failed as a stopped queue', async () => {
    // Another job holds the printer (off), ours waits behind it; then the queue is stopped.
    const first = printJob(
      new SpoolerTransport({ queue: 'kiosk', server: cups.server }, opts({ uncertainAfterMs: 4000, giveUpMs: 4000 })),
      renderTicket(ticket, defaultProfile).bytes,
    );
    await sleep(500);
    const second = printJob(
      new SpoolerTransport({ queue: 'kiosk', server: cups.server }, opts({ uncertainAfterMs: 30_000 })),
      renderTicket({ ...ticket, number: 2043 }, defaultProfile).bytes,
    );
    await sleep(1000);
    cups.disable('kiosk');
    expect(await second).toEqual({ status: 'failed', reason: 'queue_stopped' });
    // Stopping a queue stops the job being sent too (CUPS queues it again): the same plain reason.
    expect(await first).toEqual({ status: 'failed', reason: 'queue_stopped' });
    expect(cups.pendingJobs('kiosk')).toEqual([]);
  }, 60_000);

  it('paper out behind a spooler: the bytes are delivered and nothing more can be known (sent, not confirmed)', async () => {
    const emu = await printerOn();
    emu.set({ paperOut: true });
    const result = await printJob(
      new SpoolerTransport({ queue: 'kiosk', server: cups.server }, opts({})),
      renderTicket(ticket, defaultProfile).bytes,
    );
    expect(result).toEqual({ status: 'printed', after: null }); // `after` null: no status read through a spooler
    expect(emu.jobs.filter((j) => j.cut)).toHaveLength(0);
  }, 60_000);
});

describe.skipIf(!hasCups)('a hub killed while the spooler holds a ticket, then started again (a real CUPS)', () => {
  let cups: TestCups;
  let port: number;
  let dir: string;
  const hubs: HubChild[] = [];
  const emus: PrinterEmulator[] = [];
  beforeEach(async () => {
    cups = await startCups();
    port = await freePort();
    await cups.addQueue('kiosk_xp80', `socket://127.0.0.1:${port}`);
    dir = mkdtempSync(join(tmpdir(), 'motcua-spool-restart-'));
  });
  afterEach(async () => {
    for (const h of hubs.splice(0)) {
      h.child.kill('SIGKILL');
      await waitExit(h.child);
    }
    await cups.close();
    for (const e of emus.splice(0)) await e.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const printerOn = async () => {
    const emu = new PrinterEmulator(576);
    await emu.listen(port);
    emus.push(emu);
    return emu;
  };
  const start = async () => {
    const hub = await spawnHub(dir);
    hubs.push(hub);
    return { hub, api: createApiClient({ baseUrl: hub.url }) };
  };
  const errorOf = (p: Promise<unknown>) =>
    p.then(
      () => 'no error',
      (e: unknown) => (e instanceof ApiError ? e.code : String(e)),
    );
  /** The first hub: a kiosk whose printer is the CUPS queue (the printer off), and one ticket sent to it; then SIGKILL. */
  async function ticketHeldThenKilled(): Promise<{ kiosk: string; jobId: number; spoolerJob: string }> {
    const { hub, api } = await start();
    const admin = (await api('auth:login', { username: 'admin', password: 'motcua-admin' })).token;
    const created = await api('devices:create', { kind: 'kiosk', name: 'Kiosk máy in CUPS', counterId: null }, admin);
    const [host, p] = cups.server.split(':');
    const printer = { ...defaultPrinterConfig, transport: 'spooler' as const, queue: 'kiosk_xp80', host: host!, port: Number(p) };
    await api('devices:set-printer', { id: created.device.id, printer }, admin);
    const kiosk = (await api('device:pair', { code: created.code })).token;
    const fieldId = (await api('fields:list', {}, admin))[0]!.id;
    const jobId = (await api('ticket:issue', { fieldId, priority: false }, kiosk)).printJobId!;
    // The spooler has it; the hub keeps its id there (a hub before #23 never did: it is killed all the same).
    let spooled: string[] = [];
    for (let i = 0; i < 100 && spooled.length === 0; i++) {
      await sleep(100);
      spooled = cups.pendingJobs('kiosk_xp80');
    }
    expect(spooled).toHaveLength(1);
    const spoolerJob = spooled[0]!;
    for (let i = 0, kept = false; i < 50 && !kept; i++) {
      await sleep(100);
      const db = openDatabaseReadOnly(join(dir, 'motcua.db'));
      kept = (getPrintJob(db, jobId) as { spoolerJob?: string | null } | undefined)?.spoolerJob === spoolerJob;
      db.close();
    }
    // Killed while the job is still 'printing' (the hub would call it uncertain only at 30 s).
    hub.child.kill('SIGKILL');
    await waitExit(hub.child);
    const db = openDatabaseReadOnly(join(dir, 'motcua.db'));
    expect(getPrintJob(db, jobId)?.status).toBe('printing');
    db.close();
    return { kiosk, jobId, spoolerJob };
  }
  /** Asks the hub until the job satisfies `done`. */
  async function until(api: ReturnType<typeof createApiClient>, kiosk: string, id: number, done: (j: PrintJob) => boolean, ms: number) {
    const end = Date.now() + ms;
    for (;;) {
      const j = await api('print:get', { id, waitMs: 1000 }, kiosk);
      if (done(j) || Date.now() > end) return j;
      await sleep(200);
    }
  }
  const ended = (j: PrintJob) => j.status === 'printed' || j.status === 'failed';

  it('still queued at the restart: "may still print", followed, then printed once; a reprint waits for it, then prints once more', async () => {
    const { kiosk, jobId } = await ticketHeldThenKilled();
    const { api } = await start();
    const held = await until(api, kiosk, jobId, (j) => j.status !== 'printing', 10_000);
    expect(held).toMatchObject({ status: 'uncertain', confirmed: false }); // not failed 'interrupted'
    expect(await errorOf(api('print:reprint', { id: jobId }, kiosk))).toBe('PRINT_MAY_STILL_PRINT');
    const emu = await printerOn(); // CUPS sends it at its next retry
    const first = emu.nextJob(40_000);
    expect(await until(api, kiosk, jobId, ended, 40_000)).toMatchObject({ status: 'printed', confirmed: false });
    expect((await first).cut).toBe(true);
    // The citizen's "In lại" now prints one more ticket, and only one.
    const again = await api('print:reprint', { id: jobId }, kiosk);
    expect(await until(api, kiosk, again.id, ended, 20_000)).toMatchObject({ status: 'printed' });
    await sleep(1000);
    expect(emu.jobs.filter((j) => j.cut)).toHaveLength(2);
  }, 120_000);

  it('printed while the hub was down: printed at the restart, never failed', async () => {
    const { kiosk, jobId } = await ticketHeldThenKilled();
    const emu = await printerOn();
    await emu.nextJob(40_000);
    for (let i = 0; i < 50 && cups.pendingJobs('kiosk_xp80').length > 0; i++) await sleep(100);
    expect(cups.pendingJobs('kiosk_xp80')).toEqual([]);
    const { api } = await start();
    expect(await until(api, kiosk, jobId, ended, 10_000)).toMatchObject({ status: 'printed', confirmed: false });
    await sleep(1000);
    expect(emu.jobs.filter((j) => j.cut)).toHaveLength(1);
  }, 120_000);

  it('cancelled at the PC while the hub was down: failed at the restart, and a reprint prints once', async () => {
    const { kiosk, jobId, spoolerJob } = await ticketHeldThenKilled();
    cups.cancel(spoolerJob);
    const { api } = await start();
    expect(await until(api, kiosk, jobId, ended, 10_000)).toMatchObject({ status: 'failed' });
    const emu = await printerOn();
    const again = await api('print:reprint', { id: jobId }, kiosk); // not lost: the citizen gets a ticket
    expect(await until(api, kiosk, again.id, ended, 40_000)).toMatchObject({ status: 'printed' });
    await sleep(1000);
    expect(emu.jobs.filter((j) => j.cut)).toHaveLength(1);
  }, 120_000);
});

/**
 * The Windows spooler as the three PowerShell scripts meet it (no Windows here: this boundary
 * cannot exist on the build machine). Jobs get ids as StartDocPrinter gives them and carry
 * winspool's JOB_STATUS flags; a printed job leaves the queue, as Windows does by default.
 */
class WindowsSpooler {
  readonly printers = new Set(['EPSON TM-T82III Receipt']);
  readonly jobs = new Map<number, { flags: number; bytes: number }>();
  private nextId = 7;
  /** WritePrinter fails after StartDocPrinter made the job (a write cut short). */
  failWrite = false;
  readonly runner = async (command: string, args: string[], input: Uint8Array | null, env: NodeJS.ProcessEnv = {}): Promise<Run> => {
    expect(command).toBe('powershell.exe');
    const script = args.at(-1);
    const printer = env.MOTCUA_PRINTER ?? '';
    const id = Number(env.MOTCUA_JOB);
    if (script === WINDOWS_RAW_PRINT) {
      if (!this.printers.has(printer)) return { code: 1, stdout: '', stderr: 'OpenPrinter 1801' };
      const job = this.nextId++;
      this.jobs.set(job, { flags: 0x8 /* spooling */, bytes: Buffer.from(new TextDecoder().decode(input!), 'base64').length });
      if (this.failWrite) return { code: 1, stdout: `job ${job}\n`, stderr: 'WritePrinter 1722' };
      this.jobs.get(job)!.flags = 0;
      return { code: 0, stdout: `job ${job}\n`, stderr: '' };
    }
    if (script === WINDOWS_JOB_STATUS) {
      const j = this.jobs.get(id);
      return { code: 0, stdout: j ? `status ${j.flags}\n` : 'gone\n', stderr: '' };
    }
    if (script === WINDOWS_CANCEL_JOB) {
      if (!this.jobs.delete(id)) return { code: 1, stdout: '', stderr: `No print job with ID ${id}` };
      return { code: 0, stdout: '', stderr: '' };
    }
    throw new Error('an unknown script');
  };
  /** The printer takes the job: it prints, then leaves the queue. */
  print(id: number): void {
    this.jobs.get(id)!.flags = 0x10 | 0x80; // printing, printed
    setTimeout(() => this.jobs.delete(id), 150);
  }
}

describe('the Windows spooler: failed only when confirmed gone, as with CUPS (its PowerShell scripts, Windows stood in for)', () => {
  const bytes = renderTicket(ticket, defaultProfile).bytes;
  const transport = (win: WindowsSpooler, o: Partial<SpoolerOptions> = {}) =>
    new SpoolerTransport(
      { queue: 'EPSON TM-T82III Receipt' },
      { uncertainAfterMs: 500, giveUpMs: 1500, pollMs: 50, platform: 'win32', runner: win.runner, ...o },
    );
  const offline = 0x2 | 0x20; // error, offline: the spooler holds the job

  it('a job the spooler holds (printer offline) is "may still print", then printed once the printer takes it', async () => {
    const win = new WindowsSpooler();
    const t = transport(win, { giveUpMs: 10_000 });
    let spooled: string | null = null;
    t.onSpooled = (id) => {
      spooled = id;
      win.jobs.get(Number(id))!.flags = offline;
    };
    const result = await printJob(t, bytes);
    expect(spooled).toBe('7');
    expect(result.status).toBe('uncertain'); // not failed, not printed: WritePrinter only spooled it
    if (result.status !== 'uncertain') return;
    win.print(7);
    expect(await result.settled).toEqual({ status: 'printed', after: null });
    expect(win.jobs.size).toBe(0);
  });

  it('a job the printer takes at once is printed (sent, unconfirmed) once it leaves the queue', async () => {
    const win = new WindowsSpooler();
    const t = transport(win);
    t.onSpooled = (id) => win.print(Number(id));
    expect(await printJob(t, bytes)).toEqual({ status: 'printed', after: null });
  });

  it('still held at the give-up time: cancelled, confirmed gone, and failed; it never prints later', async () => {
    const win = new WindowsSpooler();
    const t = transport(win);
    t.onSpooled = (id) => {
      win.jobs.get(Number(id))!.flags = offline;
    };
    const result = await printJob(t, bytes);
    expect(result.status).toBe('uncertain');
    if (result.status !== 'uncertain') return;
    expect(await result.settled).toEqual({ status: 'failed', reason: 'timeout' });
    expect(win.jobs.size).toBe(0);
  });

  it('a write cut short after the spooler made the job: "may still print", never failed; no such printer: failed, nothing queued', async () => {
    const win = new WindowsSpooler();
    win.failWrite = true;
    const cut = await printJob(transport(win), bytes);
    expect(cut.status).toBe('uncertain');
    expect(win.jobs.size).toBe(1);
    const missing = await printJob(new SpoolerTransport({ queue: 'Máy in không có' }, { ...transport(win).opts }), bytes);
    expect(missing).toEqual({ status: 'failed', reason: 'offline' });
    expect(win.jobs.size).toBe(1);
  });

  it('after a restart: a job still held is "may still print" and followed; one gone meanwhile was never failed', async () => {
    const win = new WindowsSpooler();
    const t = transport(win, { giveUpMs: 10_000 });
    t.onSpooled = (id) => {
      win.jobs.get(Number(id))!.flags = offline;
    };
    const first = await printJob(t, bytes);
    expect(first.status).toBe('uncertain');
    const resumed = await resumeThroughSpooler(transport(win, { giveUpMs: 10_000 }), '7');
    expect(resumed.status).toBe('uncertain');
    if (resumed.status !== 'uncertain') return;
    win.print(7);
    expect(await resumed.settled).toEqual({ status: 'printed', after: null });
    expect(await resumeThroughSpooler(transport(win), '7')).toEqual({ status: 'printed', after: null });
  });
});
