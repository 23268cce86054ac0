import { command, query, type Db, type ReadableDB } from './open.ts';

export interface EventRecord {
  seq: number;
  at: number;
  type: string;
  ticketId: number | null;
  counterId: number | null;
  fieldId: number | null;
  staffId: number | null;
  deviceId: number | null;
  data: unknown;
}

interface EventRow {
  seq: number;
  at: number;
  type: string;
  ticket_id: number | null;
  counter_id: number | null;
  field_id: number | null;
  staff_id: number | null;
  device_id: number | null;
  data: string;
}

function rowToEvent(r: EventRow): EventRecord {
  return {
    seq: r.seq,
    at: r.at,
    type: r.type,
    ticketId: r.ticket_id,
    counterId: r.counter_id,
    fieldId: r.field_id,
    staffId: r.staff_id,
    deviceId: r.device_id,
    data: JSON.parse(r.data) as unknown,
  };
}

/** Appends to the journal; call inside the transaction of the change it records. */
export function appendEvent(db: Db, e: Omit<EventRecord, 'seq'>): EventRecord {
  const info = command<[number, string, number | null, number | null, number | null, number | null, number | null, string]>(
    db,
    `INSERT INTO events (at, type, ticket_id, counter_id, field_id, staff_id, device_id, data)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(e.at, e.type, e.ticketId, e.counterId, e.fieldId, e.staffId, e.deviceId, JSON.stringify(e.data));
  return { ...e, seq: Number(info.lastInsertRowid) };
}

export function eventsAfter(db: ReadableDB, since: number, limit: number): EventRecord[] {
  return query<[number, number], EventRow>(db, 'SELECT * FROM events WHERE seq > ? ORDER BY seq LIMIT ?').all(since, limit).map(rowToEvent);
}

export function headSeq(db: ReadableDB): number {
  return query<[], { s: number }>(db, 'SELECT COALESCE(MAX(seq), 0) AS s FROM events').get()!.s;
}

/** Whether a ticket's journal has an event of this type (uses the per-ticket index). */
export function ticketHasEvent(db: ReadableDB, ticketId: number, type: string): boolean {
  return (
    query<[number, string], unknown>(db, 'SELECT 1 FROM events WHERE ticket_id = ? AND type = ? LIMIT 1').get(ticketId, type) !== undefined
  );
}
