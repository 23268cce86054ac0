import { stmt, type Db } from './open.ts';

export function ticketsForPerson(db: Db, serviceDay: string, personHash: string): number {
  const r = stmt(db, 'SELECT tickets FROM person_day_counts WHERE service_day = ? AND person_hash = ?').get(serviceDay, personHash) as
    { tickets: number } | undefined;
  return r?.tickets ?? 0;
}

export function countTicketForPerson(db: Db, serviceDay: string, personHash: string): void {
  stmt(
    db,
    `INSERT INTO person_day_counts (service_day, person_hash, tickets) VALUES (?, ?, 1)
      ON CONFLICT(service_day, person_hash) DO UPDATE SET tickets = tickets + 1`,
  ).run(serviceDay, personHash);
}

/** Forgets every earlier day's hashes. */
export function purgePersonCountsBefore(db: Db, serviceDay: string): number {
  return stmt(db, 'DELETE FROM person_day_counts WHERE service_day < ?').run(serviceDay).changes;
}

export function appointmentUsed(db: Db, codeHash: string): boolean {
  return stmt(db, 'SELECT 1 FROM appointment_uses WHERE code_hash = ?').get(codeHash) !== undefined;
}

export function markAppointmentUsed(db: Db, codeHash: string, ticketId: number, now: number): void {
  stmt(db, 'INSERT INTO appointment_uses (code_hash, ticket_id, used_at) VALUES (?, ?, ?)').run(codeHash, ticketId, now);
}
