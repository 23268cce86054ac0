import { Socket } from 'node:net';
import { Inbox, TransportError, type PrinterTransport } from './transport.ts';

/** A network printer: raw TCP, usually port 9100. */
export class TcpTransport implements PrinterTransport {
  private socket: Socket | null = null;
  private readonly inbox = new Inbox();
  private closedError: TransportError | null = null;

  constructor(
    private readonly host: string,
    private readonly port = 9100,
    private readonly connectTimeoutMs = 3000,
    private readonly writeTimeoutMs = 10_000,
  ) {}

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
      const timer = setTimeout(
        () => reject(new TransportError('stalled', `the printer took no data for ${this.writeTimeoutMs} ms`)),
        this.writeTimeoutMs,
      );
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
    await new Promise<void>((resolve) => {
      s.end(() => resolve());
      setTimeout(resolve, 500).unref();
    });
    s.destroy();
  }
}
