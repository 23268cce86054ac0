// Whether the disk under the data folder takes writes. A full or failing disk must not stop the
// center: every writer (the journal's commits, the log file) reports the faults it meets here, the
// hub keeps serving what needs no write, /api/health and the floor say what is wrong, and once a
// probe write goes through again the hub is back by itself, with nobody to restart it.
import { closeSync, fsyncSync, openSync, statfsSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { storageFaultOf, type StorageFault } from '../../db/open.ts';
import type { Clock } from '../base/time.ts';
import type { Log } from '../base/log.ts';

export type { StorageFault };

/** What the disk last said: the fault (since when, in the hub's clock) or null. */
export interface StorageFaultInfo {
  kind: StorageFault;
  since: number;
  message: string;
}

/** A probe writes this much and syncs it: a disk that takes it has room for a batch of tickets. */
const PROBE_BYTES = 64 * 1024;
/** Below this much free space, nothing is written for the probe's sake: it says "full" by itself. */
const PROBE_FLOOR_BYTES = 2 * PROBE_BYTES;

/** Writes, syncs and removes a small file in `dir`; throws what the disk said. */
export function probeWrite(dir: string): void {
  const file = join(dir, '.motcua-write-probe');
  let fd: number | null = null;
  try {
    fd = openSync(file, 'w', 0o600);
    writeSync(fd, Buffer.alloc(PROBE_BYTES));
    fsyncSync(fd);
  } finally {
    if (fd !== null) closeSync(fd);
    try {
      unlinkSync(file);
    } catch {
      /* never made, or the disk refuses even that: the next probe tries again */
    }
  }
}

export function freeBytesOf(dir: string): number | null {
  try {
    const st = statfsSync(dir);
    return st.bavail * st.bsize;
  } catch {
    return null;
  }
}

export class StorageWatch {
  private current: StorageFaultInfo | null = null;
  /** When the disk last came back (the hub's clock); 0 = it never failed. */
  recoveredAt = 0;
  /** Free bytes at the last look (statfs), null where the system cannot say. */
  freeBytes: number | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly dir: string,
    private readonly clock: Clock,
    private readonly log: Log,
    private readonly probe: (dir: string) => void = probeWrite,
  ) {
    this.freeBytes = freeBytesOf(dir);
  }

  get fault(): StorageFaultInfo | null {
    return this.current;
  }

  /**
   * A writer met an error. A disk fault is remembered (a vague I/O error is narrowed by a probe:
   * a read-only or full file system says so to a plain write); any other error is not ours.
   * Returns the fault, or null.
   */
  failed(err: unknown, source: string): StorageFault | null {
    let kind = storageFaultOf(err);
    if (kind === null) return null;
    if (kind === 'io') {
      try {
        this.probe(this.dir);
      } catch (probeErr) {
        kind = storageFaultOf(probeErr) ?? kind;
      }
    }
    const message = err instanceof Error ? err.message : String(err);
    const before = this.current;
    if (before === null || (before.kind === 'io' && kind !== 'io')) {
      this.current = { kind, since: before?.since ?? this.clock(), message };
      // The log may be on the same disk and fail too; its own error handler copes (base/log.ts).
      this.log.error({ source, kind, error: message }, 'storage: the data folder takes no writes; new tickets are refused until it does');
      this.changed();
    }
    return kind;
  }

  /** Looks at the disk now: free space, and while at fault whether a probe write goes through. */
  check(): void {
    this.freeBytes = freeBytesOf(this.dir);
    const low = this.freeBytes !== null && this.freeBytes < PROBE_FLOOR_BYTES;
    if (this.current === null) {
      // Nothing failed yet, but the disk is about full: a probe says whether writes still go through.
      if (low) this.tryProbe();
      return;
    }
    if (low) return;
    try {
      this.probe(this.dir);
    } catch (err) {
      const kind = storageFaultOf(err);
      if (kind !== null && kind !== this.current.kind && this.current.kind === 'io') this.current = { ...this.current, kind };
      return;
    }
    const was = this.current;
    this.current = null;
    this.recoveredAt = this.clock();
    this.log.warn(
      { kind: was.kind, since: new Date(was.since).toISOString(), freeBytes: this.freeBytes },
      'storage: the data folder takes writes again',
    );
    this.changed();
  }

  private tryProbe(): void {
    try {
      this.probe(this.dir);
    } catch (err) {
      this.failed(err, 'probe');
    }
  }

  /** Called when a fault starts or ends. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const l of this.listeners) {
      try {
        l();
      } catch (err) {
        this.log.error({ err }, 'storage listener failed');
      }
    }
  }

  /** Looks every `everyMs` (real time): statfs is cheap; a probe is written only while at fault. */
  start(everyMs: number): void {
    this.timer = setInterval(() => this.check(), everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
