import { command, query, type Db, type ReadableDB } from './open.ts';

export function ticketsForPerson(db: ReadableDB, serviceDay: string, personHash: string): number {
  const r = query<[string, string], { tickets: number }>(
    db,
    'SELECT tickets FROM person_day_counts WHERE service_day = ? AND person_hash = ?',
  ).get(serviceDay, personHash);
  return r?.tickets ?? 0;
}

export function countTicketForPerson(db: Db, serviceDay: string, personHash: string): void {
  command<[string, string]>(
    db,
    `INSERT INTO person_day_counts (service_day, person_hash, tickets) VALUES (?, ?, 1)
      ON CONFLICT(service_day, person_hash) DO UPDATE SET tickets = tickets + 1`,
  ).run(serviceDay, personHash);
}

/** Forgets every earlier day's hashes. */
export function purgePersonCountsBefore(db: Db, serviceDay: string): number {
  return command<[string]>(db, 'DELETE FROM person_day_counts WHERE service_day < ?').run(serviceDay).changes;
}

export function appointmentUsed(db: ReadableDB, codeHash: string): boolean {
  return query<[string], unknown>(db, 'SELECT 1 FROM appointment_uses WHERE code_hash = ?').get(codeHash) !== undefined;
}

export function markAppointmentUsed(db: Db, codeHash: string, ticketId: number, now: number): void {
  command<[string, number, number]>(db, 'INSERT INTO appointment_uses (code_hash, ticket_id, used_at) VALUES (?, ?, ?)').run(
    codeHash,
    ticketId,
    now,
  );
}
