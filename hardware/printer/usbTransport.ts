// Raw USB without a kernel printer driver: Linux without usblp, Windows with the WinUSB driver
// (Zadig). libusb through the `usb` package, bulk OUT for the job and bulk IN for status bytes.
// Why not @node-escpos/usb-adapter, the escpos family's USB adapter: its read() makes one 64-byte
// transfer with no timeout and only logs errors, so a status question could wait forever. The
// `usb` package it wraps is used here directly, with a deadline on every transfer.
import { createRequire } from 'node:module';
import { codeOf, errnoOf, messageOf } from '../errors.ts';
import { TransportError, type PrinterTransport } from './transport.ts';

/** libusb as this transport uses it: the boundary a test stands in for (no USB device here). */
export interface UsbPrinterHandle {
  /** Resolves once the endpoint took all of `data`; rejects with a libusb error (`code` as libusb names it). */
  write(data: Uint8Array, timeoutMs: number): Promise<void>;
  /** Up to `max` bytes the printer sent; an empty result or LIBUSB_ERROR_TIMEOUT means none yet. */
  read(max: number, timeoutMs: number): Promise<Uint8Array>;
  /** After LIBUSB_ERROR_PIPE: the endpoint stalled and must be cleared before it is used again. */
  clearHalt(direction: 'in' | 'out'): Promise<void>;
  close(): Promise<void>;
}
export interface UsbBackend {
  open(vendorId: number, productId: number): Promise<UsbPrinterHandle>;
}

type UsbError = Error & { errno?: number; code?: string };
/** How a libusb failure names itself: its code (LIBUSB_ERROR_PIPE…), else its errno, else its message. */
const usbCodeOf = (err: unknown): string => codeOf(err) ?? String(errnoOf(err) ?? messageOf(err));

interface LibusbEndpoint {
  direction: 'in' | 'out';
  transferType: number;
  transfer(arg: Buffer | number, cb: (err: UsbError | undefined, data?: Buffer) => void): void;
  clearHalt(cb: (err?: Error) => void): void;
}
interface LibusbInterface {
  descriptor: { bInterfaceClass: number };
  endpoints: LibusbEndpoint[];
  isKernelDriverActive(): boolean;
  detachKernelDriver(): void;
  attachKernelDriver(): void;
  claim(): void;
  release(closeEndpoints: boolean, cb: (err?: Error) => void): void;
}
interface LibusbDevice {
  timeout: number;
  interfaces?: LibusbInterface[];
  open(): void;
  close(): void;
}

const PRINTER_CLASS = 7;
const BULK = 2;

/** The real backend, loaded only when used (no libusb needed on machines without such printers). */
export function libusbBackend(): UsbBackend {
  return {
    async open(vendorId, productId) {
      // require() types what it loads as any: the usb package's findByIds, as this file uses it
      const usb = createRequire(import.meta.url)('usb') as { findByIds(v: number, p: number): LibusbDevice | undefined };
      const device = usb.findByIds(vendorId, productId);
      if (!device)
        throw Object.assign(new Error(`no USB device ${vendorId.toString(16)}:${productId.toString(16)}`), {
          code: 'LIBUSB_ERROR_NO_DEVICE',
        });
      device.open();
      const iface = device.interfaces?.find((i) => i.descriptor.bInterfaceClass === PRINTER_CLASS) ?? device.interfaces?.[0];
      if (!iface) throw Object.assign(new Error('the device has no interface'), { code: 'LIBUSB_ERROR_NOT_FOUND' });
      let detached = false;
      if (process.platform === 'linux' && iface.isKernelDriverActive()) {
        iface.detachKernelDriver(); // usblp holds it; it is given back on close
        detached = true;
      }
      iface.claim();
      const out = iface.endpoints.find((e) => e.direction === 'out' && e.transferType === BULK);
      const inn = iface.endpoints.find((e) => e.direction === 'in' && e.transferType === BULK);
      if (!out) throw Object.assign(new Error('no bulk OUT endpoint'), { code: 'LIBUSB_ERROR_NOT_FOUND' });
      const transfer = (ep: LibusbEndpoint, arg: Buffer | number, timeoutMs: number) =>
        new Promise<Buffer>((resolve, reject) => {
          device.timeout = timeoutMs;
          ep.transfer(arg, (err, data) => (err ? reject(err) : resolve(data ?? Buffer.alloc(0))));
        });
      return {
        write: async (data, timeoutMs) => {
          await transfer(out, Buffer.from(data), timeoutMs);
        },
        read: async (max, timeoutMs) => (inn ? transfer(inn, max, timeoutMs) : new Uint8Array(0)),
        clearHalt: (direction) =>
          new Promise<void>((resolve) => {
            const ep = direction === 'out' ? out : inn;
            if (!ep) return resolve();
            ep.clearHalt(() => resolve());
          }),
        close: () =>
          new Promise<void>((resolve) => {
            iface.release(true, () => {
              try {
                if (detached) iface.attachKernelDriver();
                device.close();
              } catch {
                /* unplugged meanwhile */
              }
              resolve();
            });
          }),
      };
    },
  };
}

