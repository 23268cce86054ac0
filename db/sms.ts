// Text messages to citizens (#26): the outbox in the hub's database, and the citizens' phone
// numbers in a small database of their own. The numbers are personal data (Nghị định 13/2023):
// kept apart so that backups, exports and the province link (which read the hub's database)
// never hold one, and deleted with their day; `secure_delete` overwrites what a delete frees and
// the rollback journal is removed at each commit, so a deleted number stays nowhere in the file.
// The file also remembers which messages were handed over (`handed`, no number in it): it is not
// in the backups, so a hub restored from one that still has a message queued knows it went.
import Database from 'better-sqlite3';
import { aggregate, command, query, type Db, type ReadableDB } from './open.ts';

declare const numbersBrand: unique symbol;
/** The phone numbers' own database. */
export type NumbersDb = Database.Database & { readonly [numbersBrand]: true };

export function openSmsNumbers(file: string): NumbersDb {
  // The brand exists in types only: this is where the numbers' connection is made.
  const db = new Database(file) as NumbersDb;
  db.pragma('journal_mode = DELETE');
  db.pragma('synchronous = FULL');
  db.pragma('secure_delete = ON');
  db.pragma('busy_timeout = 5000');
  db.exec(`
    CREATE TABLE IF NOT EXISTS numbers (
      ticket_id INTEGER PRIMARY KEY,
      service_day TEXT NOT NULL,
      phone TEXT NOT NULL,
      entered_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX IF NOT EXISTS numbers_by_day ON numbers (service_day);
    CREATE TABLE IF NOT EXISTS handed (
      ticket_id INTEGER NOT NULL,
      service_day TEXT NOT NULL,
      kind TEXT NOT NULL,
      call_no INTEGER NOT NULL,
      PRIMARY KEY (ticket_id, kind, call_no)
    ) STRICT;
  `);
  return db;
}

/** Keeps a ticket's number (one per ticket: a second entry replaces the first). */
export function putNumber(db: NumbersDb, ticketId: number, serviceDay: string, phone: string, at: number): void {
  db.prepare<[number, string, string, number]>(
    `INSERT INTO numbers (ticket_id, service_day, phone, entered_at) VALUES (?, ?, ?, ?)
     ON CONFLICT(ticket_id) DO UPDATE SET phone = excluded.phone, service_day = excluded.service_day, entered_at = excluded.entered_at`,
  ).run(ticketId, serviceDay, phone, at);
}

/** A ticket's number, if it was left for that ticket on its day (a number kept under another day is not its). */
export function numberOf(db: NumbersDb, ticketId: number, serviceDay: string): string | undefined {
  return db
    .prepare<[number, string], { phone: string }>('SELECT phone FROM numbers WHERE ticket_id = ? AND service_day = ?')
    .get(ticketId, serviceDay)?.phone;
}

/** Which ticket and day each number or handed mark is for (never a number): what the hub checks its tickets against. */
export function numberEntries(db: NumbersDb): { ticketId: number; serviceDay: string }[] {
  return db
    .prepare<[], { ticket_id: number; service_day: string }>(
      'SELECT ticket_id, service_day FROM numbers UNION SELECT ticket_id, service_day FROM handed ORDER BY ticket_id',
    )
    .all()
    .map((r) => ({ ticketId: r.ticket_id, serviceDay: r.service_day }));
}

/** Deletes the numbers (and handed marks) of these tickets, all or none; how many numbers went. */
export function deleteNumbers(db: NumbersDb, ticketIds: readonly number[]): number {
  const del = db.prepare<[number]>('DELETE FROM numbers WHERE ticket_id = ?');
  const unmark = db.prepare<[number]>('DELETE FROM handed WHERE ticket_id = ?');
  return db.transaction(() => ticketIds.reduce((n, id) => n + (unmark.run(id), del.run(id).changes), 0))();
}

export interface SmsKey {
  ticketId: number;
  serviceDay: string;
  kind: SmsKind;
  callNo: number;
}

/** A message is about to be handed over: remembered here, where no restore of the hub's database reaches. */
export function markHanded(db: NumbersDb, m: SmsKey): void {
  db.prepare<[number, string, string, number]>(
    'INSERT OR IGNORE INTO handed (ticket_id, service_day, kind, call_no) VALUES (?, ?, ?, ?)',
  ).run(m.ticketId, m.serviceDay, m.kind, m.callNo);
}

/** The sender said it did not go: it may be tried again. */
export function unmarkHanded(db: NumbersDb, m: SmsKey): void {
  db.prepare<[number, string, number]>('DELETE FROM handed WHERE ticket_id = ? AND kind = ? AND call_no = ?').run(
    m.ticketId,
    m.kind,
    m.callNo,
  );
}

/** Whether this message of this ticket's day was ever handed over. */
export function wasHanded(db: NumbersDb, m: SmsKey): boolean {
  return (
    db
      .prepare<[number, string, string, number], { n: number }>(
        'SELECT COUNT(*) AS n FROM handed WHERE ticket_id = ? AND service_day = ? AND kind = ? AND call_no = ?',
      )
      .get(m.ticketId, m.serviceDay, m.kind, m.callNo)?.n === 1
  );
}

/** The tickets of a day that have a number. */
export function ticketsWithNumbers(db: NumbersDb, serviceDay: string): number[] {
  return db
    .prepare<[string], { ticket_id: number }>('SELECT ticket_id FROM numbers WHERE service_day = ? ORDER BY ticket_id')
    .all(serviceDay)
    .map((r) => r.ticket_id);
}

