import { aggregate, command, query, type Db, type ReadableDB } from './open.ts';

export type TicketStatusName = 'waiting' | 'called' | 'serving' | 'done' | 'no_show' | 'cancelled';
export type TicketSourceName = 'kiosk' | 'scan' | 'appointment' | 'staff';

export interface TicketRecord {
  id: number;
  serviceDay: string;
  issueFieldId: number;
  number: number;
  fieldId: number;
  priority: boolean;
  source: TicketSourceName;
  status: TicketStatusName;
  issuedAt: number;
  queuedAt: number;
  calledAt: number | null;
  /** The first call; `calledAt` is the latest one (a transfer or no-show can lead to another). */
  firstCalledAt: number | null;
  servingAt: number | null;
  finishedAt: number | null;
  counterId: number | null;
  counterNumber: number | null;
  staffId: number | null;
  targetCounterId: number | null;
  callCount: number;
  transferCount: number;
  deviceId: number | null;
}

interface TicketRow {
  id: number;
  service_day: string;
  issue_field_id: number;
  number: number;
  field_id: number;
  priority: number;
  source: TicketSourceName;
  status: TicketStatusName;
  issued_at: number;
  queued_at: number;
  called_at: number | null;
  first_called_at: number | null;
  serving_at: number | null;
  finished_at: number | null;
  counter_id: number | null;
  counter_number: number | null;
  staff_id: number | null;
  target_counter_id: number | null;
  call_count: number;
  transfer_count: number;
  device_id: number | null;
}

const SELECT = 'SELECT t.*, c.number AS counter_number FROM tickets t LEFT JOIN counters c ON c.id = t.counter_id';

function rowToTicket(r: TicketRow): TicketRecord {
  return {
    id: r.id,
    serviceDay: r.service_day,
    issueFieldId: r.issue_field_id,
    number: r.number,
    fieldId: r.field_id,
    priority: r.priority === 1,
    source: r.source,
    status: r.status,
    issuedAt: r.issued_at,
    queuedAt: r.queued_at,
    calledAt: r.called_at,
    firstCalledAt: r.first_called_at,
    servingAt: r.serving_at,
    finishedAt: r.finished_at,
    counterId: r.counter_id,
    counterNumber: r.counter_number,
    staffId: r.staff_id,
    targetCounterId: r.target_counter_id,
    callCount: r.call_count,
    transferCount: r.transfer_count,
    deviceId: r.device_id,
  };
}

function ticketToRow(t: TicketRecord) {
  return {
    id: t.id,
    service_day: t.serviceDay,
    issue_field_id: t.issueFieldId,
    number: t.number,
    field_id: t.fieldId,
    priority: t.priority ? 1 : 0,
    source: t.source,
    status: t.status,
    issued_at: t.issuedAt,
    queued_at: t.queuedAt,
    called_at: t.calledAt,
    first_called_at: t.firstCalledAt,
    serving_at: t.servingAt,
    finished_at: t.finishedAt,
    counter_id: t.counterId,
    staff_id: t.staffId,
    target_counter_id: t.targetCounterId,
    call_count: t.callCount,
    transfer_count: t.transferCount,
    device_id: t.deviceId,
  };
}

export function getTicket(db: ReadableDB, id: number): TicketRecord | undefined {
  const r = query<[number], TicketRow>(db, `${SELECT} WHERE t.id = ?`).get(id);
  return r && rowToTicket(r);
}

/**
 * The highest number any field handed out today inside a range, or null: a number is given once a
 * day, so a field continues above it even when another field (or its own old range) gave it.
 */
export function lastNumberInRange(db: ReadableDB, serviceDay: string, rangeStart: number, rangeEnd: number): number | null {
  return aggregate<[string, number, number], { n: number | null }>(
    db,
    'SELECT MAX(number) AS n FROM tickets INDEXED BY tickets_number_of_day WHERE service_day = ? AND number BETWEEN ? AND ?',
  ).get(serviceDay, rangeStart, rangeEnd).n;
}

/** The latest service day any ticket belongs to: the hub never goes back to an earlier one. */
export function latestServiceDay(db: ReadableDB): string | null {
  return aggregate<[], { d: string | null }>(db, 'SELECT MAX(service_day) AS d FROM tickets').get().d;
}

