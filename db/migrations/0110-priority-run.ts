import type { Database } from 'better-sqlite3';

// Priority never starves the others (#24): each counter keeps its priority calls in a row, so the
// rule "after N priority calls, one citizen without priority" holds across restarts.
export function migrate0110(db: Database): void {
  db.exec(`ALTER TABLE counters ADD COLUMN priority_run INTEGER NOT NULL DEFAULT 0 CHECK (priority_run >= 0);`);
}
