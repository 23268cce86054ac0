// Work that takes long on a big center runs off the hub's event loop, so a counter's call is never
// kept waiting behind it: a year of statistics (seconds the first time), export files, backups.
// One worker thread with its own connection to the same database (WAL: its reads never block the
// hub's writes). It is started on first use and again after it dies.
import { Worker } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import type { ExportFormat, ExportLayout, StatsReport } from '../contract/index.ts';
import type { ErrorCode } from '../contract/index.ts';
import { HubError } from '../base/errors.ts';
import type { Log } from '../base/log.ts';
import type { StatsRequest, SummaryStore } from '../reports/stats.ts';
import type { DayRollupRow } from '../../db/stats.ts';

/** Messages the hub sends the thread: work to do, or the answer to a `store`. */
export type OffLoopMessage = { id: number; request: OffLoopRequest } | { stored: number; error: string | null };

export type OffLoopRequest =
  | { kind: 'stats'; now: number; query: StatsRequest }
  | { kind: 'export'; now: number; query: StatsRequest; format: ExportFormat; layout: ExportLayout }
  | { kind: 'backup'; file: string };

export interface OffLoopResults {
  stats: StatsReport;
  /** The file as a plain byte array (handed over from the worker, not copied). */
  export: { fileName: string; file: Uint8Array };
  backup: { bytes: number };
}

export type OffLoopReply =
  | { id: number; type: 'progress'; progress: number; stage: string }
  /** The thread made a day summary: the hub (the one writer) stores it, then answers `stored`. */
  | { id: number; type: 'store'; storeId: number; day: string; rows: DayRollupRow[]; readAtSeq: number }
  | { id: number; type: 'done'; value: unknown }
  | { id: number; type: 'error'; code: ErrorCode | null; details?: unknown; message: string };

interface Pending {
  resolve: (value: unknown) => void;
  reject: (err: Error) => void;
  onProgress?: ((progress: number, stage: string) => void) | undefined;
}

/** Where this module runs from: the source (through tsx or vitest) or a bundle (ESM or CommonJS). */
function moduleUrl(): URL {
  return typeof __filename === 'string' ? pathToFileURL(__filename) : new URL(import.meta.url);
}

/** The worker's script: from source, a bootstrap that teaches the thread TypeScript; built, the bundle beside this one. */
function workerScript(): { file: URL; entry: string | null } {
  const here = moduleUrl();
  if (here.pathname.endsWith('.ts')) return { file: new URL('./offLoopBoot.mjs', here), entry: new URL('./offLoopWorker.ts', here).href };
  return { file: new URL('./hub-worker.mjs', here), entry: null };
}

export const OLD_GENERATION_MB = 192;

export class OffLoop {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private closed = false;

  constructor(
    private readonly dbFile: string,
    private readonly summaries: SummaryStore,
    private readonly log: Log,
  ) {}

  run<K extends OffLoopRequest['kind']>(
    request: Extract<OffLoopRequest, { kind: K }>,
    onProgress?: (progress: number, stage: string) => void,
  ): Promise<OffLoopResults[K]> {
    if (this.closed) return Promise.reject(new Error('off-loop worker closed'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      // the worker answers request `id` with this kind's result; the map holds every kind's resolver
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, onProgress });
      this.start().postMessage({ id, request } satisfies OffLoopMessage);
    });
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const script = workerScript();
    // A ceiling on the thread's heap: without one V8 grows it lazily after every burst (a year's
    // rows, a workbook) and the hub keeps that memory; with one it collects sooner. A year of a
    // large center needs about a third of it; past it the thread dies, the request fails with a
    // message and the next one starts a new thread.
    const worker = new Worker(script.file, {
      workerData: { dbFile: this.dbFile, entry: script.entry },
      resourceLimits: { maxOldGenerationSizeMb: OLD_GENERATION_MB },
    });
    worker.unref();
    worker.on('message', (reply: OffLoopReply) => this.receive(reply));
    worker.on('error', (err) => this.log.error({ err }, 'off-loop worker failed'));
    worker.on('exit', (code) => {
      if (this.worker === worker) this.worker = null;
      const err = new Error(`off-loop worker exited (${code})`);
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    });
    this.worker = worker;
    return worker;
  }

  private receive(reply: OffLoopReply): void {
    if (reply.type === 'store') {
      const answer = (error: string | null) => this.worker?.postMessage({ stored: reply.storeId, error } satisfies OffLoopMessage);
      this.summaries.store(reply.day, reply.rows, reply.readAtSeq).then(
        () => answer(null),
        (err: unknown) => {
          this.log.error({ err, day: reply.day }, 'storing a day summary failed');
          answer(err instanceof Error ? err.message : String(err));
        },
      );
      return;
    }
    const p = this.pending.get(reply.id);
    if (!p) return;
    if (reply.type === 'progress') {
      p.onProgress?.(reply.progress, reply.stage);
      return;
    }
    this.pending.delete(reply.id);
    if (reply.type === 'done') p.resolve(reply.value);
    else p.reject(reply.code ? new HubError(reply.code, reply.details) : new Error(reply.message));
  }

  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }
}

/** A file made in the worker arrives as a plain Uint8Array: make it a Buffer again, without a copy. */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