/** Whether any ticket is waiting, called or being served (whose place in line a clock change could move). */
export function anyTicketOpen(db: ReadableDB): boolean {
  return (
    aggregate<[], { n: number }>(
      db,
      `SELECT EXISTS (SELECT 1 FROM tickets INDEXED BY tickets_waiting WHERE status = 'waiting')
        OR EXISTS (SELECT 1 FROM tickets INDEXED BY tickets_at_counter WHERE status IN ('called', 'serving')) AS n`,
    ).get().n === 1
  );
}

export function countIssued(db: ReadableDB, serviceDay: string, issueFieldId: number): number {
  return aggregate<
    [string, number],
    {
      n: number;
    }
  >(db, 'SELECT COUNT(*) AS n FROM tickets WHERE service_day = ? AND issue_field_id = ?').get(serviceDay, issueFieldId).n;
}

export function insertTicket(db: Db, t: Omit<TicketRecord, 'id' | 'counterNumber'>): number {
  const row = ticketToRow({ ...t, id: 0, counterNumber: null });
  const { id: _unused, ...values } = row;
  return Number(
    command<Omit<TicketRow, 'id' | 'counter_number'>>(
      db,
      `INSERT INTO tickets (service_day, issue_field_id, number, field_id, priority, source, status,
      issued_at, queued_at, called_at, first_called_at, serving_at, finished_at, counter_id, staff_id, target_counter_id, call_count,
      transfer_count, device_id) VALUES (@service_day, @issue_field_id, @number, @field_id, @priority, @source, @status,
      @issued_at, @queued_at, @called_at, @first_called_at, @serving_at, @finished_at, @counter_id, @staff_id, @target_counter_id,
      @call_count, @transfer_count, @device_id)`,
    ).run(values).lastInsertRowid,
  );
}

/** Writes back every mutable column of a ticket the engine has moved to a new state. */
export function saveTicket(db: Db, t: TicketRecord): void {
  const { service_day: _d, issue_field_id: _f, number: _n, issued_at: _i, source: _s, device_id: _dv, ...values } = ticketToRow(t);
  command<Omit<TicketRow, 'service_day' | 'issue_field_id' | 'number' | 'issued_at' | 'source' | 'device_id' | 'counter_number'>>(
    db,
    `UPDATE tickets SET field_id = @field_id, priority = @priority, status = @status, queued_at = @queued_at,
      called_at = @called_at, first_called_at = @first_called_at, serving_at = @serving_at, finished_at = @finished_at, counter_id = @counter_id,
      staff_id = @staff_id, target_counter_id = @target_counter_id, call_count = @call_count,
      transfer_count = @transfer_count WHERE id = @id`,
  ).run(values);
}

/** Head of a field's general line: priority first, then the earliest place in line. */
export function headOfField(db: ReadableDB, fieldId: number): { id: number; priority: boolean; queuedAt: number } | undefined {
  const r = query<[number], { id: number; priority: number; queued_at: number }>(
    db,
    `SELECT id, priority, queued_at FROM tickets INDEXED BY tickets_waiting
      WHERE field_id = ? AND status = 'waiting' AND target_counter_id IS NULL
      ORDER BY priority DESC, queued_at, id LIMIT 1`,
  ).get(fieldId);
  return r && { id: r.id, priority: r.priority === 1, queuedAt: r.queued_at };
}

/** The oldest ticket without priority in a field's general line (the priority rule may call it first). */
export function normalHeadOfField(db: ReadableDB, fieldId: number): { id: number; priority: boolean; queuedAt: number } | undefined {
  const r = query<[number], { id: number; queued_at: number }>(
    db,
    `SELECT id, queued_at FROM tickets INDEXED BY tickets_waiting
      WHERE field_id = ? AND status = 'waiting' AND target_counter_id IS NULL AND priority = 0
      ORDER BY queued_at, id LIMIT 1`,
  ).get(fieldId);
  return r && { id: r.id, priority: false, queuedAt: r.queued_at };
}

