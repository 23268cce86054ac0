// An ESC/POS printer on TCP for tests and for trying the kiosk without a printer: it answers
// DLE EOT with a state you set, and turns every job it receives into a picture.
import { createServer, type Server, type Socket } from 'node:net';
import { EscPosDecoder, type PaperItem } from './decode.ts';
import { paperBitmap } from './paper.ts';
import { bitmapToPng, type Bitmap } from '../../hardware/printer/raster.ts';
import { statusReply, type PrinterStatus } from '../../hardware/printer/status.ts';

export interface EmulatorState extends PrinterStatus {
  /** Answer no status request at all (a printer that is on the network but hung). */
  silent: boolean;
  /** Read at most this many bytes per second (0 = as fast as they come). */
  slowBytesPerSec: number;
  /** Close the connection after receiving this many bytes of a job (0 = never). */
  dropAfterBytes: number;
  /** Run out of paper after receiving this many bytes of a job (0 = never). */
  paperOutAfterBytes: number;
  /** Open the cover after receiving this many bytes of a job (0 = never). */
  coverOpenAfterBytes: number;
  /** Like Epson printers: answer DLE EOT n wherever it appears in the stream, even inside raster data. */
  realtimeInRaster: boolean;
  /** Stop reading for `stallMs` after receiving this many bytes of a job (0 = never): a jammed buffer. */
  stallAfterBytes: number;
  stallMs: number;
  /**
   * A printer with a small receive buffer whose head prints this many mm/s (0 = prints at once).
   * It takes in bytes only while its buffer (`bufferBytes`) has room, so the rest waits in the
   * network (TCP backpressure); it answers DLE EOT when the request enters the buffer, as a real
   * printer does, i.e. only once the head has made room for it. Raster paper: 1 mm at 8 dots/mm
   * is `widthDots` bytes, so the head takes `printMmPerSec × widthDots` bytes a second.
   */
  printMmPerSec: number;
  bufferBytes: number;
  /** A slow printer that answers DLE EOT only when its head reaches the request (some clones), not when it takes it in. */
  answersWhenPrinted: boolean;
}

export const readyState: EmulatorState = {
  online: true,
  coverOpen: false,
  paperOut: false,
  paperNearEnd: false,
  error: false,
  silent: false,
  slowBytesPerSec: 0,
  dropAfterBytes: 0,
  paperOutAfterBytes: 0,
  coverOpenAfterBytes: 0,
  realtimeInRaster: false,
  stallAfterBytes: 0,
  stallMs: 0,
  printMmPerSec: 0,
  bufferBytes: 4096,
  answersWhenPrinted: false,
};

/** A connection's bytes in a slow printer: waiting in the network, then taken into the buffer, then printed. */
interface SlowConn {
  socket: Socket;
  /** Read from the socket but not yet taken in: still "in the network" (dropped by a reset). */
  waiting: Buffer[];
  /** Taken into the printer's buffer, not yet printed. */
  buffered: Buffer[];
  /** The other side sent everything (end) or reset the connection. */
  closed: boolean;
  /** Takes `part` into the buffer: real-time requests answered now. */
  takeIn(part: Buffer): void;
  /** The head prints `part`. */
  print(part: Buffer): void;
  /** Everything taken in is printed and the connection is over. */
  done(): void;
}

export interface PrintedJob {
  items: PaperItem[];
  cut: boolean;
  bytes: number;
  /** When the last byte of the job arrived (performance.now() of this process). */
  lastByteAt: number;
  /** When its last dot was printed (a slow printer prints long after the bytes arrived). */
  printedAt: number;
  /** Only what was printed: nothing is printed while the printer is in a fault state. */
  bitmap: Bitmap;
  png(): Buffer;
  texts: string[];
  qrPayloads: string[];
  statusRequests: number[];
}

export class PrinterEmulator {
  state: EmulatorState = { ...readyState };
  readonly jobs: PrintedJob[] = [];
  /** Every DLE EOT request received, across jobs and connections. */
  readonly statusRequests: number[] = [];
  private server: Server | null = null;
  private readonly waiters: ((job: PrintedJob) => void)[] = [];
  private readonly sockets = new Set<Socket>();
  /** A slow printer's connections in arrival order: one head prints them one after another. */
  private readonly slow: SlowConn[] = [];
  private head: NodeJS.Timeout | null = null;
  private headAt = 0;
  private headCredit = 0;

