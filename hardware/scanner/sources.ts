// Where scans come from: a HID scanner (keyboard mode opened exclusively, or HID-POS) through
// node-hid, or a serial (USB-CDC) scanner. Unplugging and replugging is recovered by itself.
import { createRequire } from 'node:module';
import { BootKeyboardDecoder, type Layout } from './keyboardReports.ts';
import { HidPosDecoder, layoutForVendor, posLayouts, type PosLayout } from './hidPos.ts';

export type ScannerStatus = 'searching' | 'connected' | 'stopped';

/** node-hid as this module uses it: the boundary a test may stand in for. */
export interface HidDeviceLike {
  on(event: 'data', cb: (data: Buffer) => void): void;
  on(event: 'error', cb: (err: Error) => void): void;
  close(): void;
}
export interface HidBackend {
  devices(): { vendorId: number; productId: number; path?: string; usagePage?: number }[];
  open(path: string): HidDeviceLike;
}

/**
 * The real backend, loaded only when used (no HID library on machines without scanners).
 * Keyboard-mode scanners are opened through libusb on Linux, which detaches the kernel's
 * keyboard driver: the scanner's keystrokes then reach only us, never the focused window.
 */
export function nodeHidBackend(exclusiveKeyboard = false): HidBackend {
  // require() types what it loads as any: node-hid's API, as this module uses it
  const HID = createRequire(import.meta.url)('node-hid') as {
    devices(): { vendorId: number; productId: number; path?: string; usagePage?: number }[];
    HID: new (path: string) => HidDeviceLike;
    setDriverType?(type: 'hidraw' | 'libusb'): void;
  };
  if (exclusiveKeyboard && process.platform === 'linux') HID.setDriverType?.('libusb');
  return { devices: () => HID.devices(), open: (path) => new HID.HID(path) };
}

export interface HidScannerOptions {
  vendorId: number;
  productId: number;
  mode: 'keyboard' | 'pos';
  layout: Layout;
  /** HID-POS report size in bytes (64 on most). */
  reportSize: number;
  pollMs: number;
}

export class HidScanner {
  status: ScannerStatus = 'searching';
  private device: HidDeviceLike | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly statusListeners = new Set<(s: ScannerStatus) => void>();

  constructor(
    private readonly backend: HidBackend,
    private readonly opts: HidScannerOptions,
    private readonly onCode: (text: string) => void,
  ) {}

  onStatus(listener: (s: ScannerStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  start(): void {
    this.tryOpen();
    this.timer = setInterval(() => {
      if (!this.device) this.tryOpen();
    }, this.opts.pollMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.device?.close();
    this.device = null;
    this.setStatus('stopped');
  }

  private setStatus(s: ScannerStatus): void {
    if (s === this.status) return;
    this.status = s;
    for (const l of this.statusListeners) l(s);
  }

  /** The report layout the scanner's make is known to send; null lets its first report tell. */
  private posLayout(vendorId: number): PosLayout | null {
    const name = layoutForVendor(vendorId);
    return name === null ? null : posLayouts[name];
  }

  private tryOpen(): void {
    // HID-POS scanners expose several interfaces; take the barcode one (usage page 0x8C).
    const found = this.backend
      .devices()
      .find(
        (d) =>
          d.vendorId === this.opts.vendorId &&
          d.productId === this.opts.productId &&
          d.path !== undefined &&
          (this.opts.mode === 'keyboard' || d.usagePage === undefined || d.usagePage === 0x8c),
      );
    if (!found?.path) return;
    let device: HidDeviceLike;
    try {
      device = this.backend.open(found.path);
    } catch {
      return; // busy or no permission yet: the next poll tries again
    }
    const decoder =
      this.opts.mode === 'keyboard'
        ? new BootKeyboardDecoder(this.opts.layout, this.onCode)
        : new HidPosDecoder(this.opts.reportSize, (d) => this.onCode(d.text), 0x02, this.posLayout(found.vendorId));
    device.on('data', (data) => decoder.push(new Uint8Array(data)));
    device.on('error', () => {
      // Unplugged: forget it; the poll finds it again when it comes back.
      try {
        device.close();
      } catch {
        /* already gone */
      }
      if (this.device === device) this.device = null;
      this.setStatus('searching');
    });
    this.device = device;
    this.setStatus('connected');
  }
}

/** Serial scanners end each code with CR, LF or both; takes chunks, gives whole codes. */
export class LineSplitter {
  private text = '';

  constructor(private readonly onCode: (code: string) => void) {}

  push(chunk: string): void {
    this.text += chunk;
    const parts = this.text.split(/\r\n|\r|\n/);
    this.text = parts.pop() ?? ''; // split gives one part at least: the unfinished line
    // A chunk ending in CR may be followed by LF in the next one: that empty line is no code.
    for (const p of parts) if (p.trim()) this.onCode(p.trim());
  }
}

/** A USB-CDC (virtual COM port) or RS-232 scanner through serialport, reopened after unplugging. */
export class SerialScanner {
  status: ScannerStatus = 'searching';
  private timer: ReturnType<typeof setInterval> | null = null;
  private port: { close(cb?: () => void): void; isOpen: boolean } | null = null;
  private readonly statusListeners = new Set<(s: ScannerStatus) => void>();

  constructor(
    private readonly path: string,
    private readonly baudRate: number,
    private readonly onCode: (text: string) => void,
    private readonly pollMs = 2000,
  ) {}

  onStatus(listener: (s: ScannerStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  private setStatus(s: ScannerStatus): void {
    if (s === this.status) return;
    this.status = s;
    for (const l of this.statusListeners) l(s);
  }

  start(): void {
    const tryOpen = async () => {
      if (this.port?.isOpen) return;
      const { SerialPort } = await import('serialport');
      const port = new SerialPort({ path: this.path, baudRate: this.baudRate, autoOpen: false });
      // An 'error' with no listener would end the process: unplugging is an ordinary event here.
      port.on('error', () => {
        if (this.port === port) this.port = null;
        this.setStatus('searching');
      });
      port.open((err) => {
        if (err) return;
        const lines = new LineSplitter(this.onCode);
        port.on('data', (d: Buffer) => lines.push(d.toString('utf8')));
        port.on('close', () => {
          if (this.port === port) this.port = null;
          this.setStatus('searching');
        });
        this.port = port;
        this.setStatus('connected');
      });
    };
    void tryOpen();
    this.timer = setInterval(() => void tryOpen(), this.pollMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.port?.close();
    this.setStatus('stopped');
  }
}