/** The oldest ticket transferred to one counter in particular. */
export function headForCounter(db: ReadableDB, counterId: number): number | undefined {
  const r = query<[number], { id: number }>(
    db,
    `SELECT id FROM tickets INDEXED BY tickets_waiting_targeted
      WHERE target_counter_id = ? AND status = 'waiting' ORDER BY queued_at, id LIMIT 1`,
  ).get(counterId);
  return r?.id;
}

/** The ticket called or being served at a counter, if any. */
export function currentAtCounter(db: ReadableDB, counterId: number): TicketRecord | undefined {
  const r = query<[number], TicketRow>(
    db,
    `${SELECT} WHERE t.counter_id = ? AND t.status IN ('called', 'serving') ORDER BY t.called_at DESC LIMIT 1`,
  ).get(counterId);
  return r && rowToTicket(r);
}

/** Waiting tickets in the same line served before this one. */
export function peopleAhead(db: ReadableDB, t: Pick<TicketRecord, 'id' | 'fieldId' | 'priority' | 'queuedAt' | 'targetCounterId'>): number {
  if (t.targetCounterId !== null) {
    return aggregate<[number, number, number, number], { n: number }>(
      db,
      `SELECT COUNT(*) AS n FROM tickets WHERE target_counter_id = ? AND status = 'waiting'
        AND (queued_at < ? OR (queued_at = ? AND id < ?))`,
    ).get(t.targetCounterId, t.queuedAt, t.queuedAt, t.id).n;
  }
  const p = t.priority ? 1 : 0;
  return aggregate<[number, number, number, number, number, number], { n: number }>(
    db,
    `SELECT COUNT(*) AS n FROM tickets WHERE field_id = ? AND status = 'waiting' AND target_counter_id IS NULL
      AND (priority > ? OR (priority = ? AND (queued_at < ? OR (queued_at = ? AND id < ?))))`,
  ).get(t.fieldId, p, p, t.queuedAt, t.queuedAt, t.id).n;
}

/**
 * For a ticket of a field's general line: the priority citizens and the others waiting before it by
 * law (all the priority ones for a ticket without priority; all the others for a priority one).
 */
export function waitingAhead(
  db: ReadableDB,
  t: Pick<TicketRecord, 'id' | 'fieldId' | 'priority' | 'queuedAt'>,
): { priorityAhead: number; normalAhead: number } {
  const r = aggregate<[number, number, number, number, number, number, number, number, number], { p: number; n: number }>(
    db,
    `SELECT COALESCE(SUM(priority = 1 AND (? = 0 OR queued_at < ? OR (queued_at = ? AND id < ?))), 0) AS p,
        COALESCE(SUM(priority = 0 AND (? = 1 OR queued_at < ? OR (queued_at = ? AND id < ?))), 0) AS n
      FROM tickets INDEXED BY tickets_waiting WHERE field_id = ? AND status = 'waiting' AND target_counter_id IS NULL`,
  ).get(t.priority ? 1 : 0, t.queuedAt, t.queuedAt, t.id, t.priority ? 1 : 0, t.queuedAt, t.queuedAt, t.id, t.fieldId);
  return { priorityAhead: r.p, normalAhead: r.n };
}

export interface WaitingSummary {
  fieldId: number;
  waiting: number;
  oldestQueuedAt: number | null;
}

/** Waiting tickets per field (targeted transfers count in their field too). */
export function waitingByField(db: ReadableDB): WaitingSummary[] {
  return query<[], WaitingSummary>(
    db,
    `SELECT field_id AS fieldId, COUNT(*) AS waiting, MIN(queued_at) AS oldestQueuedAt
      FROM tickets WHERE status = 'waiting' GROUP BY field_id`,
  ).all();
}

/** One field's waiting line: how many, and since when the longest-waiting ticket waits. */
export function waitingInField(db: ReadableDB, fieldId: number): WaitingSummary {
  return aggregate<[number, number], WaitingSummary>(
    db,
    `SELECT ? AS fieldId, COUNT(*) AS waiting, MIN(queued_at) AS oldestQueuedAt FROM tickets INDEXED BY tickets_waiting
      WHERE field_id = ? AND status = 'waiting'`,
  ).get(fieldId, fieldId);
}

