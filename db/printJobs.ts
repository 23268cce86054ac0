import { aggregate, command, query, type Db, type ReadableDB } from './open.ts';

/** `uncertain`: held by a spooler that may still print it (neither printed nor failed). */
export type PrintJobStatusName = 'pending' | 'printing' | 'printed' | 'failed' | 'uncertain';

export interface PrintJobRecord {
  id: number;
  ticketId: number;
  deviceId: number | null;
  status: PrintJobStatusName;
  attempts: number;
  errorCode: string | null;
  createdAt: number;
  updatedAt: number;
  /** 'en': the citizen chose English at the kiosk; the ticket prints in both languages. */
  lang: 'vi' | 'en';
  /** The job this one reprints, or null for the ticket's first. */
  reprintOf: number | null;
  /** False when printed through a spooler: sent, with no answer from the printer. */
  confirmed: boolean;
  /** The spooler's id for the job (CUPS `queue-123`) once it holds it, else null. */
  spoolerJob: string | null;
}

interface PrintJobRow {
  id: number;
  ticket_id: number;
  device_id: number | null;
  status: PrintJobStatusName;
  attempts: number;
  error_code: string | null;
  created_at: number;
  updated_at: number;
  lang: 'vi' | 'en';
  reprint_of: number | null;
  confirmed: number;
  spooler_job: string | null;
}

function rowToJob(r: PrintJobRow): PrintJobRecord {
  return {
    id: r.id,
    ticketId: r.ticket_id,
    deviceId: r.device_id,
    status: r.status,
    attempts: r.attempts,
    errorCode: r.error_code,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    lang: r.lang,
    reprintOf: r.reprint_of,
    confirmed: r.confirmed === 1,
    spoolerJob: r.spooler_job,
  };
}

export function insertPrintJob(
  db: Db,
  ticketId: number,
  deviceId: number | null,
  now: number,
  opts: { lang?: 'vi' | 'en'; reprintOf?: number | null } = {},
): number {
  return Number(
    command<[number, number | null, number, number, string, number | null]>(
      db,
      `INSERT INTO print_jobs (ticket_id, device_id, status, created_at, updated_at, lang, reprint_of)
      VALUES (?, ?, 'pending', ?, ?, ?, ?)`,
    ).run(ticketId, deviceId, now, now, opts.lang ?? 'vi', opts.reprintOf ?? null).lastInsertRowid,
  );
}

export function getPrintJob(db: ReadableDB, id: number): PrintJobRecord | undefined {
  const r = query<[number], PrintJobRow>(db, 'SELECT * FROM print_jobs WHERE id = ?').get(id);
  return r && rowToJob(r);
}

/** Takes the device's oldest pending job: it becomes 'printing'. */
export function claimNextJob(db: Db, deviceId: number, now: number): PrintJobRecord | undefined {
  const r = query<[number], PrintJobRow>(
    db,
    `SELECT * FROM print_jobs INDEXED BY print_jobs_claim WHERE device_id = ? AND status = 'pending' ORDER BY id LIMIT 1`,
  ).get(deviceId);
  if (!r) return undefined;
  command<[number, number]>(db, `UPDATE print_jobs SET status = 'printing', attempts = attempts + 1, updated_at = ? WHERE id = ?`).run(
    now,
    r.id,
  );
  return { ...rowToJob(r), status: 'printing', attempts: r.attempts + 1, updatedAt: now };
}

export function finishJob(
  db: Db,
  id: number,
  status: 'printed' | 'failed' | 'uncertain',
  errorCode: string | null,
  now: number,
  confirmed = true,
): void {
  command<[string, string | null, number, number, number]>(
    db,
    'UPDATE print_jobs SET status = ?, error_code = ?, updated_at = ?, confirmed = ? WHERE id = ?',
  ).run(status, errorCode, now, confirmed ? 1 : 0, id);
}

