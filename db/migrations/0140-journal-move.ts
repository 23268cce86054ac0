import type { Database } from 'better-sqlite3';

// The province found this hub's journal under another site when it joined a new one (#25): the
// link keeps what the province said (the old site counts no more), for the manager's card.
export function migrate0140(db: Database): void {
  db.exec(`ALTER TABLE province_link ADD COLUMN journal_move TEXT;`);
}
