import { command, query, type Db, type ReadableDB } from './open.ts';

export interface RatingRecord {
  id: number;
  ticketId: number;
  counterId: number | null;
  staffId: number | null;
  fieldId: number;
  serviceDay: string;
  at: number;
  level: number;
  reasons: string[];
  /** What the citizen chose to write, if anything. */
  comment: string | null;
  prevHash: string;
  hash: string;
}

interface RatingRow {
  id: number;
  ticket_id: number;
  counter_id: number | null;
  staff_id: number | null;
  field_id: number;
  service_day: string;
  at: number;
  level: number;
  reasons: string;
  comment: string | null;
  prev_hash: string;
  hash: string;
}

function rowToRating(r: RatingRow): RatingRecord {
  return {
    id: r.id,
    ticketId: r.ticket_id,
    counterId: r.counter_id,
    staffId: r.staff_id,
    fieldId: r.field_id,
    serviceDay: r.service_day,
    at: r.at,
    level: r.level,
    // written by insertRating from a string[]; the ratings chain's hash covers it
    reasons: JSON.parse(r.reasons) as string[],
    comment: r.comment,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

export function lastRatingHash(db: ReadableDB): string | null {
  const r = query<[], { hash: string }>(db, 'SELECT hash FROM ratings ORDER BY id DESC LIMIT 1').get();
  return r?.hash ?? null;
}

export function insertRating(db: Db, r: Omit<RatingRecord, 'id'>): number {
  return Number(
    command<[number, number | null, number | null, number, string, number, number, string, string | null, string, string]>(
      db,
      `INSERT INTO ratings (ticket_id, counter_id, staff_id, field_id, service_day, at, level, reasons, comment, prev_hash, hash)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      r.ticketId,
      r.counterId,
      r.staffId,
      r.fieldId,
      r.serviceDay,
      r.at,
      r.level,
      JSON.stringify(r.reasons),
      r.comment,
      r.prevHash,
      r.hash,
    ).lastInsertRowid,
  );
}

export function ratingForTicket(db: ReadableDB, ticketId: number): RatingRecord | undefined {
  const r = query<[number], RatingRow>(db, 'SELECT * FROM ratings WHERE ticket_id = ?').get(ticketId);
  return r && rowToRating(r);
}

/** Every rating in order, a page at a time, for walking the chain without loading a year at once. */
export function ratingsAfter(db: ReadableDB, afterId: number, limit: number): RatingRecord[] {
  return query<[number, number], RatingRow>(db, 'SELECT * FROM ratings WHERE id > ? ORDER BY id LIMIT ?')
    .all(afterId, limit)
    .map(rowToRating);
}