/** Service durations (ms) of the latest tickets finished in a field since `since`. */
export function recentServiceTimes(db: Db, fieldId: number, since: number, limit: number): number[] {
  return query<[number, number, number], { ms: number }>(
    db,
    `SELECT finished_at - COALESCE(serving_at, called_at) AS ms FROM tickets INDEXED BY tickets_done
      WHERE field_id = ? AND status = 'done' AND finished_at >= ? ORDER BY finished_at DESC LIMIT ?`,
  )
    .all(fieldId, since, limit)
    .map((r) => r.ms);
}

export function recentCalls(db: ReadableDB, limit: number): TicketRecord[] {
  return query<[number], TicketRow>(
    db,
    `${SELECT} WHERE t.called_at IS NOT NULL AND t.status IN ('called', 'serving', 'done')
      ORDER BY t.called_at DESC, t.id DESC LIMIT ?`,
  )
    .all(limit)
    .map(rowToTicket);
}

export function listWaiting(db: ReadableDB, fieldIds: readonly number[], counterId: number, limit: number): TicketRecord[] {
  const fields = JSON.stringify(fieldIds);
  return query<[number, string, number], TicketRow>(
    db,
    `${SELECT} WHERE t.status = 'waiting' AND (t.target_counter_id = ?
      OR (t.target_counter_id IS NULL AND t.field_id IN (SELECT value FROM json_each(?))))
      ORDER BY t.target_counter_id IS NULL, t.priority DESC, t.queued_at, t.id LIMIT ?`,
  )
    .all(counterId, fields, limit)
    .map(rowToTicket);
}

export function listNoShows(db: ReadableDB, serviceDay: string, fieldIds: readonly number[], limit: number): TicketRecord[] {
  return query<[string, string, number], TicketRow>(
    db,
    `${SELECT} WHERE t.status = 'no_show' AND t.service_day = ? AND t.field_id IN (SELECT value FROM json_each(?))
      ORDER BY t.called_at DESC LIMIT ?`,
  )
    .all(serviceDay, JSON.stringify(fieldIds), limit)
    .map(rowToTicket);
}

/** Tickets still open from earlier days, so a new day can close them. */
export function openTicketIdsBefore(db: ReadableDB, serviceDay: string): number[] {
  return query<
    [string],
    {
      id: number;
    }
  >(db, `SELECT id FROM tickets WHERE service_day < ? AND status IN ('waiting', 'called', 'serving')`)
    .all(serviceDay)
    .map((r) => r.id);
}

/** The ticket a counter finished last on a service day: the one its rating screen offers. */
/** The tickets a counter finished last today, latest first. */
export function lastFinishedAtCounter(db: ReadableDB, serviceDay: string, counterId: number, limit: number): number[] {
  return query<[string, number, number], number>(
    db,
    `SELECT id FROM tickets INDEXED BY tickets_by_day
      WHERE service_day = ? AND counter_id = ? AND status = 'done' ORDER BY finished_at DESC, id DESC LIMIT ?`,
  )
    .pluck()
    .all(serviceDay, counterId, limit);
}

/** Today's ticket with this number (numbers are unique within a day: each field has its own range). */
export function ticketByNumber(db: ReadableDB, serviceDay: string, number: number): TicketRecord | undefined {
  const r = query<[string, number], TicketRow>(db, `${SELECT} WHERE t.service_day = ? AND t.number = ? ORDER BY t.id DESC LIMIT 1`).get(
    serviceDay,
    number,
  );
  return r && rowToTicket(r);
}

/** A field's general line (not tickets sent to one counter), in the order it is called. */
export function waitingInLine(db: ReadableDB, fieldId: number): TicketRecord[] {
  return query<[number], TicketRow>(
    db,
    `${SELECT} WHERE t.status = 'waiting' AND t.target_counter_id IS NULL AND t.field_id = ?
      ORDER BY t.priority DESC, t.queued_at, t.id`,
  )
    .all(fieldId)
    .map(rowToTicket);
}

/** Tickets' numbers by id, for lists that name tickets (the audit trail). */
export function ticketNumbers(db: ReadableDB, ids: readonly number[]): Map<number, number> {
  if (ids.length === 0) return new Map();
  const rows = query<[string], { id: number; number: number }>(
    db,
    'SELECT id, number FROM tickets WHERE id IN (SELECT value FROM json_each(?))',
  ).all(JSON.stringify([...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.number]));
}
