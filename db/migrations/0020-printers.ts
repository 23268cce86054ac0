import type { Database } from 'better-sqlite3';

// Each kiosk's printer: how to reach it (chosen per device by a manager) and its last status.
export function migrate0020(db: Database): void {
  db.exec(`
    ALTER TABLE devices ADD COLUMN printer_config TEXT; -- JSON, null = no printer
    ALTER TABLE devices ADD COLUMN printer_status TEXT; -- JSON {ok, fault}
    ALTER TABLE devices ADD COLUMN printer_status_at INTEGER;
    CREATE INDEX print_jobs_claim ON print_jobs(device_id, id) WHERE status = 'pending';
  `);
}