  constructor(readonly widthDots = 576) {}

  async listen(port = 0, host = '127.0.0.1'): Promise<number> {
    this.server = createServer((s) => this.accept(s));
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, host, () => resolve());
    });
    return (this.server.address() as { port: number }).port;
  }

  set(patch: Partial<EmulatorState>): void {
    this.state = { ...this.state, ...patch };
  }

  /** The next job to finish (by a cut or the connection closing). */
  nextJob(timeoutMs = 5000): Promise<PrintedJob> {
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('no print job arrived')), timeoutMs);
      this.waiters.push((job) => {
        clearTimeout(t);
        resolve(job);
      });
    });
  }

  private accept(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    let items: PaperItem[] = [];
    let received = 0;
    let lastByteAt = 0;
    let statusRequests: number[] = [];
    let prev = -1;
    let pendingEot = false;
    /** Set while this connection goes through a slow printer's buffer and head. */
    let slowConn: SlowConn | null = null;
    const finish = (cut: boolean) => {
      if (items.length === 0 && !cut) return;
      const width = this.widthDots;
      const done = items;
      const bitmap = paperBitmap(done, width);
      const job: PrintedJob = {
        items: done,
        cut,
        bytes: received,
        lastByteAt,
        printedAt: performance.now(),
        bitmap,
        png: () => bitmapToPng(bitmap),
        statusRequests,
        texts: done.flatMap((i) => (i.kind === 'text' ? [i.text] : [])),
        qrPayloads: done.flatMap((i) => (i.kind === 'qr' ? [i.payload] : [])),
      };
      items = [];
      received = 0;
      statusRequests = [];
      this.jobs.push(job);
      for (const w of this.waiters.splice(0)) w(job);
    };
    const decoder = new EscPosDecoder({
      item: (item) => {
        const s = this.state;
        if (!s.online || s.paperOut || s.coverOpen || s.error) return; // a stopped printer prints nothing
        if (item.kind === 'cut') finish(true);
        else items.push(item);
      },
      statusRequest: (n) => {
        if (this.state.realtimeInRaster || (slowConn && !this.state.answersWhenPrinted)) return; // answered where the bytes are taken in (below), parsed or not
        statusRequests.push(n);
        this.statusRequests.push(n);
        if (!this.state.silent && !socket.destroyed) socket.write(Uint8Array.of(statusReply(n, this.state)));
      },
      unknown: () => undefined,
    });
    const consume = (chunk: Buffer) => {
      if (socket.destroyed && !slowConn) return;
      const s = this.state;
      // A dropped connection loses everything past the drop point, status requests included.
      const drop = s.dropAfterBytes > 0 && received + chunk.length >= s.dropAfterBytes;
      const part = drop ? chunk.subarray(0, Math.max(0, s.dropAfterBytes - received)) : chunk;
      received += part.length;
      lastByteAt = performance.now();
      if ((s.realtimeInRaster || (slowConn && !s.answersWhenPrinted)) && !s.silent) {
        for (const b of part) {
          if (prev === 0x10 && b === 0x04) pendingEot = true;
          else if (pendingEot) {
            pendingEot = false;
            if (b >= 1 && b <= 4) {
              statusRequests.push(b);
              this.statusRequests.push(b);
              if (!socket.destroyed) socket.write(Uint8Array.of(statusReply(b, this.state)));
            }
          }
          prev = b;
        }
      }
      if (s.paperOutAfterBytes > 0 && received >= s.paperOutAfterBytes) this.set({ paperOut: true, paperOutAfterBytes: 0 });
      if (s.coverOpenAfterBytes > 0 && received >= s.coverOpenAfterBytes) this.set({ coverOpen: true, coverOpenAfterBytes: 0 });
      if (slowConn) slowConn.buffered.push(part);
      else decoder.push(part);
      if (drop) socket.destroy();
    };
    socket.on('data', (chunk: Buffer) => {
      if (slowConn || this.state.printMmPerSec > 0) {
        slowConn ??= this.slowConn(
          socket,
          consume,
          (part) => decoder.push(part),
          () => {
            decoder.end();
            finish(false);
          },
        );
        slowConn.waiting.push(chunk);
        this.takeIn();
        return;
      }
      const st = this.state;
      if (st.stallAfterBytes > 0 && received + chunk.length >= st.stallAfterBytes) {
        // Takes in up to the stall point, then reads nothing for a while: the rest waits in the
        // network buffers, as with a printer whose buffer is full.
        const head = chunk.subarray(0, Math.max(0, st.stallAfterBytes - received));
        const rest = chunk.subarray(head.length);
        this.set({ stallAfterBytes: 0 });
        consume(head);
        socket.pause();
        setTimeout(() => {
          if (!socket.destroyed) {
            consume(rest);
            socket.resume();
          }
        }, st.stallMs);
        return;
      }
      const rate = this.state.slowBytesPerSec;
      if (rate > 0) {
        socket.pause();
        setTimeout(
          () => {
            consume(chunk);
            socket.resume();
          },
          (chunk.length / rate) * 1000,
        );
      } else consume(chunk);
    });
    socket.on('error', () => undefined);
    socket.on('end', () => {
      if (slowConn) {
        slowConn.closed = true;
        this.takeIn();
        return;
      }
      decoder.end();
      finish(false);
    });
    socket.on('close', () => {
      if (!slowConn || slowConn.closed) return;
      // A reset: what was still in the network is lost; what the buffer holds still prints.
      slowConn.closed = true;
      slowConn.waiting = [];
      this.takeIn();
    });
  }

  private slowConn(socket: Socket, takeIn: (part: Buffer) => void, print: (part: Buffer) => void, done: () => void): SlowConn {
    const conn: SlowConn = { socket, waiting: [], buffered: [], closed: false, takeIn, print, done };
    this.slow.push(conn);
    return conn;
  }

  private bufferedBytes(): number {
    let n = 0;
    for (const c of this.slow) for (const b of c.buffered) n += b.length;
    return n;
  }

  /** Takes waiting bytes into the buffer while it has room; a connection with bytes left waits unread. */
  private takeIn(): void {
    let room = Math.max(0, this.state.bufferBytes - this.bufferedBytes());
    for (const c of this.slow) {
      while (room > 0 && c.waiting.length > 0) {
        const first = c.waiting[0]!;
        const part = first.subarray(0, room);
        if (part.length === first.length) c.waiting.shift();
        else c.waiting[0] = first.subarray(part.length);
        room -= part.length;
        c.takeIn(part);
      }
      if (!c.socket.destroyed) {
        if (c.waiting.length > 0) c.socket.pause();
        else c.socket.resume();
      }
    }
    this.runHead();
  }

  /** The head: prints the oldest connection's buffered bytes at the printer's speed. */
  private runHead(): void {
    for (;;) {
      const c = this.slow[0];
      if (!c || c.buffered.length > 0 || !c.closed || c.waiting.length > 0) break;
      this.slow.shift();
      c.done();
    }
    if (this.head || this.slow.length === 0) return;
    this.headAt = performance.now();
    this.headCredit = 0;
    this.head = setInterval(() => this.printSome(), 5);
    this.head.unref();
  }

  private printSome(): void {
    const now = performance.now();
    const s = this.state;
    const stopped = !s.online || s.paperOut || s.coverOpen || s.error;
    // A stopped printer prints nothing and its buffer stays full; a fast one prints the rest at once.
    const rate = s.printMmPerSec > 0 ? s.printMmPerSec * this.widthDots : Number.POSITIVE_INFINITY;
    this.headCredit = stopped ? 0 : Math.min(this.headCredit + ((now - this.headAt) / 1000) * rate, Number.MAX_SAFE_INTEGER);
    this.headAt = now;
    for (const c of this.slow) {
      while (this.headCredit >= 1 && c.buffered.length > 0) {
        const first = c.buffered[0]!;
        const part = first.subarray(0, Math.floor(this.headCredit));
        if (part.length === first.length) c.buffered.shift();
        else c.buffered[0] = first.subarray(part.length);
        this.headCredit -= part.length;
        c.print(part);
      }
      if (c.buffered.length > 0) break; // one head: the next connection waits for this one
    }
    if (this.bufferedBytes() === 0) this.headCredit = 0; // an idle head saves up no speed
    if (this.slow.every((c) => c.buffered.length === 0 && c.waiting.length === 0) && this.head) {
      clearInterval(this.head);
      this.head = null;
    }
    this.takeIn();
  }

  async close(): Promise<void> {
    if (this.head) clearInterval(this.head);
    this.head = null;
    this.slow.length = 0;
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
