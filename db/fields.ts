import { command, query, type Db, type ReadableDB } from './open.ts';

export interface FieldRecord {
  id: number;
  code: string;
  nameVi: string;
  nameEn: string;
  rangeStart: number;
  rangeEnd: number;
  dailyLimit: number | null;
  targetWaitMin: number;
  serviceMin: number;
  active: boolean;
  sortOrder: number;
}

interface FieldRow {
  id: number;
  code: string;
  name_vi: string;
  name_en: string;
  range_start: number;
  range_end: number;
  daily_limit: number | null;
  target_wait_min: number;
  service_min: number;
  active: number;
  sort_order: number;
}

function rowToField(r: FieldRow): FieldRecord {
  return {
    id: r.id,
    code: r.code,
    nameVi: r.name_vi,
    nameEn: r.name_en,
    rangeStart: r.range_start,
    rangeEnd: r.range_end,
    dailyLimit: r.daily_limit,
    targetWaitMin: r.target_wait_min,
    serviceMin: r.service_min,
    active: r.active === 1,
    sortOrder: r.sort_order,
  };
}

function fieldToRow(f: Omit<FieldRecord, 'id'>): Omit<FieldRow, 'id'> {
  return {
    code: f.code,
    name_vi: f.nameVi,
    name_en: f.nameEn,
    range_start: f.rangeStart,
    range_end: f.rangeEnd,
    daily_limit: f.dailyLimit,
    target_wait_min: f.targetWaitMin,
    service_min: f.serviceMin,
    active: f.active ? 1 : 0,
    sort_order: f.sortOrder,
  };
}

export function listFields(db: ReadableDB): FieldRecord[] {
  return query<[], FieldRow>(db, 'SELECT * FROM fields ORDER BY sort_order, id').all().map(rowToField);
}

export function getField(db: ReadableDB, id: number): FieldRecord | undefined {
  const r = query<[number], FieldRow>(db, 'SELECT * FROM fields WHERE id = ?').get(id);
  return r && rowToField(r);
}

export function insertField(db: Db, f: Omit<FieldRecord, 'id'>): FieldRecord {
  const info = command<Omit<FieldRow, 'id'>>(
    db,
    `INSERT INTO fields (code, name_vi, name_en, range_start, range_end, daily_limit, target_wait_min,
      service_min, active, sort_order) VALUES (@code, @name_vi, @name_en, @range_start, @range_end, @daily_limit,
      @target_wait_min, @service_min, @active, @sort_order)`,
  ).run(fieldToRow(f));
  return { ...f, id: Number(info.lastInsertRowid) };
}

export function updateField(db: Db, f: FieldRecord): boolean {
  const info = command<FieldRow>(
    db,
    `UPDATE fields SET code = @code, name_vi = @name_vi, name_en = @name_en, range_start = @range_start,
      range_end = @range_end, daily_limit = @daily_limit, target_wait_min = @target_wait_min, service_min = @service_min,
      active = @active, sort_order = @sort_order WHERE id = @id`,
  ).run({ ...fieldToRow(f), id: f.id });
  return info.changes === 1;
}