export class UsbTransport implements PrinterTransport {
  private handle: UsbPrinterHandle | null = null;
  private readonly received: number[] = [];
  lost = false;

  constructor(
    private readonly ids: { vendorId: number; productId: number },
    private readonly backend: UsbBackend = libusbBackend(),
    private readonly writeTimeoutMs = 10_000,
    private readonly chunkBytes = 4096,
  ) {}

  async open(): Promise<void> {
    try {
      this.handle = await this.backend.open(this.ids.vendorId, this.ids.productId);
    } catch (err) {
      throw new TransportError('unreachable', `${usbCodeOf(err)}: ${messageOf(err)}`);
    }
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (!this.handle) throw new TransportError('disconnected', 'not open');
    for (let at = 0; at < bytes.length; at += this.chunkBytes) {
      const part = bytes.subarray(at, at + this.chunkBytes);
      for (let attempt = 0; ; attempt++) {
        try {
          await this.handle.write(part, this.writeTimeoutMs);
          break;
        } catch (err) {
          const code = usbCodeOf(err);
          // A stall is the endpoint saying "not now": clear it and send that part again, once.
          if (code === 'LIBUSB_ERROR_PIPE' && attempt === 0) {
            await this.handle.clearHalt('out');
            continue;
          }
          if (code === 'LIBUSB_ERROR_TIMEOUT')
            throw new TransportError('stalled', `the printer took no data for ${this.writeTimeoutMs} ms`);
          this.lost = true;
          throw new TransportError('disconnected', code);
        }
      }
    }
  }

  async readByte(timeoutMs: number): Promise<number | null> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const byte = this.received.shift();
      if (byte !== undefined) return byte;
      const left = deadline - Date.now();
      if (!this.handle || this.lost || left <= 0) return null;
      await this.readSome(Math.min(left, 200));
    }
  }

  /** One IN transfer: often a single byte, sometimes none, sometimes several at once. */
  private async readSome(timeoutMs: number): Promise<void> {
    const handle = this.handle;
    if (!handle) return;
    try {
      const data = await handle.read(64, timeoutMs);
      for (const b of data) this.received.push(b);
    } catch (err) {
      const code = usbCodeOf(err);
      if (code === 'LIBUSB_ERROR_TIMEOUT') return;
      if (code === 'LIBUSB_ERROR_PIPE') await handle.clearHalt('in').catch(() => undefined);
      else this.lost = true;
    }
  }

  async discardInput(): Promise<void> {
    if (this.handle && !this.lost) await this.readSome(10);
    this.received.length = 0;
  }

  async abort(): Promise<void> {
    await this.close();
  }

  async close(): Promise<void> {
    const h = this.handle;
    this.handle = null;
    await h?.close().catch(() => undefined);
  }
}
