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
};

export interface PrintedJob {
  items: PaperItem[];
  cut: boolean;
  bytes: number;
  /** When the last byte of the job arrived (performance.now() of this process). */
  lastByteAt: number;
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
        if (this.state.realtimeInRaster) return; // the raw scan below counts and answers every DLE EOT, parsed or not
        statusRequests.push(n);
        this.statusRequests.push(n);
        if (!this.state.silent) socket.write(Uint8Array.of(statusReply(n, this.state)));
      },
      unknown: () => undefined,
    });
    const consume = (chunk: Buffer) => {
      if (socket.destroyed) return;
      const s = this.state;
      // A dropped connection loses everything past the drop point, status requests included.
      const drop = s.dropAfterBytes > 0 && received + chunk.length >= s.dropAfterBytes;
      const part = drop ? chunk.subarray(0, Math.max(0, s.dropAfterBytes - received)) : chunk;
      received += part.length;
      lastByteAt = performance.now();
      if (s.realtimeInRaster && !s.silent) {
        for (const b of part) {
          if (prev === 0x10 && b === 0x04) pendingEot = true;
          else if (pendingEot) {
            pendingEot = false;
            if (b >= 1 && b <= 4) {
              statusRequests.push(b);
              this.statusRequests.push(b);
              socket.write(Uint8Array.of(statusReply(b, this.state)));
            }
          }
          prev = b;
        }
      }
      if (s.paperOutAfterBytes > 0 && received >= s.paperOutAfterBytes) this.set({ paperOut: true, paperOutAfterBytes: 0 });
      if (s.coverOpenAfterBytes > 0 && received >= s.coverOpenAfterBytes) this.set({ coverOpen: true, coverOpenAfterBytes: 0 });
      decoder.push(part);
      if (drop) socket.destroy();
    };
    socket.on('data', (chunk: Buffer) => {
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
      decoder.end();
      finish(false);
    });
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
