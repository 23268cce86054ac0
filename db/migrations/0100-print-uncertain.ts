import type { Database } from 'better-sqlite3';

// A print job handed to a spooler that still holds it is `uncertain`: it may yet print, so it is
// neither printed nor failed, and no reprint is made while it is (#23). SQLite cannot change a
// CHECK, so the table is rebuilt under the same name, rows, ids and indexes. The new table's
// self-reference names it, and the rename keeps that reference on the table as renamed.
export function migrate0100(db: Database): void {
  db.exec(`
    CREATE TABLE print_jobs_0100 (
      id INTEGER PRIMARY KEY,
      ticket_id INTEGER NOT NULL REFERENCES tickets(id),
      device_id INTEGER REFERENCES devices(id),
      status TEXT NOT NULL CHECK (status IN ('pending', 'printing', 'printed', 'failed', 'uncertain')),
      attempts INTEGER NOT NULL DEFAULT 0,
      error_code TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      lang TEXT NOT NULL DEFAULT 'vi' CHECK (lang IN ('vi', 'en')),
      reprint_of INTEGER REFERENCES print_jobs_0100(id),
      confirmed INTEGER NOT NULL DEFAULT 1 CHECK (confirmed IN (0, 1))
    ) STRICT;
    INSERT INTO print_jobs_0100 (id, ticket_id, device_id, status, attempts, error_code, created_at, updated_at, lang, reprint_of, confirmed)
      SELECT id, ticket_id, device_id, status, attempts, error_code, created_at, updated_at, lang, reprint_of, confirmed FROM print_jobs ORDER BY id;
    DROP TABLE print_jobs;
    ALTER TABLE print_jobs_0100 RENAME TO print_jobs;
    CREATE INDEX print_jobs_pending ON print_jobs(device_id, id) WHERE status IN ('pending', 'failed');
    CREATE INDEX print_jobs_by_ticket ON print_jobs(ticket_id);
    CREATE INDEX print_jobs_claim ON print_jobs(device_id, id) WHERE status = 'pending';
  `);
}
