import type { Database } from 'better-sqlite3';

// A session opened with a published demo password on a hub reachable from the LAN may do one
// thing only: change that password. The mark lives on the session, so a restart keeps it.
export function migrate0050(db: Database): void {
  db.exec('ALTER TABLE sessions ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1))');
}