/**
 * Jobs left 'printing' since before `before` (their agent died, or is stuck past any printer's
 * timeout) become failed with `reason`, so they can be seen and reprinted. Returns their ids.
 * `keepSpooled`: not those a spooler holds (whose spooler can be asked what became of them).
 */
export function failStuckJobs(db: Db, before: number, reason: string, now: number, keepSpooled = false): number[] {
  const ids = query<[number, number], number>(
    db,
    `SELECT id FROM print_jobs WHERE status = 'printing' AND updated_at < ? AND (? = 0 OR spooler_job IS NULL)`,
  )
    .pluck()
    .all(before, keepSpooled ? 1 : 0);
  const fail = command<[string, number, number]>(
    db,
    `UPDATE print_jobs SET status = 'failed', error_code = ?, updated_at = ? WHERE id = ? AND status = 'printing'`,
  );
  for (const id of ids) fail.run(reason, now, id);
  return ids;
}

export function countJobsForTicket(db: ReadableDB, ticketId: number): number {
  return aggregate<[number], { n: number }>(db, 'SELECT COUNT(*) AS n FROM print_jobs WHERE ticket_id = ?').get(ticketId).n;
}

export function lastJobForTicket(db: ReadableDB, ticketId: number): number | null {
  const r = query<[number], { id: number }>(db, 'SELECT id FROM print_jobs WHERE ticket_id = ? ORDER BY id DESC LIMIT 1').get(ticketId);
  return r?.id ?? null;
}

/** The latest jobs, each with its ticket's number and state (what a manager recognises). */
export function recentJobs(
  db: ReadableDB,
  deviceId: number | null,
  limit: number,
): (PrintJobRecord & { ticketNumber: number; ticketStatus: string })[] {
  return query<[number | null, number | null, number], PrintJobRow & { ticket_number: number; ticket_status: string }>(
    db,
    `SELECT j.*, t.number AS ticket_number, t.status AS ticket_status FROM print_jobs j JOIN tickets t ON t.id = j.ticket_id
      WHERE (? IS NULL OR j.device_id = ?) ORDER BY j.id DESC LIMIT ?`,
  )
    .all(deviceId, deviceId, limit)
    .map((r) => ({ ...rowToJob(r), ticketNumber: r.ticket_number, ticketStatus: r.ticket_status }));
}

/**
 * A job of the ticket that may still come out: pending, printing, or held by a spooler
 * (`uncertain`) and updated since `uncertainSince`. A reprint waits for it.
 */
export function unsettledJobForTicket(db: ReadableDB, ticketId: number, uncertainSince: number): PrintJobRecord | undefined {
  const r = query<[number, number], PrintJobRow>(
    db,
    `SELECT * FROM print_jobs INDEXED BY print_jobs_by_ticket WHERE ticket_id = ?
      AND (status IN ('pending', 'printing') OR (status = 'uncertain' AND updated_at >= ?)) ORDER BY id DESC LIMIT 1`,
  ).get(ticketId, uncertainSince);
  return r && rowToJob(r);
}

/** Stores the spooler's id for a job it now holds (only while the job is being printed). */
export function setSpoolerJob(db: Db, id: number, spoolerJob: string, now: number): boolean {
  return (
    command<[string, number, number]>(db, `UPDATE print_jobs SET spooler_job = ?, updated_at = ? WHERE id = ? AND status = 'printing'`).run(
      spoolerJob,
      now,
      id,
    ).changes === 1
  );
}

/** Jobs a spooler held, not yet known printed or failed: what a hub that restarts asks the spooler about. */
export function spooledJobsInFlight(db: ReadableDB): PrintJobRecord[] {
  return query<[], PrintJobRow>(
    db,
    `SELECT * FROM print_jobs INDEXED BY print_jobs_spooled WHERE spooler_job IS NOT NULL AND status IN ('printing', 'uncertain') ORDER BY id`,
  )
    .all()
    .map(rowToJob);
}