/** Deletes the numbers of the days before `serviceDay` (their tickets' day is over); how many went. */
export function purgeNumbersBefore(db: NumbersDb, serviceDay: string): number {
  const unmark = db.prepare<[string]>('DELETE FROM handed WHERE service_day < ?');
  const del = db.prepare<[string]>('DELETE FROM numbers WHERE service_day < ?');
  return db.transaction(() => (unmark.run(serviceDay), del.run(serviceDay).changes))();
}

// ---- the outbox (the hub's database) ----

export type SmsKind = 'ahead' | 'called';
export type SmsState = 'queued' | 'sending' | 'sent' | 'failed' | 'unknown' | 'dropped';

export interface SmsRecord {
  id: number;
  ticketId: number;
  serviceDay: string;
  kind: SmsKind;
  callNo: number;
  text: string;
  state: SmsState;
  attempts: number;
  nextAt: number;
}

interface SmsRow {
  id: number;
  ticket_id: number;
  service_day: string;
  kind: SmsKind;
  call_no: number;
  text: string;
  state: SmsState;
  attempts: number;
  next_at: number;
}

function rowToSms(r: SmsRow): SmsRecord {
  return {
    id: r.id,
    ticketId: r.ticket_id,
    serviceDay: r.service_day,
    kind: r.kind,
    callNo: r.call_no,
    text: r.text,
    state: r.state,
    attempts: r.attempts,
    nextAt: r.next_at,
  };
}

/** Queues a message unless the same one (ticket, kind, call) was ever queued; whether it was. */
export function queueSms(
  db: Db,
  m: { ticketId: number; serviceDay: string; kind: SmsKind; callNo: number; text: string; at: number },
): boolean {
  return (
    command<[number, string, SmsKind, number, string, number, number]>(
      db,
      `INSERT OR IGNORE INTO sms_outbox (ticket_id, service_day, kind, call_no, text, state, next_at, created_at)
       VALUES (?, ?, ?, ?, ?, 'queued', ?, ?)`,
    ).run(m.ticketId, m.serviceDay, m.kind, m.callNo, m.text, m.at, m.at).changes === 1
  );
}

export function smsQueuedFor(db: ReadableDB, ticketId: number, kind: SmsKind): boolean {
  return (
    aggregate<[number, SmsKind], { n: number }>(db, 'SELECT COUNT(*) AS n FROM sms_outbox WHERE ticket_id = ? AND kind = ?').get(
      ticketId,
      kind,
    ).n > 0
  );
}

/** The next message due, oldest first. */
export function nextDueSms(db: ReadableDB, now: number): SmsRecord | undefined {
  const row = query<[number], SmsRow>(
    db,
    `SELECT * FROM sms_outbox INDEXED BY sms_outbox_due WHERE state = 'queued' AND next_at <= ? ORDER BY next_at, id LIMIT 1`,
  ).get(now);
  return row && rowToSms(row);
}

export function getSms(db: ReadableDB, id: number): SmsRecord | undefined {
  const row = query<[number], SmsRow>(db, 'SELECT * FROM sms_outbox WHERE id = ?').get(id);
  return row && rowToSms(row);
}

/** About to hand the message over: from here on it is never sent again unless the sender says it did not go. */
export function markSmsSending(db: Db, id: number): void {
  command<[number]>(db, `UPDATE sms_outbox SET state = 'sending', attempts = attempts + 1 WHERE id = ? AND state = 'queued'`).run(id);
}

export function finishSms(db: Db, id: number, state: 'sent' | 'failed' | 'unknown' | 'dropped', at: number, failure: string | null): void {
  command<[string, number, string | null, number]>(db, 'UPDATE sms_outbox SET state = ?, done_at = ?, failure = ? WHERE id = ?').run(
    state,
    at,
    failure,
    id,
  );
}

/** Not sent, to be tried again at `nextAt`. */
export function retrySms(db: Db, id: number, nextAt: number, failure: string): void {
  command<[number, string, number]>(db, `UPDATE sms_outbox SET state = 'queued', next_at = ?, failure = ? WHERE id = ?`).run(
    nextAt,
    failure,
    id,
  );
}

/** Messages a stopped hub left `sending`: they may have gone out, so they become `unknown`. */
export function settleInterruptedSms(db: Db, at: number): number {
  return command<[number]>(db, `UPDATE sms_outbox SET state = 'unknown', done_at = ?, failure = 'interrupted' WHERE state = 'sending'`).run(
    at,
  ).changes;
}

/** Queued messages of earlier days are no longer useful (their numbers are gone). */
export function dropSmsBefore(db: Db, serviceDay: string, at: number): number {
  return command<[number, string]>(
    db,
    `UPDATE sms_outbox SET state = 'dropped', done_at = ?, failure = 'day-over' WHERE state = 'queued' AND service_day < ?`,
  ).run(at, serviceDay).changes;
}

export type SmsCounts = Record<SmsState, number>;

/** How many messages of a day are in each state. */
export function smsCounts(db: ReadableDB, serviceDay: string): SmsCounts {
  const counts: SmsCounts = { queued: 0, sending: 0, sent: 0, failed: 0, unknown: 0, dropped: 0 };
  const rows = query<[string], { state: SmsState; n: number }>(
    db,
    'SELECT state, COUNT(*) AS n FROM sms_outbox INDEXED BY sms_outbox_day WHERE service_day = ? GROUP BY state',
  ).all(serviceDay);
  for (const r of rows) counts[r.state] = r.n;
  return counts;
}
