import type { Database } from 'better-sqlite3';

// Statistics measure the wait up to the first call. `called_at` is overwritten when a ticket is
// called again after a transfer or a no-show, so the first call gets a column of its own,
// filled for existing tickets from the journal.
//
// A year of a large center is a million tickets: too many to group on every request. Each closed
// day is summed once into `stats_days` (one row per issue field, field, counter and officer, with
// the hours, rating levels and waits packed in one Int32 array) and marked in
// `stats_days_built`. Any later change to that day's tickets or ratings removes the mark, by
// trigger, so a summary is used only while it still matches the rows it came from.
export function migrate0040(db: Database): void {
  db.exec(`
    ALTER TABLE tickets ADD COLUMN first_called_at INTEGER;
    UPDATE tickets SET first_called_at = COALESCE(
      (SELECT MIN(e.at) FROM events e WHERE e.ticket_id = tickets.id AND e.type = 'ticket:called'), called_at)
      WHERE called_at IS NOT NULL;

    CREATE TABLE stats_days (
      service_day TEXT NOT NULL,
      issue_field_id INTEGER NOT NULL,
      field_id INTEGER NOT NULL,
      counter_id INTEGER NOT NULL, -- 0: none
      staff_id INTEGER NOT NULL,   -- 0: none
      issued INTEGER NOT NULL,
      served INTEGER NOT NULL,
      no_show INTEGER NOT NULL,
      cancelled INTEGER NOT NULL,
      service_n INTEGER NOT NULL,
      service_ms INTEGER NOT NULL,
      -- Int32 little-endian, one blob (a year reads ~15k rows): tickets issued per local hour (24),
      -- ratings per level value (11), then the ms from issue to first call of each called ticket.
      counts BLOB NOT NULL,
      reasons TEXT,         -- JSON {reason code: count}, NULL when none
      PRIMARY KEY (service_day, issue_field_id, field_id, counter_id, staff_id)
    ) STRICT, WITHOUT ROWID;
    CREATE TABLE stats_days_built (
      service_day TEXT PRIMARY KEY,
      built_at INTEGER NOT NULL
    ) STRICT, WITHOUT ROWID;
    CREATE TRIGGER tickets_stats_stale_insert AFTER INSERT ON tickets
      BEGIN DELETE FROM stats_days_built WHERE service_day = NEW.service_day; END;
    CREATE TRIGGER tickets_stats_stale_update AFTER UPDATE ON tickets
      BEGIN DELETE FROM stats_days_built WHERE service_day IN (OLD.service_day, NEW.service_day); END;
    CREATE TRIGGER ratings_stats_stale AFTER INSERT ON ratings
      BEGIN DELETE FROM stats_days_built WHERE service_day = NEW.service_day; END;
  `);
}
