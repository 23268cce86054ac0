import { aggregate, command, query, type Db, type ReadableDB } from './open.ts';

export type CounterStateName = 'closed' | 'open' | 'paused';

export interface CounterLink {
  fieldId: number;
  weight: number;
}

export interface CounterRecord {
  id: number;
  number: number;
  nameVi: string;
  nameEn: string;
  active: boolean;
  state: CounterStateName;
  staffId: number | null;
  staffName: string | null;
  openedAt: number | null;
  /** While paused: since when, and why. */
  pausedAt: number | null;
  pauseReason: string | null;
  /** Priority calls in a row at this counter (the rule that keeps the others moving). */
  priorityRun: number;
  /** In order of preference. */
  fields: CounterLink[];
}

interface CounterRow {
  id: number;
  number: number;
  name_vi: string;
  name_en: string;
  active: number;
  state: CounterStateName;
  staff_id: number | null;
  staff_name: string | null;
  opened_at: number | null;
  paused_at: number | null;
  pause_reason: string | null;
  priority_run: number;
}

const SELECT = `SELECT c.*, s.full_name AS staff_name FROM counters c LEFT JOIN staff s ON s.id = c.staff_id`;

function linksOf(db: ReadableDB, counterId: number): CounterLink[] {
  return query<[number], CounterLink>(
    db,
    'SELECT field_id AS fieldId, weight FROM counter_fields WHERE counter_id = ? ORDER BY position',
  ).all(counterId);
}

function rowToCounter(db: ReadableDB, r: CounterRow): CounterRecord {
  return {
    id: r.id,
    number: r.number,
    nameVi: r.name_vi,
    nameEn: r.name_en,
    active: r.active === 1,
    state: r.state,
    staffId: r.staff_id,
    staffName: r.staff_name,
    openedAt: r.opened_at,
    pausedAt: r.paused_at,
    pauseReason: r.pause_reason,
    priorityRun: r.priority_run,
    fields: linksOf(db, r.id),
  };
}

export function listCounters(db: ReadableDB): CounterRecord[] {
  return query<[], CounterRow>(db, `${SELECT} ORDER BY c.number`)
    .all()
    .map((r) => rowToCounter(db, r));
}

export function getCounter(db: ReadableDB, id: number): CounterRecord | undefined {
  const r = query<[number], CounterRow>(db, `${SELECT} WHERE c.id = ?`).get(id);
  return r && rowToCounter(db, r);
}

function replaceLinks(db: Db, counterId: number, links: readonly CounterLink[]): void {
  command<[number]>(db, 'DELETE FROM counter_fields WHERE counter_id = ?').run(counterId);
  const add = command<[number, number, number, number]>(
    db,
    'INSERT INTO counter_fields (counter_id, field_id, position, weight) VALUES (?, ?, ?, ?)',
  );
  links.forEach((l, position) => add.run(counterId, l.fieldId, position, l.weight));
}

export type CounterConfig = Pick<CounterRecord, 'number' | 'nameVi' | 'nameEn' | 'active' | 'fields'>;

export function insertCounter(db: Db, c: CounterConfig): number {
  const info = command<[number, string, string, number]>(
    db,
    'INSERT INTO counters (number, name_vi, name_en, active) VALUES (?, ?, ?, ?)',
  ).run(c.number, c.nameVi, c.nameEn, c.active ? 1 : 0);
  const id = Number(info.lastInsertRowid);
  replaceLinks(db, id, c.fields);
  return id;
}

export function updateCounterConfig(db: Db, id: number, c: CounterConfig): boolean {
  const info = command<[number, string, string, number, number]>(
    db,
    'UPDATE counters SET number = ?, name_vi = ?, name_en = ?, active = ? WHERE id = ?',
  ).run(c.number, c.nameVi, c.nameEn, c.active ? 1 : 0, id);
  if (info.changes !== 1) return false;
  replaceLinks(db, id, c.fields);
  return true;
}

export function setCounterState(
  db: Db,
  id: number,
  state: CounterStateName,
  staffId: number | null,
  openedAt: number | null,
  pause: { at: number; reason: string } | null = null,
): void {
  command<[string, number | null, number | null, number | null, string | null, number]>(
    db,
    'UPDATE counters SET state = ?, staff_id = ?, opened_at = ?, paused_at = ?, pause_reason = ? WHERE id = ?',
  ).run(state, staffId, openedAt, pause?.at ?? null, pause?.reason ?? null, id);
}

/** Priority calls in a row at a counter, set at each call (callOrder.ts nextRun). */
export function setPriorityRun(db: Db, counterId: number, run: number): void {
  command<[number, number]>(db, 'UPDATE counters SET priority_run = ? WHERE id = ?').run(run, counterId);
}

/** Calls per field made today at this counter, for the weighted choice of the next field. */
export function callsToday(db: ReadableDB, serviceDay: string, counterId: number): Map<number, number> {
  const rows = query<[string, number], { fieldId: number; calls: number }>(
    db,
    'SELECT field_id AS fieldId, calls FROM counter_calls WHERE service_day = ? AND counter_id = ?',
  ).all(serviceDay, counterId);
  return new Map(rows.map((r) => [r.fieldId, r.calls]));
}

export function countCall(db: Db, serviceDay: string, counterId: number, fieldId: number): void {
  command<[string, number, number]>(
    db,
    `INSERT INTO counter_calls (service_day, counter_id, field_id, calls) VALUES (?, ?, ?, 1)
      ON CONFLICT(service_day, counter_id, field_id) DO UPDATE SET calls = calls + 1`,
  ).run(serviceDay, counterId, fieldId);
}

/** Open (not paused, not closed) counters that serve a field with a non-zero weight. */
export function openCountersServing(db: ReadableDB, fieldId: number): number {
  return aggregate<[number], { n: number }>(
    db,
    `SELECT COUNT(*) AS n FROM counter_fields cf JOIN counters c ON c.id = cf.counter_id
      WHERE cf.field_id = ? AND c.state = 'open' AND c.active = 1`,
  ).get(fieldId).n;
}
