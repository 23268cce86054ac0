import type { EventData, EventType, JournalEvent } from '../contract/index.ts';
import { appendEvent, eventsAfter, headSeq } from '../../db/events.ts';
import { storageFaultOf, type Db } from '../../db/open.ts';
import { HubError, messageOf } from '../base/errors.ts';
import { beginWrite, commitWrite, rollbackWrite } from '../../db/transactions.ts';
import type { Clock } from '../base/time.ts';
import { stderrLog, type Log } from '../base/log.ts';

export interface EventRefs {
  ticketId?: number | null;
  counterId?: number | null;
  fieldId?: number | null;
  staffId?: number | null;
  deviceId?: number | null;
}

type Listener = (events: readonly JournalEvent[]) => void;

interface Batch {
  events: JournalEvent[];
  waiters: { resolve: () => void; reject: (err: unknown) => void }[];
  /** SQLite rolled the whole batch back (a full disk does, mid-statement): nothing more joins it. */
  lost: unknown;
}

/** Hears of each write the disk refused (full, read-only, failing): see store/storage.ts. */
export type DiskFaultListener = (err: unknown, source: string) => void;

/**
 * Every change the hub makes goes through `write`, with group commit: the first write of an
 * event-loop turn opens an IMMEDIATE transaction, each write runs in its own savepoint inside
 * it (a refusal rolls back only itself), and the whole turn commits with one fsync just after.
 * Nothing leaves the hub before that commit: callers await `settled()` before answering, and
 * journal rows are published to listeners only once committed, so no screen ever sees a change
 * that a crash could take back.
 */
export class Journal {
  private batch: Batch | null = null;
  private writing = false;
  private readonly listeners = new Set<Listener>();
  /** One transaction function for every write (a savepoint, as the batch is open), built once. */
  private readonly inSavepoint: <T>(fn: () => T) => T;

  /** When the last commit failed, and whether one has succeeded since: the disk's health. */
  lastCommitError: { at: number; message: string } | null = null;
  lastCommitAt = 0;
  /** The last commit failed, and not for the disk (the disk's faults are the storage watch's). */
  failingOtherwise = false;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly log: Log = stderrLog,
    private readonly onDiskFault: DiskFaultListener = () => undefined,
  ) {
    // better-sqlite3 types a transaction by the function it wraps: this one returns what fn returns
    this.inSavepoint = db.transaction((fn: () => unknown) => fn()) as <T>(fn: () => T) => T;
  }

  write<T>(fn: () => T): T {
    if (this.writing) return fn();
    const batch = this.batch ?? this.openBatch();
    // Outside a transaction the savepoint would commit on its own, apart from the batch.
    if (batch.lost !== null || !this.db.inTransaction) throw this.refusal(batch.lost ?? transactionLost());
    const mark = batch.events.length;
    this.writing = true;
    try {
      return this.inSavepoint(fn);
    } catch (err) {
      batch.events.length = mark;
      if (!this.db.inTransaction) batch.lost = err;
      throw this.refusal(err);
    } finally {
      this.writing = false;
    }
  }

  /**
   * What a caller is told when the disk refused a write: STORAGE_UNAVAILABLE (the kiosk says it to
   * the citizen), never a 500; any other error as it is.
   */
  private refusal(err: unknown): unknown {
    if (storageFaultOf(err) === null) return err;
    this.onDiskFault(err, 'database');
    return new HubError('STORAGE_UNAVAILABLE');
  }

  /** Resolves once every write made so far is durable (rejects if its commit failed). */
  settled(): Promise<void> {
    const batch = this.batch;
    if (!batch) return Promise.resolve();
    return new Promise((resolve, reject) => batch.waiters.push({ resolve, reject }));
  }

  get pending(): boolean {
    return this.batch !== null;
  }

  private openBatch(): Batch {
    try {
      beginWrite(this.db);
    } catch (err) {
      throw this.refusal(err);
    }
    this.batch = { events: [], waiters: [], lost: null };
    setImmediate(() => this.commit());
    return this.batch;
  }

  private commit(): void {
    const batch = this.batch;
    if (!batch) return;
    this.batch = null;
    try {
      if (batch.lost !== null) throw batch.lost;
      if (!this.db.inTransaction) throw transactionLost();
      commitWrite(this.db);
    } catch (err) {
      this.log.error({ err }, 'journal: commit failed; the batch is rolled back and its callers are told');
      this.lastCommitError = { at: this.clock(), message: messageOf(err) };
      this.failingOtherwise = storageFaultOf(err) === null;
      try {
        rollbackWrite(this.db);
      } catch (rollbackErr) {
        this.log.error({ err: rollbackErr }, 'journal: rollback failed');
      }
      // Nothing of the batch was acknowledged: each caller is refused, none is told "done".
      const told = this.refusal(err);
      for (const w of batch.waiters) w.reject(told);
      return;
    }
    this.lastCommitAt = this.clock();
    this.failingOtherwise = false;
    for (const w of batch.waiters) w.resolve();
    if (batch.events.length > 0) {
      for (const listener of this.listeners) {
        try {
          listener(batch.events);
        } catch (err) {
          this.log.error({ err }, 'journal listener failed');
        }
      }
    }
  }

  record<T extends EventType>(type: T, refs: EventRefs, data: EventData<T>): JournalEvent {
    if (!this.writing || !this.batch) throw new Error(`journal.record(${type}) outside journal.write`);
    const stored = appendEvent(this.db, {
      at: this.clock(),
      type,
      ticketId: refs.ticketId ?? null,
      counterId: refs.counterId ?? null,
      fieldId: refs.fieldId ?? null,
      staffId: refs.staffId ?? null,
      deviceId: refs.deviceId ?? null,
      data,
    });
    const event = eventToWire(stored);
    this.batch.events.push(event);
    return event;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  head(): number {
    return headSeq(this.db);
  }

  after(since: number, limit: number): JournalEvent[] {
    return eventsAfter(this.db, since, limit).map(eventToWire);
  }
}

/**
 * SQLite ends a transaction by itself only after an I/O error, a full disk or no memory (a write on
 * the side that met one, such as a device's last contact, may have swallowed it): an I/O fault.
 */
function transactionLost(): Error {
  return Object.assign(new Error('the write transaction was rolled back by SQLite'), { code: 'SQLITE_IOERR' });
}

/** A stored event as the wire has it (its data was checked against the contract when recorded). */
export function eventToWire(e: {
  seq: number;
  at: number;
  type: string;
  ticketId: number | null;
  counterId: number | null;
  fieldId: number | null;
  staffId: number | null;
  data: unknown;
}): JournalEvent {
  // the pair of type and data was checked against the contract's union when it was recorded
  return {
    seq: e.seq,
    at: e.at,
    type: e.type,
    ticketId: e.ticketId,
    counterId: e.counterId,
    fieldId: e.fieldId,
    staffId: e.staffId,
    data: e.data,
  } as JournalEvent;
}
