// An ESC/POS printer on TCP for tests and for trying the kiosk without a printer: it answers
// DLE EOT with a state you set, and turns every job it receives into a picture.
import { createServer, type Server, type Socket } from 'node:net';
import { EscPosDecoder, type PaperItem } from './decode.ts';
import { paperBitmap } from './paper.ts';
import { bitmapToPng, type Bitmap } from './raster.ts';
import { statusReply, type PrinterStatus } from './status.ts';

export interface EmulatorState extends PrinterStatus {
  /** Answer no status request at all (a printer that is on the network but hung). */
  silent: boolean;
  /** Read at most this many bytes per second (0 = as fast as they come). */
  slowBytesPerSec: number;
  /** Close the connection after receiving this many bytes of a job (0 = never). */
  dropAfterBytes: number;
  /** Run out of paper after receiving this many bytes of a job (0 = never). */
  paperOutAfterBytes: number;
}

export const readyState: EmulatorState = {
  online: true, coverOpen: false, paperOut: false, paperNearEnd: false, error: false,
  silent: false, slowBytesPerSec: 0, dropAfterBytes: 0, paperOutAfterBytes: 0,
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
      this.waiters.push((job) => { clearTimeout(t); resolve(job); });
    });
  }

  private accept(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    let items: PaperItem[] = [];
    let received = 0;
    let lastByteAt = 0;
    let statusRequests: number[] = [];
    const finish = (cut: boolean) => {
      if (items.length === 0 && !cut) return;
      const width = this.widthDots;
      const done = items;
      const bitmap = paperBitmap(done, width);
      const job: PrintedJob = {
        items: done, cut, bytes: received, lastByteAt, bitmap, png: () => bitmapToPng(bitmap), statusRequests,
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
      if (s.paperOutAfterBytes > 0 && received >= s.paperOutAfterBytes) this.set({ paperOut: true, paperOutAfterBytes: 0 });
      decoder.push(part);
      if (drop) socket.destroy();
    };
    socket.on('data', (chunk: Buffer) => {
      const rate = this.state.slowBytesPerSec;
      if (rate > 0) {
        socket.pause();
        setTimeout(() => { consume(chunk); socket.resume(); }, (chunk.length / rate) * 1000);
      } else consume(chunk);
    });
    socket.on('error', () => undefined);
    socket.on('end', () => { decoder.end(); finish(false); });
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
