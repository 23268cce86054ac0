import { aggregate, command, query, type Db, type ReadableDB } from './open.ts';

/** What statistics need of one ticket (and its rating, if any); nothing about the citizen. */
export interface StatsTicketRow {
  issueFieldId: number;
  fieldId: number;
  counterId: number | null;
  staffId: number | null;
  status: string;
  issuedAt: number;
  firstCalledAt: number | null;
  servingAt: number | null;
  calledAt: number | null;
  finishedAt: number | null;
  level: number | null;
  reasons: string | null;
}

/** One summed group of a day: see migration 0040. */
export interface DayRollupRow {
  serviceDay: string;
  issueFieldId: number;
  fieldId: number;
  counterId: number;
  staffId: number;
  issued: number;
  served: number;
  noShow: number;
  cancelled: number;
  serviceN: number;
  serviceMs: number;
  waits: Int32Array;
  hours: Int32Array;
  levels: Int32Array;
  reasons: Record<string, number> | null;
}

/** The service days in [from, to] that have tickets, by one index seek per day. */
export function daysWithTickets(db: ReadableDB, from: string, to: string): string[] {
  const rows = query<{ from: string; to: string }, string>(
    db,
    `WITH RECURSIVE d(day) AS (
        SELECT (SELECT MIN(service_day) FROM tickets WHERE service_day >= @from)
        UNION ALL
        SELECT (SELECT MIN(service_day) FROM tickets WHERE service_day > d.day) FROM d WHERE d.day IS NOT NULL AND d.day <= @to
      ) SELECT day FROM d WHERE day IS NOT NULL AND day <= @to`,
  )
    .pluck()
    .all({ from, to });
  return rows;
}

export function builtDays(db: ReadableDB, from: string, to: string): Set<string> {
  return new Set(
    query<[string, string], string>(db, 'SELECT service_day FROM stats_days_built WHERE service_day BETWEEN ? AND ?').pluck().all(from, to),
  );
}

/**
 * A day's tickets for its figures, one row at a time: a day is summed as it is read, so the memory
 * it takes does not grow with the day (nothing else may use the connection until it is consumed).
 */
export function ticketsForStats(db: Db, serviceDay: string): IterableIterator<StatsTicketRow> {
  return query<[string], StatsTicketRow>(
    db,
    `SELECT t.issue_field_id AS issueFieldId, t.field_id AS fieldId, t.counter_id AS counterId, t.staff_id AS staffId,
        t.status, t.issued_at AS issuedAt, t.first_called_at AS firstCalledAt, t.serving_at AS servingAt, t.called_at AS calledAt,
        t.finished_at AS finishedAt, r.level, r.reasons
      FROM tickets t INDEXED BY tickets_by_day LEFT JOIN ratings r ON r.ticket_id = t.id
      WHERE t.service_day = ?`,
  ).iterate(serviceDay);
}

const HOURS = 24;
const LEVELS = 11;

