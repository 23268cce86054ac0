// The spooler path against a real private CUPS (RAW queue, socket:// to the ESC/POS emulator): a job
// is failed only when the spooler confirms it gone; while it may still print it is `uncertain`.
// CUPS's socket backend retries a printer that refuses at about 5, 15 and 30 s after the job starts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { defaultProfile, type TicketPrintData } from '../../hardware/printer/layout.ts';
import { renderTicket } from '../../hardware/printer/render.ts';
import { printJob } from '../../hardware/printer/driver.ts';
import { SpoolerTransport, type SpoolerOptions } from '../../hardware/printer/spoolerTransport.ts';
import { PrinterEmulator } from '../../tools/printer/emulator.ts';
import { freePort } from '../helpers/child.ts';
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
