import type { Database } from 'better-sqlite3';

// Text messages to citizens (#26): what is to be sent, sent or failed. No phone number here: the
// numbers live in a file of their own (db/sms.ts), kept only for their day and never backed up.
// `state`: queued → sending → sent | failed | unknown (handed to the modem, no verdict: never sent
// again) | dropped (no longer useful: the ticket moved on, or its number is gone with its day).
export function migrate0150(db: Database): void {
  db.exec(`
    CREATE TABLE sms_outbox (
      id INTEGER PRIMARY KEY,
      ticket_id INTEGER NOT NULL REFERENCES tickets(id),
      service_day TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('ahead', 'called')),
      call_no INTEGER NOT NULL,
      text TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'unknown', 'dropped')),
      attempts INTEGER NOT NULL DEFAULT 0,
      next_at INTEGER NOT NULL,
      created_at INTEGER NOT NULL,
      done_at INTEGER,
      failure TEXT,
      UNIQUE (ticket_id, kind, call_no)
    ) STRICT;
    CREATE INDEX sms_outbox_due ON sms_outbox (state, next_at);
    CREATE INDEX sms_outbox_day ON sms_outbox (service_day, state);
  `);
}
