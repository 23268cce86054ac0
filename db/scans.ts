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

export interface AppointmentRecord {
  id: number;
  code: string;
  codeHash: string;
  fieldId: number;
  serviceDay: string;
  startsAt: number;
  endsAt: number;
  priority: boolean;
  createdAt: number;
  createdBy: number | null;
  /** The ticket it was checked in with, if it was. */
  ticketId: number | null;
  ticketNumber: number | null;
  usedAt: number | null;
}

interface AppointmentRow {
  id: number;
  code: string;
  code_hash: string;
  field_id: number;
  service_day: string;
  starts_at: number;
  ends_at: number;
  priority: number;
  created_at: number;
  created_by: number | null;
  ticket_id: number | null;
  ticket_number: number | null;
  used_at: number | null;
}

const APPOINTMENT = `SELECT a.*, u.ticket_id, u.used_at, t.number AS ticket_number FROM appointments a
  LEFT JOIN appointment_uses u ON u.code_hash = a.code_hash LEFT JOIN tickets t ON t.id = u.ticket_id`;

function rowToAppointment(r: AppointmentRow): AppointmentRecord {
  return {
    id: r.id,
    code: r.code,
    codeHash: r.code_hash,
    fieldId: r.field_id,
    serviceDay: r.service_day,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    priority: r.priority === 1,
    createdAt: r.created_at,
    createdBy: r.created_by,
    ticketId: r.ticket_id,
    ticketNumber: r.ticket_number,
    usedAt: r.used_at,
  };
}

export function insertAppointment(
  db: Db,
  a: Pick<
    AppointmentRecord,
    'code' | 'codeHash' | 'fieldId' | 'serviceDay' | 'startsAt' | 'endsAt' | 'priority' | 'createdAt' | 'createdBy'
  >,
): AppointmentRecord {
  const info = command<[string, string, number, string, number, number, number, number, number | null]>(
    db,
    `INSERT INTO appointments (code, code_hash, field_id, service_day, starts_at, ends_at, priority, created_at, created_by)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(a.code, a.codeHash, a.fieldId, a.serviceDay, a.startsAt, a.endsAt, a.priority ? 1 : 0, a.createdAt, a.createdBy);
  // the row exists: inserted just above on the same connection
  return getAppointment(db, Number(info.lastInsertRowid))!;
}

export function appointmentByHash(db: ReadableDB, codeHash: string): AppointmentRecord | undefined {
  const r = query<[string], AppointmentRow>(db, `${APPOINTMENT} WHERE a.code_hash = ?`).get(codeHash);
  return r && rowToAppointment(r);
}

export function getAppointment(db: ReadableDB, id: number): AppointmentRecord | undefined {
  const r = query<[number], AppointmentRow>(db, `${APPOINTMENT} WHERE a.id = ?`).get(id);
  return r && rowToAppointment(r);
}

export function appointmentsOfDay(db: ReadableDB, serviceDay: string): AppointmentRecord[] {
  return query<[string], AppointmentRow>(db, `${APPOINTMENT} WHERE a.service_day = ? ORDER BY a.starts_at, a.id`)
    .all(serviceDay)
    .map(rowToAppointment);
}
