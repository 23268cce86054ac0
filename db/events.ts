import { aggregate, command, fromJson, query, type Db, type ReadableDB } from './open.ts';

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
    data: fromJson(r.data),
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
  return aggregate<[], { s: number }>(db, 'SELECT COALESCE(MAX(seq), 0) AS s FROM events').get().s;
}

/** The time of the journal's last event, or null for an empty journal: hub time never starts below it. */
export function lastEventAt(db: ReadableDB): number | null {
  return query<[], { at: number }>(db, 'SELECT at FROM events ORDER BY seq DESC LIMIT 1').get()?.at ?? null;
}

/** A ticket's latest event of a type, if any (uses the per-ticket index). */
export function lastTicketEvent(db: ReadableDB, ticketId: number, type: string): EventRecord | undefined {
  const r = query<[number, string], EventRow>(
    db,
    'SELECT * FROM events INDEXED BY events_by_ticket WHERE ticket_id = ? AND type = ? ORDER BY seq DESC LIMIT 1',
  ).get(ticketId, type);
  return r && rowToEvent(r);
}

/** Whether a ticket's journal has an event of this type (uses the per-ticket index). */
export function ticketHasEvent(db: ReadableDB, ticketId: number, type: string): boolean {
  return (
    query<[number, string], unknown>(db, 'SELECT 1 FROM events WHERE ticket_id = ? AND type = ? LIMIT 1').get(ticketId, type) !== undefined
  );
}

/** The journal for the audit screen: newest first, filtered, a page at a time (`beforeSeq` pages back). */
export function auditEvents(
  db: ReadableDB,
  f: {
    from: number;
    to: number;
    types: readonly string[] | null;
    staffId: number | null;
    ticketNumber: number | null;
    beforeSeq: number | null;
    limit: number;
  },
): EventRecord[] {
  return query<
    [
      number,
      number,
      number | null,
      number | null,
      string | null,
      string | null,
      number | null,
      number | null,
      number | null,
      number | null,
      number,
    ],
    EventRow
  >(
    db,
    `SELECT e.* FROM events e INDEXED BY events_by_at
      WHERE e.at >= ? AND e.at < ?
        AND (? IS NULL OR e.seq < ?)
        AND (? IS NULL OR e.type IN (SELECT value FROM json_each(?)))
        AND (? IS NULL OR e.staff_id = ?)
        AND (? IS NULL OR e.ticket_id IN (SELECT id FROM tickets WHERE number = ?))
      ORDER BY e.seq DESC LIMIT ?`,
  )
    .all(
      f.from,
      f.to,
      f.beforeSeq,
      f.beforeSeq,
      f.types && JSON.stringify(f.types),
      f.types && JSON.stringify(f.types),
      f.staffId,
      f.staffId,
      f.ticketNumber,
      f.ticketNumber,
      f.limit,
    )
    .map(rowToEvent);
}
