// Raw USB (libusb, no kernel driver) through the real driver and transport, against a stand-in at
// the libusb boundary (tests/helpers/usbStandIn.ts): there is no USB printer on the build machine.
import { describe, expect, it } from 'vitest';
import { defaultProfile, type TicketPrintData } from '../../hardware/printer/layout.ts';
import { renderTicket } from '../../hardware/printer/render.ts';
import { printJob } from '../../hardware/printer/driver.ts';
import { UsbTransport, libusbBackend } from '../../hardware/printer/usbTransport.ts';
import { UsbPrinterStandIn } from '../helpers/usbStandIn.ts';

const ticket: TicketPrintData = {
  centerName: 'Trung tâm Phục vụ hành chính công',
  header: 'PHIẾU SỐ THỨ TỰ',
  fieldName: 'Đất đai',
  fieldNameEn: null,
  number: 2001,
  priorityLabel: null,
  details: ['Lấy số lúc 08:01 ngày 24/11/2026'],
  qrPayload: 'MC1.9.20261124.2001.abcdEFGH12',
  footer: '',
  reprintLabel: null,
};
const ids = { vendorId: 0x0519, productId: 0x2013 };
const job = () => renderTicket(ticket, { ...defaultProfile, widthDots: 576 }).bytes;

describe('raw USB printer (libusb)', () => {
  it('prints: status read byte by byte from partial IN transfers, the picture whole, then the cut', async () => {
    const printer = new UsbPrinterStandIn();
    const result = await printJob(new UsbTransport(ids, printer), job());
    expect(result.status).toBe('printed');
    expect(printer.cuts).toBe(1);
    expect(printer.items.filter((i) => i.kind === 'raster').length).toBeGreaterThan(3);
    // Every status question (before, during the picture as the driver follows its progress, after
    // the cut) answered, one byte per IN transfer, each read as it came.
    expect(printer.questions).toBeGreaterThanOrEqual(3);
    expect(printer.transfersIn.length).toBe(printer.questions);
  });

  it('a stalled endpoint is cleared and the job goes on', async () => {
    const printer = new UsbPrinterStandIn();
    printer.stallNextWrite = true;
    expect((await printJob(new UsbTransport(ids, printer), job())).status).toBe('printed');
    expect(printer.cuts).toBe(1);
  });

  it('unplugged mid-job: failed "disconnected", never cut; a silent printer: failed "timeout" in bounded time', async () => {
    const unplugged = new UsbPrinterStandIn();
    unplugged.unplugAfterBytes = 9000;
    expect(await printJob(new UsbTransport(ids, unplugged), job())).toEqual({ status: 'failed', reason: 'disconnected' });
    expect(unplugged.cuts).toBe(0);

    const silent = new UsbPrinterStandIn();
    silent.silent = true;
    const started = Date.now();
    expect(await printJob(new UsbTransport(ids, silent), job(), { statusTimeoutMs: 500, chunkBytes: 4096 })).toEqual({
      status: 'failed',
      reason: 'timeout',
    });
    expect(Date.now() - started).toBeLessThan(3000);

    const cover = new UsbPrinterStandIn();
    cover.status = { ...cover.status, coverOpen: true, online: false };
    expect(await printJob(new UsbTransport(ids, cover), job())).toEqual({ status: 'failed', reason: 'cover_open' });
  });

  it('the real libusb backend loads, and a printer that is not plugged in is "offline"', async () => {
    expect(await printJob(new UsbTransport(ids, libusbBackend()), job())).toEqual({ status: 'failed', reason: 'offline' });
  });
});
