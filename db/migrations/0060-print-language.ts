import type { Database } from 'better-sqlite3';

// A ticket taken in English prints in both languages, and so does its reprint: the language
// belongs to the print job. `reprint_of` marks a reprint, which says so on the paper.
// `confirmed` = 0: printed through a spooler, which says the job was sent, not that it printed.
export function migrate0060(db: Database): void {
  db.exec(`
    ALTER TABLE print_jobs ADD COLUMN lang TEXT NOT NULL DEFAULT 'vi' CHECK (lang IN ('vi', 'en'));
    ALTER TABLE print_jobs ADD COLUMN reprint_of INTEGER REFERENCES print_jobs(id);
    ALTER TABLE print_jobs ADD COLUMN confirmed INTEGER NOT NULL DEFAULT 1 CHECK (confirmed IN (0, 1));
  `);
}
