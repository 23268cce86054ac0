import { stmt, type Db } from './open.ts';

export function insertPrintJob(db: Db, ticketId: number, deviceId: number | null, now: number): number {
  return Number(stmt(db, `INSERT INTO print_jobs (ticket_id, device_id, status, created_at, updated_at)
      VALUES (?, ?, 'pending', ?, ?)`).run(ticketId, deviceId, now, now).lastInsertRowid);
}
