import type { EventData, EventType, JournalEvent } from '../contract/index.ts';
import { appendEvent, eventsAfter, headSeq } from '../../db/events.ts';
import type { Db } from '../../db/open.ts';
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
  waiters: { resolve: () => void; reject: (err: Error) => void }[];
}

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

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly log: Log = stderrLog,
  ) {
    this.inSavepoint = db.transaction((fn: () => unknown) => fn()) as <T>(fn: () => T) => T;
  }

  write<T>(fn: () => T): T {
    if (this.writing) return fn();
    if (!this.batch) this.openBatch();
    const batch = this.batch!;
    const mark = batch.events.length;
    this.writing = true;
    try {
      return this.inSavepoint(fn);
    } catch (err) {
      batch.events.length = mark;
      throw err;
    } finally {
      this.writing = false;
    }
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

  private openBatch(): void {
    beginWrite(this.db);
    this.batch = { events: [], waiters: [] };
    setImmediate(() => this.commit());
  }

  private commit(): void {
    const batch = this.batch;
    if (!batch) return;
    this.batch = null;
    try {
      commitWrite(this.db);
    } catch (err) {
      this.log.error({ err }, 'journal: commit failed; the batch is rolled back and its callers are told');
      this.lastCommitError = { at: this.clock(), message: (err as Error).message };
      rollbackWrite(this.db);
      for (const w of batch.waiters) w.reject(err as Error);
      return;
    }
    this.lastCommitAt = this.clock();
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
