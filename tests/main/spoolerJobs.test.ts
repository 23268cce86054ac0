// Print jobs through a spooler, end to end: a real hub, its print agent, a real private CUPS (RAW
// queue, socket:// to the ESC/POS emulator). A job is failed only once the spooler confirmed it
// gone; while it may still print it is `uncertain` and a reprint waits for it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { defaultPrinterConfig, type PrintJob } from '../../main/contract/index.ts';
import { PrinterEmulator } from '../../tools/printer/emulator.ts';
import { freePort } from '../helpers/child.ts';
import { hasCups, startCups, type TestCups } from '../helpers/cups.ts';
import { errorCode, startTestHub, type TestHub } from '../helpers/hub.ts';

describe.skipIf(!hasCups)('tickets through a spooler (a real CUPS)', () => {
  let t: TestHub;
  let cups: TestCups;
  let port: number;
  let admin: string;
  const emus: PrinterEmulator[] = [];
  beforeEach(async () => {
    // The kiosk's deadline stays 20 s; the spooler's "may still print" comes at 3 s here (30 s in use).
    t = await startTestHub({ spooler: { uncertainAfterMs: 3000, giveUpMs: 60_000, pollMs: 100 } });
    cups = await startCups();
    port = await freePort();
    await cups.addQueue('kiosk_xp80', `socket://127.0.0.1:${port}`);
    admin = await t.login('admin');
  });
  afterEach(async () => {
    await t.close();
    await cups.close();
    for (const e of emus.splice(0)) await e.close();
  });
  const printerOn = async () => {
    const emu = new PrinterEmulator(576);
    await emu.listen(port);
    emus.push(emu);
    return emu;
  };
  const kiosk = async () => {
    const created = await t.api('devices:create', { kind: 'kiosk', name: 'Kiosk máy in CUPS', counterId: null }, admin);
    const [host, p] = cups.server.split(':');
    const printer = { ...defaultPrinterConfig, transport: 'spooler' as const, queue: 'kiosk_xp80', host: host!, port: Number(p) };
    await t.api('devices:set-printer', { id: created.device.id, printer }, admin);
    return (await t.api('device:pair', { code: created.code })).token;
  };
  const issue = async (token: string) => t.api('ticket:issue', { fieldId: await t.fieldId('TP'), priority: false }, token);
  /** Asks until the job leaves `from` (the hub answers at once when it ends; `uncertain` is asked for). */
  const until = async (id: number, token: string, done: (j: PrintJob) => boolean, ms: number): Promise<PrintJob> => {
    const end = Date.now() + ms;
    for (;;) {
      const j = await t.api('print:get', { id, waitMs: 1000 }, token);
      if (done(j) || Date.now() > end) return j;
      await sleep(200);
    }
  };

  it('a printer back after the kiosk stopped waiting: the ticket prints once, the job is never failed, a reprint waits', async () => {
    const token = await kiosk();
    const issued = await issue(token); // the printer is off
    const id = issued.printJobId!;
    // Pressing "In lại" while the job is still with the printer would make two tickets: refused.
    expect(await errorCode(t.api('print:reprint', { id }, token))).toBe('PRINT_MAY_STILL_PRINT');
    const held = await until(id, token, (j) => j.status !== 'printing' && j.status !== 'pending', 20_000);
    expect(held).toMatchObject({ status: 'uncertain', confirmed: false });
    expect(await errorCode(t.api('print:reprint', { id }, token))).toBe('PRINT_MAY_STILL_PRINT');
    expect(await errorCode(t.api('print:reprint', { id }, admin))).toBe('PRINT_MAY_STILL_PRINT');
    // The manager sees it among the prints to look at.
    expect((await t.api('print:jobs', {}, admin)).find((j) => j.id === id)?.status).toBe('uncertain');

    const emu = await printerOn(); // back after the kiosk's wait; CUPS sends the job at its next retry
    const printed = emu.nextJob(40_000);
    const final = await until(id, token, (j) => j.status === 'printed' || j.status === 'failed', 40_000);
    expect(final).toMatchObject({ status: 'printed', confirmed: false });
    expect((await printed).cut).toBe(true);
    await sleep(1000);
    expect(emu.jobs).toHaveLength(1);
    const events = (await t.api('journal:list', { since: 0, limit: 1000 }, admin)).events;
    expect(events.filter((e) => e.type === 'print:failed')).toEqual([]); // never called failed
    // Settled: a reprint is now the citizen's choice again.
    expect((await t.api('print:reprint', { id }, token)).status).toBe('pending');
  }, 90_000);

  it('a stopped queue: the job fails at once with that reason, nothing waits in it, and the next ticket prints as soon as it is enabled', async () => {
    const token = await kiosk();
    const emu = await printerOn();
    cups.disable('kiosk_xp80');
    const first = await issue(token);
    // The answer comes within the kiosk's 20 s, plainly.
    const failed = await t.api('print:get', { id: first.printJobId!, waitMs: 15_000 }, token);
    expect(failed).toMatchObject({ status: 'failed', errorCode: 'queue_stopped' });
    expect(cups.pendingJobs('kiosk_xp80')).toEqual([]);
    cups.enable('kiosk_xp80');
    const printed = emu.nextJob(20_000);
    const next = await issue(token);
    expect(await t.api('print:get', { id: next.printJobId!, waitMs: 15_000 }, token)).toMatchObject({
      status: 'printed',
      confirmed: false,
    });
    await printed;
    expect(emu.jobs).toHaveLength(1); // the next citizen's ticket, and only it
  }, 60_000);
});
