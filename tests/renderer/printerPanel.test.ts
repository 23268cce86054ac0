// The manager's printer form and status through a spooler, against a real hub and a real private
// CUPS: the form keeps the CUPS server's host and port and the hub prints through that server; paper
// out behind a spooler is never shown as "ready"; unconfirmed prints are listed for the manager.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultPrinterConfig, PrinterConfig, type ListedPrintJob } from '../../main/contract/index.ts';
import { cleanedPrinter, printerStatusText, printsToCheck } from '../../renderer/src/manager/printerState.ts';
import { managerText } from '../../renderer/src/manager/managerText.ts';
import { PrinterEmulator } from '../../tools/printer/emulator.ts';
import { hasCups, startCups, type TestCups } from '../helpers/cups.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';

describe.skipIf(!hasCups)('a spooler printer in the manager console (a real CUPS)', () => {
  let t: TestHub;
  let cups: TestCups;
  let emu: PrinterEmulator;
  let admin: string;
  beforeEach(async () => {
    t = await startTestHub();
    cups = await startCups();
    emu = new PrinterEmulator(576);
    await cups.addQueue('kiosk_xp80', `socket://127.0.0.1:${await emu.listen()}`);
    admin = await t.login('admin');
  });
  afterEach(async () => {
    await t.close();
    await cups.close();
    await emu.close();
  });

  /** The form as a manager fills it: spooler, queue, and the CUPS server (another machine's, here a private one). */
  async function kioskFromForm(): Promise<{ token: string; deviceId: number }> {
    const [host, port] = cups.server.split(':');
    const form = cleanedPrinter({ ...defaultPrinterConfig, transport: 'spooler', queue: 'kiosk_xp80', host: host!, port: Number(port) });
    expect(form).toMatchObject({ host, port: Number(port) });
    const created = await t.api('devices:create', { kind: 'kiosk', name: 'Kiosk hành lang', counterId: null }, admin);
    await t.api('devices:set-printer', { id: created.device.id, printer: PrinterConfig.parse(form) }, admin);
    const saved = (await t.api('devices:list', {}, admin)).find((d) => d.id === created.device.id)!;
    expect(saved.printer).toMatchObject({ transport: 'spooler', queue: 'kiosk_xp80', host, port: Number(port) });
    return { token: (await t.api('device:pair', { code: created.code })).token, deviceId: created.device.id };
  }

  it('the CUPS host and port are kept by the form and used (no local scheduler runs here)', async () => {
    const { token } = await kioskFromForm();
    const printed = emu.nextJob(20_000);
    const issued = await t.api('ticket:issue', { fieldId: await t.fieldId('TP'), priority: false }, token);
    expect(await t.api('print:get', { id: issued.printJobId!, waitMs: 15_000 }, token)).toMatchObject({
      status: 'printed',
      confirmed: false,
    });
    expect((await printed).cut).toBe(true);
  }, 40_000);

  it('paper out behind a spooler: the status says paper and cover cannot be read, never "Sẵn sàng"; the print is listed as unconfirmed', async () => {
    const { token, deviceId } = await kioskFromForm();
    emu.set({ paperOut: true });
    const issued = await t.api('ticket:issue', { fieldId: await t.fieldId('TP'), priority: false }, token);
    expect(await t.api('print:get', { id: issued.printJobId!, waitMs: 15_000 }, token)).toMatchObject({
      status: 'printed',
      confirmed: false,
    });
    const device = (await t.api('devices:list', {}, admin)).find((d) => d.id === deviceId)!;
    expect(printerStatusText(device, 'vi')).not.toBe(managerText.ready.vi);
    expect(printerStatusText(device, 'vi')).toBe(managerText.sentThroughSpooler.vi);
    expect(printerStatusText(device, 'vi')).toMatch(/không đọc được giấy và nắp/);
    const listed: ListedPrintJob[] = await t.api('print:jobs', { deviceId }, admin);
    expect(printsToCheck(listed).map((j) => j.id)).toContain(issued.printJobId);
  }, 40_000);
});

describe('the form and the list, without a spooler', () => {
  it('a network printer keeps no queue; switching away from a spooler drops nothing it needs', () => {
    const tcp = cleanedPrinter({ ...defaultPrinterConfig, queue: 'x' });
    expect(tcp.queue).toBeUndefined();
    expect(tcp.host).toBe(defaultPrinterConfig.host);
    // A spooler without a server: the local scheduler (no host, no stray port).
    expect(cleanedPrinter({ ...defaultPrinterConfig, transport: 'spooler', queue: 'q', host: ' ', port: 631 })).toMatchObject({
      host: undefined,
      port: undefined,
    });
  });

  it('failed, uncertain and sent-but-unconfirmed prints are all listed; confirmed ones are not', () => {
    const job = (id: number, status: ListedPrintJob['status'], confirmed: boolean): ListedPrintJob => ({
      id,
      ticketId: id,
      deviceId: 1,
      status,
      attempts: 1,
      errorCode: null,
      createdAt: 0,
      updatedAt: 0,
      confirmed,
      ticketNumber: 1000 + id,
      ticketStatus: 'waiting',
    });
    const shown = printsToCheck([job(1, 'printed', true), job(2, 'printed', false), job(3, 'failed', true), job(4, 'uncertain', false)]);
    expect(shown.map((j) => j.id)).toEqual([2, 3, 4]);
  });
});
