// How bytes reach a printer: the interface every transport implements, one file per real
// transport beside this one (tcpTransport, serialTransport, deviceFileTransport, spoolerTransport).
// Why not escpos-network / escpos-usb: they can only write, and a kiosk must read the printer's
// real-time status (DLE EOT) before and after every ticket.

export class TransportError extends Error {
  /** `stalled`: the printer stopped taking data (its buffer full and not emptying). */
  constructor(
    readonly reason: 'refused' | 'unreachable' | 'disconnected' | 'stalled',
    message: string,
  ) {
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
export class Inbox {
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
    const w = this.waiter;
    if (!w) return;
    const b = this.bytes.shift();
    if (b === undefined) return;
    this.waiter = null;
    w(b);
  }

  next(timeoutMs: number): Promise<number | null> {
    const b = this.bytes.shift();
    if (b !== undefined) return Promise.resolve(b);
    if (this.ended) return Promise.resolve(null);
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.waiter = null;
        resolve(null);
      }, timeoutMs);
      this.waiter = (b) => {
        clearTimeout(t);
        resolve(b);
      };
    });
  }

  clear(): void {
    this.bytes = [];
  }
}
