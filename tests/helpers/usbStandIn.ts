// A USB printer at the libusb boundary, for the raw-USB transport where no device exists: bytes
// taken on a bulk OUT endpoint go through the real ESC/POS decoder; DLE EOT is answered on the IN
// endpoint the way endpoints answer, one byte per transfer, or none until the timeout
// (LIBUSB_ERROR_TIMEOUT); it can stall an endpoint (LIBUSB_ERROR_PIPE until cleared), stop
// answering, or be unplugged (LIBUSB_ERROR_NO_DEVICE).
import { EscPosDecoder, type PaperItem } from '../../tools/printer/decode.ts';
import { statusReply, type PrinterStatus } from '../../hardware/printer/status.ts';
import type { UsbBackend, UsbPrinterHandle } from '../../hardware/printer/usbTransport.ts';

const err = (code: string) => Object.assign(new Error(code), { code });

export class UsbPrinterStandIn implements UsbBackend {
  status: PrinterStatus = { online: true, coverOpen: false, paperOut: false, paperNearEnd: false, error: false };
  /** The next OUT transfer stalls (the endpoint must be cleared). */
  stallNextWrite = false;
  /** Answer no status request. */
  silent = false;
  /** Unplugged after this many bytes (0 = never). */
  unplugAfterBytes = 0;
  plugged = true;
  readonly items: PaperItem[] = [];
  cuts = 0;
  readonly transfersIn: number[] = [];
  /** Status questions the driver asked (each answered with one byte). */
  questions = 0;
  private received = 0;
  private halted = false;
  private readonly replies: number[] = [];
  private readonly decoder = new EscPosDecoder({
    item: (i) => {
      if (i.kind === 'cut') this.cuts++;
      else this.items.push(i);
    },
    statusRequest: (n) => {
      this.questions++;
      if (!this.silent) this.replies.push(statusReply(n, this.status));
    },
    unknown: () => undefined,
  });

  constructor(
    private readonly vendorId = 0x0519,
    private readonly productId = 0x2013,
  ) {}

  async open(vendorId: number, productId: number): Promise<UsbPrinterHandle> {
    if (!this.plugged || vendorId !== this.vendorId || productId !== this.productId) throw err('LIBUSB_ERROR_NO_DEVICE');
    return {
      write: async (data) => {
        if (!this.plugged) throw err('LIBUSB_ERROR_NO_DEVICE');
        if (this.halted) throw err('LIBUSB_ERROR_PIPE');
        if (this.stallNextWrite) {
          this.stallNextWrite = false;
          this.halted = true;
          throw err('LIBUSB_ERROR_PIPE');
        }
        let part = data;
        if (this.unplugAfterBytes > 0 && this.received + data.length >= this.unplugAfterBytes) {
          part = data.subarray(0, this.unplugAfterBytes - this.received);
          this.plugged = false;
        }
        this.received += part.length;
        this.decoder.push(part);
        if (!this.plugged) throw err('LIBUSB_ERROR_NO_DEVICE');
      },
      read: async (max, timeoutMs) => {
        const end = Date.now() + timeoutMs;
        while (this.replies.length === 0) {
          if (!this.plugged) throw err('LIBUSB_ERROR_NO_DEVICE');
          if (Date.now() >= end) throw err('LIBUSB_ERROR_TIMEOUT');
          await new Promise((r) => setTimeout(r, 5));
        }
        this.transfersIn.push(1);
        return Uint8Array.of(this.replies.shift()!); // partial: one byte per transfer, whatever `max` allows
      },
      clearHalt: async () => {
        this.halted = false;
      },
      close: async () => undefined,
    };
  }
}
