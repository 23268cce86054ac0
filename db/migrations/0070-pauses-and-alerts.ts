import type { Database } from 'better-sqlite3';

// A paused counter says since when and why (nghỉ giải lao, họp…): the floor raises an alert when a
// pause runs long, and statistics count pauses by reason. Both come back to null when it resumes.
// The journal gains one small index: each counter's state changes in order (statistics' pauses
// and when each ended). It holds counter events only, so writing a ticket's event costs no more. Floor alerts are journal events;
// the ones still open are kept in `alerts_open` so a restarted hub knows them without a replay.
// Appointments made at the center are kept (field, day, time window, priority, the code to show
// again): the list of the day's appointments and their check-ins comes from here. No name, no ID.
export function migrate0070(db: Database): void {
  db.exec(`
    ALTER TABLE counters ADD COLUMN paused_at INTEGER;
    ALTER TABLE counters ADD COLUMN pause_reason TEXT;
    CREATE TABLE alerts_open (
      key TEXT PRIMARY KEY,
      since INTEGER NOT NULL,
      data TEXT NOT NULL -- the alert as the wire has it (JSON)
    ) STRICT;
    CREATE TABLE appointments (
      id INTEGER PRIMARY KEY,
      code TEXT NOT NULL UNIQUE,
      code_hash TEXT NOT NULL UNIQUE,
      field_id INTEGER NOT NULL REFERENCES fields(id),
      service_day TEXT NOT NULL,
      starts_at INTEGER NOT NULL,
      ends_at INTEGER NOT NULL CHECK (ends_at > starts_at),
      priority INTEGER NOT NULL CHECK (priority IN (0, 1)),
      created_at INTEGER NOT NULL,
      created_by INTEGER REFERENCES staff(id)
    ) STRICT;
    CREATE INDEX appointments_by_day ON appointments(service_day, starts_at);
    CREATE INDEX events_counter_states ON events(counter_id, seq) WHERE counter_id IS NOT NULL AND type LIKE 'counter:%';
  `);
}
