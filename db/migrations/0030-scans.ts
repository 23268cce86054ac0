import type { Database } from 'better-sqlite3';

// Per-person daily limits keep only a keyed hash per service day (purged after the day, Decree
// 13/2023: collect the least, keep it the shortest); appointment codes are used once.
export function migrate0030(db: Database): void {
  db.exec(`
    CREATE TABLE person_day_counts (
      service_day TEXT NOT NULL,
      person_hash TEXT NOT NULL,
      tickets INTEGER NOT NULL,
      PRIMARY KEY (service_day, person_hash)
    ) STRICT, WITHOUT ROWID;
    CREATE TABLE appointment_uses (
      code_hash TEXT PRIMARY KEY,
      ticket_id INTEGER NOT NULL REFERENCES tickets(id),
      used_at INTEGER NOT NULL
    ) STRICT;
  `);
}
