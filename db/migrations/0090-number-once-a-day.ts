import type { Database } from 'better-sqlite3';

// A number is handed out once a day, whatever field gives it: a field whose range moved, or a new
// field on an old one's range, must not give a number a citizen already holds today. Unique by
// construction over (service_day, number). Databases written before this step may already hold
// such repeats (the bug it closes): the earliest ticket of each repeated number keeps it as is, each
// later one is marked in `repeat_of` with its own id, so the index admits the old rows unchanged
// while every new ticket (repeat_of = 0) must be alone with its number that day. The same index
// serves the allocation of the next number (the highest one issued today inside a range).
export function migrate0090(db: Database): void {
  db.exec(`
    ALTER TABLE tickets ADD COLUMN repeat_of INTEGER NOT NULL DEFAULT 0;
    UPDATE tickets SET repeat_of = id WHERE id IN (SELECT id FROM (
      SELECT id, ROW_NUMBER() OVER (PARTITION BY service_day, number ORDER BY id) AS nth FROM tickets) WHERE nth > 1);
    CREATE UNIQUE INDEX tickets_number_of_day ON tickets(service_day, number, repeat_of);
  `);
}
