import type { Database } from 'better-sqlite3';

// The journal as the province holds it (#25): the link keeps the hub's journal epoch and the chain
// at the acknowledged mark (main/base/journalChain.ts), and the latest recovery the province made
// of this journal; the chain at every 256th sequence is kept, to find where two journals part.
export function migrate0130(db: Database): void {
  db.exec(`
    ALTER TABLE province_link ADD COLUMN epoch TEXT;
    ALTER TABLE province_link ADD COLUMN chain TEXT;
    ALTER TABLE province_link ADD COLUMN recovery TEXT;
    CREATE TABLE province_checkpoints (
      seq INTEGER PRIMARY KEY,
      chain TEXT NOT NULL
    ) STRICT;
  `);
}
