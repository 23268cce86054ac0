// How bytes reach a printer: one small class per real transport, the same interface for all.
// Why not escpos-network / escpos-usb: they can only write, and a kiosk must read the
// printer's real-time status (DLE EOT) before and after every ticket.
import { Socket } from 'node:net';
import { constants } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { SerialPort } from 'serialport';

export class TransportError extends Error {
  /** `stalled`: the printer stopped taking data (its buffer full and not emptying). */
  constructor(readonly reason: 'refused' | 'unreachable' | 'disconnected' | 'stalled', message: string) {
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
  /** Forgets bytes received so far (answers nobody is waiting for), before a new question. */
  discardInput(): void | Promise<void>;
  /**
   * Gives up on a job: what is still queued for the printer is dropped, not delivered later
   * (a late ticket nobody knows of, or a second one after a reprint). Then closed.
   */
  abort(): Promise<void>;
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

  constructor(private readonly host: string, private readonly port = 9100, private readonly connectTimeoutMs = 3000, private readonly writeTimeoutMs = 10_000) {}

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
      // A printer that stops reading leaves the write unfinished: give up after a while.
      const timer = setTimeout(() => reject(new TransportError('stalled', `the printer took no data for ${this.writeTimeoutMs} ms`)), this.writeTimeoutMs);
      s.write(bytes, (err) => {
        clearTimeout(timer);
        if (err || this.closedError) reject(this.closedError ?? new TransportError('disconnected', String(err)));
        else resolve();
      });
    });
  }

  readByte(timeoutMs: number): Promise<number | null> {
    return this.inbox.next(timeoutMs);
  }

  discardInput(): void {
    this.inbox.clear();
  }

  /**
   * A TCP reset, not a close: the bytes still in this machine's send queue are thrown away and
   * the printer's side discards what it has not read yet, so a stalled job never completes later.
   */
  async abort(): Promise<void> {
    const s = this.socket;
    this.socket = null;
    if (s && !s.destroyed) s.resetAndDestroy();
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
  private readonly received: number[] = [];
  private readonly chunk = Buffer.alloc(64);

  lost = false;

  /**
   * The device is opened non-blocking (usblp honours O_NONBLOCK): a printer that never answers
   * cannot leave a read pending in the thread pool, where it once held `close()` forever and
   * that kiosk printed nothing more until restarted. Reads and writes poll instead, with deadlines.
   */
  constructor(
    private readonly path: string, private readonly writeTimeoutMs = 10_000, private readonly pollMs = 15,
    /** 'fifo' also accepts a named pipe: the stand-in for a silent printer where no USB device exists (tests). */
    private readonly accepts: 'device' | 'device-or-fifo' = 'device',
  ) {}

  async open(): Promise<void> {
    let fh: FileHandle;
    try {
      fh = await open(this.path, constants.O_RDWR | constants.O_NONBLOCK | constants.O_NOCTTY);
    } catch (err) {
      throw new TransportError('unreachable', (err as Error).message);
    }
    // Checked on the open handle (so a link swapped after a check cannot fool it): printer bytes
    // written to a regular file would destroy it.
    const st = await fh.stat();
    if (!st.isCharacterDevice() && !(this.accepts === 'device-or-fifo' && st.isFIFO())) {
      await fh.close();
      throw new TransportError('unreachable', `${this.path} is not a device`);
    }
    this.fh = fh;
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (!this.fh) throw new TransportError('disconnected', 'not open');
    const deadline = Date.now() + this.writeTimeoutMs;
    let at = 0;
    while (at < bytes.length) {
      try {
        const { bytesWritten } = await this.fh.write(bytes, at, bytes.length - at, null);
        at += bytesWritten;
        if (bytesWritten > 0) continue;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') {
          this.lost = true;
          throw new TransportError('disconnected', (err as Error).message);
        }
      }
      // The printer's buffer is full: it takes more as it prints, or it has stopped taking any.
      if (Date.now() >= deadline) throw new TransportError('stalled', `${this.path} took no data for ${this.writeTimeoutMs} ms`);
      await sleep(this.pollMs);
    }
  }

  async readByte(timeoutMs: number): Promise<number | null> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.received.length) return this.received.shift()!;
      if (!this.fh || this.lost) return null;
      if (!(await this.readSome())) {
        if (Date.now() >= deadline) return null;
        await sleep(this.pollMs);
      }
    }
  }

  /** Whatever is available now, without waiting; false when there was nothing. */
  private async readSome(): Promise<boolean> {
    try {
      const { bytesRead } = await this.fh!.read(this.chunk, 0, this.chunk.length, null);
      for (let i = 0; i < bytesRead; i++) this.received.push(this.chunk[i]!);
      return bytesRead > 0;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') this.lost = true;
      return false;
    }
  }

  async discardInput(): Promise<void> {
    while (this.fh && !this.lost && (await this.readSome()));
    this.received.length = 0;
  }

  async abort(): Promise<void> {
    await this.close();
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

  discardInput(): void {
    this.inbox.clear();
  }

  /** Drops the output not yet sent (tcflush), then closes. */
  async abort(): Promise<void> {
    const port = this.port;
    if (port?.isOpen) await new Promise<void>((resolve) => port.flush(() => resolve()));
    await this.close();
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.port?.isOpen ? this.port.close(() => resolve()) : resolve()));
  }
}
