import type { Database } from 'better-sqlite3';

// The first schema. Shipped migrations are never edited: later changes go in new files.
export function migrate0010(db: Database): void {
  db.exec(`
    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL -- JSON
    ) STRICT;

    CREATE TABLE fields (
      id INTEGER PRIMARY KEY,
      code TEXT NOT NULL UNIQUE,
      name_vi TEXT NOT NULL,
      name_en TEXT NOT NULL,
      range_start INTEGER NOT NULL,
      range_end INTEGER NOT NULL,
      daily_limit INTEGER,
      target_wait_min INTEGER NOT NULL,
      service_min INTEGER NOT NULL,
      active INTEGER NOT NULL DEFAULT 1,
      sort_order INTEGER NOT NULL DEFAULT 0,
      CHECK (range_start >= 0 AND range_end >= range_start)
    ) STRICT;

    CREATE TABLE staff (
      id INTEGER PRIMARY KEY,
      username TEXT NOT NULL UNIQUE COLLATE NOCASE,
      full_name TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('admin', 'manager', 'officer')),
      password_hash TEXT NOT NULL,
      active INTEGER NOT NULL DEFAULT 1,
      created_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE counters (
      id INTEGER PRIMARY KEY,
      number INTEGER NOT NULL UNIQUE,
      name_vi TEXT NOT NULL,
      name_en TEXT NOT NULL,
      active INTEGER NOT NULL DEFAULT 1,
      state TEXT NOT NULL DEFAULT 'closed' CHECK (state IN ('closed', 'open', 'paused')),
      staff_id INTEGER REFERENCES staff(id),
      opened_at INTEGER
    ) STRICT;

    CREATE TABLE counter_fields (
      counter_id INTEGER NOT NULL REFERENCES counters(id) ON DELETE CASCADE,
      field_id INTEGER NOT NULL REFERENCES fields(id),
      position INTEGER NOT NULL,
      weight INTEGER NOT NULL DEFAULT 1 CHECK (weight >= 0),
      PRIMARY KEY (counter_id, field_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX counter_fields_by_field ON counter_fields(field_id);

    -- How many tickets of each field a counter has called today: the weighted choice of call-next.
    CREATE TABLE counter_calls (
      service_day TEXT NOT NULL,
      counter_id INTEGER NOT NULL REFERENCES counters(id),
      field_id INTEGER NOT NULL REFERENCES fields(id),
      calls INTEGER NOT NULL,
      PRIMARY KEY (service_day, counter_id, field_id)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE sessions (
      token_hash TEXT PRIMARY KEY,
      staff_id INTEGER NOT NULL REFERENCES staff(id),
      counter_id INTEGER REFERENCES counters(id),
      created_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL,
      revoked_at INTEGER
    ) STRICT;
    CREATE INDEX sessions_by_counter ON sessions(counter_id) WHERE counter_id IS NOT NULL AND revoked_at IS NULL;

    CREATE TABLE devices (
      id INTEGER PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('kiosk', 'display', 'rating', 'counter_board')),
      name TEXT NOT NULL,
      counter_id INTEGER REFERENCES counters(id),
      token_hash TEXT UNIQUE,
      paired_at INTEGER,
      last_seen_at INTEGER,
      revoked_at INTEGER,
      created_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE pairing_codes (
      code TEXT PRIMARY KEY,
      device_id INTEGER NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
      expires_at INTEGER NOT NULL,
      used_at INTEGER
    ) STRICT;

    CREATE TABLE tickets (
      id INTEGER PRIMARY KEY,
      service_day TEXT NOT NULL,
      issue_field_id INTEGER NOT NULL REFERENCES fields(id), -- the field whose range gave the number
      number INTEGER NOT NULL,
      field_id INTEGER NOT NULL REFERENCES fields(id),       -- the field it waits in now
      priority INTEGER NOT NULL DEFAULT 0 CHECK (priority IN (0, 1)),
      source TEXT NOT NULL CHECK (source IN ('kiosk', 'scan', 'appointment', 'staff')),
      status TEXT NOT NULL CHECK (status IN ('waiting', 'called', 'serving', 'done', 'no_show', 'cancelled')),
      issued_at INTEGER NOT NULL,
      queued_at INTEGER NOT NULL,  -- its place in line: issue time, or transfer time when it goes to the back
      called_at INTEGER,
      serving_at INTEGER,
      finished_at INTEGER,
      counter_id INTEGER REFERENCES counters(id),
      staff_id INTEGER REFERENCES staff(id),
      target_counter_id INTEGER REFERENCES counters(id),
      call_count INTEGER NOT NULL DEFAULT 0,
      transfer_count INTEGER NOT NULL DEFAULT 0,
      device_id INTEGER REFERENCES devices(id),
      UNIQUE (service_day, issue_field_id, number)
    ) STRICT;
    -- Call-next, people ahead and waiting counts read these two small partial indexes only.
    CREATE INDEX tickets_waiting ON tickets(field_id, priority DESC, queued_at, id, target_counter_id)
      WHERE status = 'waiting';
    CREATE INDEX tickets_waiting_targeted ON tickets(target_counter_id, queued_at, id)
      WHERE status = 'waiting' AND target_counter_id IS NOT NULL;
    CREATE INDEX tickets_at_counter ON tickets(counter_id) WHERE status IN ('called', 'serving');
    CREATE INDEX tickets_no_show ON tickets(service_day, field_id) WHERE status = 'no_show';
    CREATE INDEX tickets_done ON tickets(field_id, finished_at) WHERE status = 'done';
    CREATE INDEX tickets_by_day ON tickets(service_day, field_id);
    CREATE INDEX tickets_by_called ON tickets(called_at) WHERE called_at IS NOT NULL;

    -- The append-only journal: audit log and source of every live event.
    CREATE TABLE events (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      at INTEGER NOT NULL,
      type TEXT NOT NULL,
      ticket_id INTEGER,
      counter_id INTEGER,
      field_id INTEGER,
      staff_id INTEGER,
      device_id INTEGER,
      data TEXT NOT NULL -- JSON
    ) STRICT;
    CREATE INDEX events_by_ticket ON events(ticket_id) WHERE ticket_id IS NOT NULL;
    CREATE INDEX events_by_at ON events(at);
    CREATE TRIGGER events_no_update BEFORE UPDATE ON events
      BEGIN SELECT RAISE(ABORT, 'the event journal is append-only'); END;
    CREATE TRIGGER events_no_delete BEFORE DELETE ON events
      BEGIN SELECT RAISE(ABORT, 'the event journal is append-only'); END;

    CREATE TABLE ratings (
      id INTEGER PRIMARY KEY,
      ticket_id INTEGER NOT NULL UNIQUE REFERENCES tickets(id),
      counter_id INTEGER REFERENCES counters(id),
      staff_id INTEGER REFERENCES staff(id),
      field_id INTEGER NOT NULL REFERENCES fields(id),
      service_day TEXT NOT NULL,
      at INTEGER NOT NULL,
      level INTEGER NOT NULL,
      reasons TEXT NOT NULL DEFAULT '[]', -- JSON array of reason codes
      comment TEXT,
      prev_hash TEXT NOT NULL,
      hash TEXT NOT NULL UNIQUE
    ) STRICT;
    CREATE INDEX ratings_by_day ON ratings(service_day, field_id);
    CREATE TRIGGER ratings_no_update BEFORE UPDATE ON ratings
      BEGIN SELECT RAISE(ABORT, 'ratings are append-only'); END;
    CREATE TRIGGER ratings_no_delete BEFORE DELETE ON ratings
      BEGIN SELECT RAISE(ABORT, 'ratings are append-only'); END;

    CREATE TABLE print_jobs (
      id INTEGER PRIMARY KEY,
      ticket_id INTEGER NOT NULL REFERENCES tickets(id),
      device_id INTEGER REFERENCES devices(id),
      status TEXT NOT NULL CHECK (status IN ('pending', 'printing', 'printed', 'failed')),
      attempts INTEGER NOT NULL DEFAULT 0,
      error_code TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX print_jobs_pending ON print_jobs(device_id, id) WHERE status IN ('pending', 'failed');
    CREATE INDEX print_jobs_by_ticket ON print_jobs(ticket_id);
  `);
}
