import type { EventData, EventType, JournalEvent } from '../contract/index.ts';
import { appendEvent, eventsAfter, headSeq } from '../../db/events.ts';
import type { Db } from '../../db/open.ts';
import type { Clock } from './time.ts';

export interface EventRefs {
  ticketId?: number | null;
  counterId?: number | null;
  fieldId?: number | null;
  staffId?: number | null;
  deviceId?: number | null;
}

type Listener = (events: readonly JournalEvent[]) => void;

/**
 * Every change the hub makes goes through `write`: one IMMEDIATE transaction whose journal rows
 * are published to listeners only once it has committed, so no screen ever sees a change that
 * a crash could take back.
 */
export class Journal {
  private pending: JournalEvent[] | null = null;
  private readonly listeners = new Set<Listener>();

  constructor(private readonly db: Db, private readonly clock: Clock) {}

  write<T>(fn: () => T): T {
    if (this.pending) return fn();
    this.pending = [];
    let events: JournalEvent[];
    let result: T;
    try {
      result = this.db.transaction(fn).immediate();
      events = this.pending;
    } finally {
      this.pending = null;
    }
    if (events.length > 0) {
      for (const listener of this.listeners) {
        try {
          listener(events);
        } catch (err) {
          console.error('journal listener failed', err);
        }
      }
    }
    return result;
  }

  record<T extends EventType>(type: T, refs: EventRefs, data: EventData<T>): JournalEvent {
    if (!this.pending) throw new Error(`journal.record(${type}) outside journal.write`);
    const stored = appendEvent(this.db, {
      at: this.clock(), type, ticketId: refs.ticketId ?? null, counterId: refs.counterId ?? null,
      fieldId: refs.fieldId ?? null, staffId: refs.staffId ?? null, deviceId: refs.deviceId ?? null, data,
    });
    const event = toWire(stored);
    this.pending.push(event);
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
    return eventsAfter(this.db, since, limit).map(toWire);
  }
}

function toWire(e: { seq: number; at: number; type: string; ticketId: number | null; counterId: number | null; fieldId: number | null; staffId: number | null; data: unknown }): JournalEvent {
  return {
    seq: e.seq, at: e.at, type: e.type, ticketId: e.ticketId, counterId: e.counterId, fieldId: e.fieldId,
    staffId: e.staffId, data: e.data,
  } as JournalEvent;
}