function pack(r: DayRollupRow): Buffer {
  const a = new Int32Array(HOURS + LEVELS + r.waits.length);
  a.set(r.hours.subarray(0, HOURS), 0);
  a.set(r.levels.subarray(0, LEVELS), HOURS);
  a.set(r.waits, HOURS + LEVELS);
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

function unpack(b: Buffer): Pick<DayRollupRow, 'hours' | 'levels' | 'waits'> {
  // Every platform we ship is little-endian. A view when the blob's buffer is 4-byte aligned
  // (it normally is: each blob gets its own), else a copy.
  const n = b.byteLength >> 2;
  let a: Int32Array;
  if (b.byteOffset % 4 === 0) a = new Int32Array(b.buffer, b.byteOffset, n);
  else {
    a = new Int32Array(n);
    new Uint8Array(a.buffer).set(b.subarray(0, n * 4));
  }
  return { hours: a.subarray(0, HOURS), levels: a.subarray(HOURS, HOURS + LEVELS), waits: a.subarray(HOURS + LEVELS) };
}

/** Replaces a day's summary and marks it current, in the caller's transaction. */
export function replaceDayRollup(db: Db, serviceDay: string, rows: readonly DayRollupRow[], builtAt: number): void {
  command<[string]>(db, 'DELETE FROM stats_days WHERE service_day = ?').run(serviceDay);
  const add = command<[string, number, number, number, number, number, number, number, number, number, number, Buffer, string | null]>(
    db,
    `INSERT INTO stats_days (service_day, issue_field_id, field_id, counter_id, staff_id, issued, served, no_show,
      cancelled, service_n, service_ms, counts, reasons) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const r of rows) {
    add.run(
      serviceDay,
      r.issueFieldId,
      r.fieldId,
      r.counterId,
      r.staffId,
      r.issued,
      r.served,
      r.noShow,
      r.cancelled,
      r.serviceN,
      r.serviceMs,
      pack(r),
      r.reasons ? JSON.stringify(r.reasons) : null,
    );
  }
  command<[string, number]>(db, 'INSERT OR REPLACE INTO stats_days_built (service_day, built_at) VALUES (?, ?)').run(serviceDay, builtAt);
}

/** One stats_days row read raw (as an array: a year is ~100k of them, objects cost more). */
type RawDayRow = [string, number, number, number, number, number, number, number, number, number, number, Buffer, string | null];

/** The summaries of the built days in [from, to]; filters apply to them in one place, with today's. */
export function dayRollups(db: ReadableDB, from: string, to: string): DayRollupRow[] {
  const rows = query<[string, string], RawDayRow>(
    db,
    `SELECT d.service_day, d.issue_field_id, d.field_id, d.counter_id, d.staff_id, d.issued, d.served, d.no_show,
        d.cancelled, d.service_n, d.service_ms, d.counts, d.reasons
      FROM stats_days d JOIN stats_days_built b ON b.service_day = d.service_day
      WHERE d.service_day BETWEEN ? AND ?`,
  )
    .raw()
    .all(from, to);
  return rows.map((r) => ({
    serviceDay: r[0],
    issueFieldId: r[1],
    fieldId: r[2],
    counterId: r[3],
    staffId: r[4],
    issued: r[5],
    served: r[6],
    noShow: r[7],
    cancelled: r[8],
    serviceN: r[9],
    serviceMs: r[10],
    ...unpack(r[11]),
    // stats_days.reasons is written only by replaceDayRollup above, from a Record<string, number>
    reasons: r[12] === null ? null : (JSON.parse(r[12]) as Record<string, number>),
  }));
}

/**
 * Whether any ticket of a service day changed after journal sequence `seq`: every change to a
 * ticket or its rating is journaled with the ticket's id, and the journal after `seq` is short.
 */
export function dayChangedSince(db: ReadableDB, serviceDay: string, seq: number): boolean {
  return (
    query<[number, string], unknown>(
      db,
      `SELECT 1 FROM events e JOIN tickets t ON t.id = e.ticket_id
      WHERE e.seq > ? AND t.service_day = ? LIMIT 1`,
    ).get(seq, serviceDay) !== undefined
  );
}

/** Forgets every stored day summary (they are rebuilt on the next request): for repairs and benchmarks. */
export function dropDaySummaries(db: Db): void {
  command<[]>(db, 'DELETE FROM stats_days_built').run();
  command<[]>(db, 'DELETE FROM stats_days').run();
}

/** One plain pass over a period's tickets: the cost of merely reading them, a benchmark's baseline. */
export function scanTickets(db: ReadableDB, from: string, to: string): { n: number; waitMs: number } {
  return aggregate<[string, string], { n: number; waitMs: number }>(
    db,
    `SELECT COUNT(*) AS n, COALESCE(SUM(first_called_at - issued_at), 0) AS waitMs FROM tickets
      WHERE service_day BETWEEN ? AND ?`,
  ).get(from, to);
}

/** One pause of a counter that began in [from, to): its reason and how long it lasted (until `now` if it goes on). */
export interface PauseRow {
  reason: string | null;
  ms: number;
}

export function pausesBetween(
  db: ReadableDB,
  from: number,
  to: number,
  now: number,
  filter: { counterId: number | null; staffId: number | null },
): PauseRow[] {
  return query<[number, number, number, number | null, number | null, number | null, number | null], PauseRow>(
    db,
    `SELECT json_extract(p.data, '$.counter.pauseReason') AS reason,
        COALESCE((SELECT n.at FROM events n
          WHERE n.counter_id = p.counter_id AND n.type LIKE 'counter:%' AND n.counter_id IS NOT NULL
            AND n.seq > p.seq AND n.type IN ('counter:resumed', 'counter:closed')
          ORDER BY n.seq LIMIT 1), ?) - p.at AS ms
      FROM events p INDEXED BY events_counter_states
      WHERE p.counter_id IS NOT NULL AND p.type LIKE 'counter:%' AND p.type = 'counter:paused' AND p.at >= ? AND p.at < ?
        AND (? IS NULL OR p.counter_id = ?) AND (? IS NULL OR p.staff_id = ?)`,
  ).all(now, from, to, filter.counterId, filter.counterId, filter.staffId, filter.staffId);
}

/**
 * What became of a text message, as the statistics count it (#26). A failure is one of two kinds,
 * which a manager acts on differently: `failed-refused`, refused by the modem or gateway at each
 * try (given up after the last, or still waiting for its next try when its day ended), and
 * `failed-no-retry`, never tried again (a text too long for one message, which no try can mend, or
 * an error the outbox does not retry). `dropped` is what was no longer useful (the ticket moved
 * on, or its day ended before it was first tried); `pending` is queued or being sent.
 */
export type SmsOutcome = 'sent' | 'failed-refused' | 'failed-no-retry' | 'unknown' | 'dropped' | 'pending';

/** Text messages to citizens (#26) of one day, field and outcome: how many. */
export interface SmsCountRow {
  serviceDay: string;
  /** The field whose number the ticket got (issue_field_id): the message names that number. */
  fieldId: number;
  outcome: SmsOutcome;
  n: number;
}

/**
 * The outbox's messages of the service days in [from, to], counted by day, field and outcome. The
 * outbox holds no phone number (they live in a file of their own), and only counts leave here.
 * A `failed` message was refused at each try when it had more than one (main/hub/smsOutbox.ts
 * tries again only after a refusal, and gives up after the fourth try), unless its failure is
 * `too-long`; a message still queued at its day's end (`day-over`) after a try had been refused.
 */
export function smsCountsBetween(db: ReadableDB, from: string, to: string): SmsCountRow[] {
  return query<[string, string], SmsCountRow>(
    db,
    `SELECT o.service_day AS serviceDay, t.issue_field_id AS fieldId,
        CASE
          WHEN o.state IN ('queued', 'sending') THEN 'pending'
          WHEN o.state = 'failed' AND (o.failure = 'too-long' OR o.attempts <= 1) THEN 'failed-no-retry'
          WHEN o.state = 'failed' THEN 'failed-refused'
          WHEN o.state = 'dropped' AND o.failure = 'day-over' AND o.attempts > 0 THEN 'failed-refused'
          ELSE o.state
        END AS outcome,
        COUNT(*) AS n
      FROM sms_outbox o INDEXED BY sms_outbox_day JOIN tickets t ON t.id = o.ticket_id
      WHERE o.service_day BETWEEN ? AND ?
      GROUP BY o.service_day, t.issue_field_id, outcome`,
  ).all(from, to);
}
