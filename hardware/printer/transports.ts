// How bytes reach a printer: one small class per real transport, the same interface for all.
// Why not escpos-network / escpos-usb: they can only write, and a kiosk must read the
// printer's real-time status (DLE EOT) before and after every ticket.
import { Socket } from 'node:net';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { SerialPort } from 'serialport';

export class TransportError extends Error {
  constructor(readonly reason: 'refused' | 'unreachable' | 'disconnected', message: string) {
    super(message);
  }
}

export interface PrinterTransport {
  /** True once the printer side has gone away (a read then returns null at once). */
  readonly lost: boolean;
  open(): Promise<void>;
  write(bytes: Uint8Array): Promise<void>;
  /** Bytes the printer sent, oldest first; resolves with null when none came in time. */
  readByte(timeoutMs: number): Promise<number | null>;
  close(): Promise<void>;
}

/** Bytes that arrive from the printer, and whoever is waiting for the next one. */
class Inbox {
  private bytes: number[] = [];
  private waiter: ((b: number | null) => void) | null = null;
  private ended = false;

  /** The other side is gone: whoever waits gets null now, not after the timeout. */
  end(): void {
    this.ended = true;
    const w = this.waiter;
    this.waiter = null;
    w?.(null);
  }

  push(chunk: Uint8Array): void {
    for (const b of chunk) this.bytes.push(b);
    this.wake();
  }

  private wake(): void {
    if (this.waiter && this.bytes.length) {
      const w = this.waiter;
      this.waiter = null;
      w(this.bytes.shift()!);
    }
  }

  next(timeoutMs: number): Promise<number | null> {
    if (this.bytes.length) return Promise.resolve(this.bytes.shift()!);
    if (this.ended) return Promise.resolve(null);
    return new Promise((resolve) => {
      const t = setTimeout(() => { this.waiter = null; resolve(null); }, timeoutMs);
      this.waiter = (b) => { clearTimeout(t); resolve(b); };
    });
  }

  clear(): void {
    this.bytes = [];
  }
}

/** A network printer: raw TCP, usually port 9100. */
export class TcpTransport implements PrinterTransport {
  private socket: Socket | null = null;
  private readonly inbox = new Inbox();
  private closedError: TransportError | null = null;

  constructor(private readonly host: string, private readonly port = 9100, private readonly connectTimeoutMs = 3000) {}

  get lost(): boolean {
    return this.closedError !== null;
  }

  open(): Promise<void> {
    return new Promise((resolve, reject) => {
      const s = new Socket();
      s.setNoDelay(true);
      const fail = (err: NodeJS.ErrnoException) => {
        s.destroy();
        reject(new TransportError(err.code === 'ECONNREFUSED' ? 'refused' : 'unreachable', err.message));
      };
      s.setTimeout(this.connectTimeoutMs, () => fail(Object.assign(new Error('connect timeout'), { code: 'ETIMEDOUT' })));
      s.once('error', fail);
      s.connect(this.port, this.host, () => {
        s.setTimeout(0);
        s.removeListener('error', fail);
        s.on('error', () => undefined);
        s.on('close', () => {
          this.closedError = new TransportError('disconnected', 'the printer closed the connection');
          this.inbox.end();
        });
        s.on('data', (d: Buffer) => this.inbox.push(d));
        this.socket = s;
        resolve();
      });
    });
  }

  write(bytes: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      const s = this.socket;
      if (!s || this.closedError || s.destroyed) return reject(this.closedError ?? new TransportError('disconnected', 'not connected'));
      s.write(bytes, (err) => (err || this.closedError ? reject(this.closedError ?? new TransportError('disconnected', String(err))) : resolve()));
    });
  }

  readByte(timeoutMs: number): Promise<number | null> {
    return this.inbox.next(timeoutMs);
  }

  async close(): Promise<void> {
    const s = this.socket;
    this.socket = null;
    if (!s || s.destroyed) return;
    await new Promise<void>((resolve) => { s.end(() => resolve()); setTimeout(resolve, 500).unref(); });
    s.destroy();
  }
}

/**
 * A USB printer through Linux's printer-class driver (usblp), which exposes /dev/usb/lpN.
 * Reading works where the printer is bidirectional. The udev rule in the README gives the
 * kiosk user access. (On Windows, see README: a raw port through the spooler, or WinUSB.)
 */
export class DeviceFileTransport implements PrinterTransport {
  private fh: FileHandle | null = null;

  lost = false;

  constructor(private readonly path: string) {}

  async open(): Promise<void> {
    let fh: FileHandle;
    try {
      fh = await open(this.path, 'r+');
    } catch (err) {
      throw new TransportError('unreachable', (err as Error).message);
    }
    // Checked on the open handle (so a link swapped after a check cannot fool it): printer bytes
    // written to a regular file would destroy it.
    if (!(await fh.stat()).isCharacterDevice()) {
      await fh.close();
      throw new TransportError('unreachable', `${this.path} is not a device`);
    }
    this.fh = fh;
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (!this.fh) throw new TransportError('disconnected', 'not open');
    try {
      await this.fh.write(bytes);
    } catch (err) {
      this.lost = true;
      throw new TransportError('disconnected', (err as Error).message);
    }
  }

  async readByte(timeoutMs: number): Promise<number | null> {
    if (!this.fh) return null;
    const buf = Buffer.alloc(1);
    const read = this.fh.read(buf, 0, 1, null).then((r) => (r.bytesRead === 1 ? buf[0]! : null)).catch(() => null);
    return Promise.race([read, new Promise<null>((r) => setTimeout(() => r(null), timeoutMs).unref())]);
  }

  async close(): Promise<void> {
    await this.fh?.close().catch(() => undefined);
    this.fh = null;
  }
}

/** A serial (RS-232 or USB-CDC) printer, through serialport. */
export class SerialTransport implements PrinterTransport {
  private port: SerialPort | null = null;
  private readonly inbox = new Inbox();
  lost = false;

  constructor(private readonly path: string, private readonly baudRate = 9600) {}

  async open(): Promise<void> {
    if (process.platform !== 'win32') {
      const st = await stat(this.path).catch((err: Error) => { throw new TransportError('unreachable', err.message); });
      if (!st.isCharacterDevice()) throw new TransportError('unreachable', `${this.path} is not a serial device`);
    }
    return new Promise((resolve, reject) => {
      const port = new SerialPort({ path: this.path, baudRate: this.baudRate, autoOpen: false });
      // Unplugged mid-job: the write fails and the job is reported; the process must not end.
      port.on('error', () => { this.lost = true; this.inbox.end(); });
      port.open((err) => {
        if (err) return reject(new TransportError('unreachable', err.message));
        port.on('data', (d: Buffer) => this.inbox.push(d));
        port.on('close', () => { this.lost = true; this.inbox.end(); });
        this.port = port;
        resolve();
      });
    });
  }

  write(bytes: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      if (!this.port) return reject(new TransportError('disconnected', 'not open'));
      this.port.write(Buffer.from(bytes), (err) => {
        if (err) return reject(new TransportError('disconnected', err.message));
        this.port!.drain(() => resolve());
      });
    });
  }

  readByte(timeoutMs: number): Promise<number | null> {
    return this.inbox.next(timeoutMs);
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.port?.isOpen ? this.port.close(() => resolve()) : resolve()));
  }
}
