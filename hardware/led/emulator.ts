// LED boards on a TCP "serial server", for tests: records every frame byte for byte and answers
// like the boards would (or not at all).
import { createServer, type Server, type Socket } from 'node:net';
import { ACK, FrameDecoder, NAK, type Decoded } from './frames.ts';

export class LedBoardEmulator {
  readonly received: Decoded[] = [];
  readonly rawBytes: number[] = [];
  /** What each board shows now: number and whether it blinks, by address. */
  readonly boards = new Map<number, { text: string; blinking: boolean }>();
  silent = false;
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();

  async listen(): Promise<number> {
    const server = createServer((s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
      s.on('error', () => undefined);
      const decoder = new FrameDecoder();
      s.on('data', (chunk: Buffer) => {
        this.rawBytes.push(...chunk);
        for (const d of decoder.push(chunk)) {
          this.received.push(d);
          if (d.ok) {
            const { address, command, data } = d.frame;
            if (command === 'N' || command === 'B') this.boards.set(address, { text: data, blinking: command === 'B' });
            if (command === 'C') this.boards.set(address, { text: '', blinking: false });
          }
          if (!this.silent) s.write(Uint8Array.of(d.ok ? ACK : NAK, d.frame.address));
        }
      });
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const bound = server.address();
    if (bound === null || typeof bound === 'string') throw new Error('the emulator listens on a TCP port');
    return bound.port;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
