// The schema on a real SQLite file: migrations, strictness, append-only journal, and the
// indexes the hot queries are meant to use.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { openDatabase, type Db } from '../../db/open.ts';
import { DatabaseTooNewError, LATEST_VERSION, migrations, runMigrations } from '../../db/migrations/index.ts';

let dir: string;
let db: Db;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'motcua-db-'));
  db = openDatabase(join(dir, 'motcua.db'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function plan(sql: string, ...params: unknown[]): string {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ');
}

describe('schema', () => {
  it('sets user_version, WAL, synchronous=FULL and foreign keys', () => {
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('reopening applies nothing twice; a newer database is refused', () => {
    db.close();
    db = openDatabase(join(dir, 'motcua.db'));
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    db.pragma(`user_version = ${LATEST_VERSION + 10}`);
    db.close();
    expect(() => openDatabase(join(dir, 'motcua.db'))).toThrow(DatabaseTooNewError);
    const raw = new Database(join(dir, 'motcua.db'));
    raw.pragma(`user_version = ${LATEST_VERSION}`);
    raw.close();
    db = openDatabase(join(dir, 'motcua.db'));
  });

  it('tables are STRICT', () => {
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as {
      name: string;
    }[];
    for (const { name } of tables) {
      const strict = (db.prepare('SELECT strict FROM pragma_table_list WHERE name = ?').get(name) as { strict: number }).strict;
      expect({ name, strict }).toEqual({ name, strict: 1 });
    }
    expect(() =>
      db
        .prepare(
          `INSERT INTO fields (code, name_vi, name_en, range_start, range_end, target_wait_min, service_min)
      VALUES ('A', 'A', 'A', 'một', 9, 10, 5)`,
        )
        .run(),
    ).toThrow(/cannot store TEXT value in INTEGER column/);
  });

  it('the event journal is append-only', () => {
    db.prepare("INSERT INTO events (at, type, data) VALUES (1, 'backup:created', '{}')").run();
    expect(() => db.prepare('UPDATE events SET type = ?').run('x')).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM events').run()).toThrow(/append-only/);
  });

  it('a ticket number is unique per field and service day by construction', () => {
    db.prepare(
      "INSERT INTO fields (code, name_vi, name_en, range_start, range_end, target_wait_min, service_min) VALUES ('A', 'A', 'A', 1, 9, 10, 5)",
    ).run();
    const insert = db.prepare(
      "INSERT INTO tickets (service_day, issue_field_id, number, field_id, source, status, issued_at, queued_at) VALUES (?, 1, ?, 1, 'kiosk', 'waiting', 0, 0)",
    );
    insert.run('2026-11-23', 1);
    insert.run('2026-11-24', 1);
    expect(() => insert.run('2026-11-23', 1)).toThrow(/UNIQUE/);
  });

  it('a number is given once a day, whichever field gives it', () => {
    const field = db.prepare(
      'INSERT INTO fields (code, name_vi, name_en, range_start, range_end, target_wait_min, service_min) VALUES (?, ?, ?, 4001, 4999, 10, 5)',
    );
    const a = Number(field.run('A', 'A', 'A').lastInsertRowid);
    const b = Number(field.run('B', 'B', 'B').lastInsertRowid);
    const insert = db.prepare(
      "INSERT INTO tickets (service_day, issue_field_id, number, field_id, source, status, issued_at, queued_at) VALUES (?, ?, ?, ?, 'kiosk', 'waiting', 0, 0)",
    );
    insert.run('2026-11-23', a, 4001, a);
    insert.run('2026-11-24', b, 4001, b);
    expect(() => insert.run('2026-11-23', b, 4001, b)).toThrow(/UNIQUE/);
  });
});

describe("upgrading a center's database", () => {
  it("0040 takes each ticket's first call from the journal, not its latest call", () => {
    const raw = new Database(join(dir, 'old.db'));
    for (const m of migrations.filter((x) => x.version <= 30)) m.up(raw);
    raw.pragma('user_version = 30');
    raw
      .prepare(
        "INSERT INTO fields (code, name_vi, name_en, range_start, range_end, target_wait_min, service_min) VALUES ('A', 'A', 'A', 1, 9, 10, 5)",
      )
      .run();
    const ticket =
      raw.prepare(`INSERT INTO tickets (service_day, issue_field_id, number, field_id, source, status, issued_at, queued_at, called_at)
      VALUES ('2026-11-23', 1, ?, 1, 'kiosk', ?, 0, 0, ?)`);
    ticket.run(1, 'done', 9_000); // called at 1000, transferred, called again at 9000
    ticket.run(2, 'called', 5_000); // called once, before the journal began
    ticket.run(3, 'waiting', null);
    const event = raw.prepare("INSERT INTO events (at, type, ticket_id, data) VALUES (?, ?, ?, '{}')");
    event.run(1_000, 'ticket:called', 1);
    event.run(2_000, 'ticket:transferred', 1);
    event.run(9_000, 'ticket:called', 1);
    expect(runMigrations(raw)).toEqual({ from: 30, to: LATEST_VERSION });
    expect(raw.prepare('SELECT number, called_at, first_called_at FROM tickets ORDER BY number').all()).toEqual([
      { number: 1, called_at: 9_000, first_called_at: 1_000 },
      { number: 2, called_at: 5_000, first_called_at: 5_000 },
      { number: 3, called_at: null, first_called_at: null },
    ]);
    raw.close();
  });
});

describe('upgrading a database that repeated numbers (before 0090)', () => {
  it('keeps every ticket, marks the later repeats, and refuses any new repeat', () => {
    const raw = new Database(join(dir, 'repeats.db'));
    for (const m of migrations.filter((x) => x.version <= 80)) m.up(raw);
    raw.pragma('user_version = 80');
    const field = raw.prepare(
      'INSERT INTO fields (code, name_vi, name_en, range_start, range_end, target_wait_min, service_min, active) VALUES (?, ?, ?, 4001, 4999, 10, 5, ?)',
    );
    const old = Number(field.run('A', 'A', 'A', 0).lastInsertRowid);
    const now = Number(field.run('B', 'B', 'B', 1).lastInsertRowid);
    const ticket = raw.prepare(`INSERT INTO tickets (service_day, issue_field_id, number, field_id, source, status, issued_at, queued_at)
      VALUES (?, ?, ?, ?, 'kiosk', 'waiting', 0, 0)`);
    ticket.run('2026-11-23', old, 4001, old);
    ticket.run('2026-11-23', old, 4002, old);
    ticket.run('2026-11-23', now, 4001, now); // the bug: 4001 and 4002 again, from the new field
    ticket.run('2026-11-23', now, 4002, now);
    ticket.run('2026-11-24', now, 4001, now);
    expect(runMigrations(raw)).toEqual({ from: 80, to: LATEST_VERSION });
    expect(raw.prepare('SELECT issue_field_id AS f, number, repeat_of > 0 AS repeat FROM tickets ORDER BY id').all()).toEqual([
      { f: old, number: 4001, repeat: 0 },
      { f: old, number: 4002, repeat: 0 },
      { f: now, number: 4001, repeat: 1 },
      { f: now, number: 4002, repeat: 1 },
      { f: now, number: 4001, repeat: 0 },
    ]);
    expect(() => ticket.run('2026-11-23', now, 4002, now)).toThrow(/UNIQUE/);
    ticket.run('2026-11-23', now, 4003, now);
    raw.close();
  });
});

describe('hot queries use their indexes', () => {
  it('call-next reads the partial waiting indexes', () => {
    expect(
      plan(
        `SELECT id, priority, queued_at FROM tickets INDEXED BY tickets_waiting WHERE field_id = ? AND status = 'waiting'
      AND target_counter_id IS NULL ORDER BY priority DESC, queued_at, id LIMIT 1`,
        1,
      ),
    ).toMatch(/USING (COVERING )?INDEX tickets_waiting \(field_id=\?\)/);
    expect(
      plan(
        `SELECT id FROM tickets INDEXED BY tickets_waiting_targeted WHERE target_counter_id = ? AND status = 'waiting'
      ORDER BY queued_at, id LIMIT 1`,
        1,
      ),
    ).toMatch(/USING (COVERING )?INDEX tickets_waiting_targeted \(target_counter_id=\?\)/);
  });

  it('numbering reads the unique index, not the table', () => {
    expect(plan('SELECT MAX(number) AS n FROM tickets WHERE service_day = ? AND issue_field_id = ?', '2026-11-23', 1)).toMatch(
      /USING COVERING INDEX sqlite_autoindex_tickets_1/,
    );
  });

  it('the next number reads the once-a-day index; the clock guards read small indexes', () => {
    expect(
      plan(
        'SELECT MAX(number) AS n FROM tickets INDEXED BY tickets_number_of_day WHERE service_day = ? AND number BETWEEN ? AND ?',
        '2026-11-23',
        4001,
        4999,
      ),
    ).toMatch(/USING COVERING INDEX tickets_number_of_day \(service_day=\? AND number>\? AND number<\?\)/);
    expect(plan('SELECT MAX(service_day) AS d FROM tickets')).toMatch(/SEARCH tickets USING COVERING INDEX tickets_by_day/);
    const open = plan(`SELECT EXISTS (SELECT 1 FROM tickets INDEXED BY tickets_waiting WHERE status = 'waiting')
        OR EXISTS (SELECT 1 FROM tickets INDEXED BY tickets_at_counter WHERE status IN ('called', 'serving')) AS n`);
    expect(open).toMatch(/tickets_waiting/);
    expect(open).toMatch(/tickets_at_counter/);
  });

  it('people ahead, current ticket and service times use indexes', () => {
    expect(
      plan(
        `SELECT COUNT(*) FROM tickets WHERE field_id = ? AND status = 'waiting' AND target_counter_id IS NULL
      AND (priority > ? OR (priority = ? AND (queued_at < ? OR (queued_at = ? AND id < ?))))`,
        1,
        0,
        0,
        0,
        0,
        0,
      ),
    ).toMatch(/tickets_waiting/);
    expect(plan("SELECT * FROM tickets t WHERE t.counter_id = ? AND t.status IN ('called', 'serving')", 1)).toMatch(/tickets_at_counter/);
    expect(plan("SELECT COUNT(*) AS n FROM tickets WHERE status = 'waiting' AND field_id = ?", 1)).toMatch(
      /COVERING INDEX tickets_waiting \(field_id=\?\)/,
    );
    expect(plan(`SELECT field_id, COUNT(*), MIN(queued_at) FROM tickets WHERE status = 'waiting' GROUP BY field_id`)).toMatch(
      /COVERING INDEX tickets_waiting/,
    );
    expect(
      plan(
        `SELECT finished_at FROM tickets INDEXED BY tickets_done WHERE field_id = ? AND status = 'done' AND finished_at >= ?
      ORDER BY finished_at DESC LIMIT 20`,
        1,
        0,
      ),
    ).toMatch(/tickets_done/);
    expect(plan('SELECT * FROM events WHERE seq > ? ORDER BY seq LIMIT 10', 0)).toMatch(/INTEGER PRIMARY KEY \(rowid>\?\)/);
  });
});
