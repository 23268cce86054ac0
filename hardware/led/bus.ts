// One bus, one frame at a time: send, wait for the board's answer, retry once.
import { byteAt } from '../bytes.ts';
import { ACK, NAK } from './frames.ts';

/**
 * The line to the boards (RS-485 through a serial port, or a TCP serial server): bytes out, bytes
 * back. Its own interface, so the LED bus depends on no printer code; the serial and TCP
 * transports the printers use happen to fit it.
 */
export interface LedLink {
  readonly lost: boolean;
  open(): Promise<void>;
  write(bytes: Uint8Array): Promise<void>;
  readByte(timeoutMs: number): Promise<number | null>;
  close(): Promise<void>;
}

export type SendResult = 'ack' | 'nak' | 'timeout' | 'unreachable';

export class LedBus {
  private queue: Promise<unknown> = Promise.resolve();
  private open = false;

  constructor(
    private readonly transport: LedLink,
    private readonly timeoutMs = 300,
    private readonly retries = 1,
  ) {}

  /** Serialized: frames never interleave on the wire. */
  send(frame: Uint8Array): Promise<SendResult> {
    const run = this.queue.then(() => this.sendNow(frame));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async sendNow(frame: Uint8Array): Promise<SendResult> {
    const address = byteAt(frame, 1); // STX ADDR …: the board that must answer
    for (let attempt = 0; attempt <= this.retries; attempt++) {
      try {
        if (!this.open || this.transport.lost) {
          await this.transport.close().catch(() => undefined);
          await this.transport.open();
          this.open = true;
        }
        await this.transport.write(frame);
        const answer = await this.readAnswer(address);
        if (answer !== 'timeout') return answer;
      } catch {
        this.open = false;
        if (attempt === this.retries) return 'unreachable';
      }
    }
    return 'timeout';
  }

  private async readAnswer(address: number): Promise<'ack' | 'nak' | 'timeout'> {
    const deadline = Date.now() + this.timeoutMs;
    for (;;) {
      const left = deadline - Date.now();
      if (left <= 0) return 'timeout';
      const b = await this.transport.readByte(left);
      if (b === null) return 'timeout';
      if (b !== ACK && b !== NAK) continue;
      const addr = await this.transport.readByte(Math.max(1, deadline - Date.now()));
      if (addr === address) return b === ACK ? 'ack' : 'nak';
    }
  }

  async close(): Promise<void> {
    await this.queue;
    await this.transport.close().catch(() => undefined);
    this.open = false;
  }
}
