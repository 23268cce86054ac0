import { stat } from 'node:fs/promises';
import { SerialPort } from 'serialport';
import { Inbox, TransportError, type PrinterTransport } from './transport.ts';

/** A serial (RS-232 or USB-CDC) printer, through serialport. */
export class SerialTransport implements PrinterTransport {
  private port: SerialPort | null = null;
  private readonly inbox = new Inbox();
  lost = false;

  constructor(
    private readonly path: string,
    private readonly baudRate = 9600,
  ) {}

  async open(): Promise<void> {
    if (process.platform !== 'win32') {
      const st = await stat(this.path).catch((err: Error) => {
        throw new TransportError('unreachable', err.message);
      });
      if (!st.isCharacterDevice()) throw new TransportError('unreachable', `${this.path} is not a serial device`);
    }
    return new Promise((resolve, reject) => {
      const port = new SerialPort({ path: this.path, baudRate: this.baudRate, autoOpen: false });
      // Unplugged mid-job: the write fails and the job is reported; the process must not end.
      port.on('error', () => {
        this.lost = true;
        this.inbox.end();
      });
      port.open((err) => {
        if (err) return reject(new TransportError('unreachable', err.message));
        port.on('data', (d: Buffer) => this.inbox.push(d));
        port.on('close', () => {
          this.lost = true;
          this.inbox.end();
        });
        this.port = port;
        resolve();
      });
    });
  }

  write(bytes: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      const port = this.port;
      if (!port) return reject(new TransportError('disconnected', 'not open'));
      port.write(Buffer.from(bytes), (err) => {
        if (err) return reject(new TransportError('disconnected', err.message));
        port.drain(() => resolve());
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
