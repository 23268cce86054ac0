// Typed statements and the read/write split (db/open.ts). The type errors are checked by `tsc`
// (npm test type-checks tests/): each @ts-expect-error fails the build if the error disappears.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { command, openDatabase, openDatabaseReadOnly, query, type ReadableDB, type WritableDB } from '../../db/open.ts';
import { getField, insertField, listFields } from '../../db/fields.ts';
import { writeSettings } from '../../db/settings.ts';

let dir: string;
let db: WritableDB;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'motcua-stmt-'));
  db = openDatabase(join(dir, 'motcua.db'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const field = {
  code: 'TP',
  nameVi: 'Tư pháp',
  nameEn: 'Justice',
  rangeStart: 1,
  rangeEnd: 999,
  dailyLimit: null,
  targetWaitMin: 20,
  serviceMin: 5,
  active: true,
  sortOrder: 0,
};

describe('typed statements', () => {
  it('a query is typed by its parameters and its row', () => {
    const count = query<[string], { n: number }>(db, 'SELECT COUNT(*) AS n FROM settings WHERE key = ?');
    const row = count.get('centerName');
    expect(row?.n).toBe(0);
    // @ts-expect-error -- the parameter is a string, not a number
    count.get(1);
    // @ts-expect-error -- the row has no such column
    expect(row?.missing).toBeUndefined();
  });

  it('a read-only connection reads; writing through it does not compile, and SQLite refuses it too', () => {
    insertField(db, field);
    const ro: ReadableDB = openDatabaseReadOnly(join(dir, 'motcua.db'));
    try {
      expect(listFields(ro).map((f) => f.code)).toEqual(['TP']);
      expect(getField(ro, listFields(ro)[0]!.id)?.nameVi).toBe('Tư pháp');
      // @ts-expect-error -- a ReadableDB cannot be passed where a write happens
      expect(() => writeSettings(ro, { centerName: 'x' })).toThrow(/readonly/);
      // @ts-expect-error -- nor can it make a command
      expect(() => command<[string]>(ro, 'DELETE FROM settings WHERE key = ?').run('x')).toThrow(/readonly/);
    } finally {
      ro.close();
    }
  });
});
