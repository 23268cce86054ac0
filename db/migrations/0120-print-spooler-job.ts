import type { Database } from 'better-sqlite3';

// The spooler's own id for a print job (CUPS's `queue-123`): a hub restarted while a spooler held
// the job asks the spooler what became of it, instead of calling it interrupted (#23). The partial
// index holds only the jobs a restart has to ask about.
export function migrate0120(db: Database): void {
  db.exec(`
    ALTER TABLE print_jobs ADD COLUMN spooler_job TEXT;
    CREATE INDEX print_jobs_spooled ON print_jobs(id) WHERE spooler_job IS NOT NULL AND status IN ('printing', 'uncertain');
  `);
}
