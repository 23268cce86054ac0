import type { Database } from 'better-sqlite3';

// The link to the province server, if the center joined one: where it is, the site token it gave,
// how far the province has acknowledged this hub's journal, how the last attempt went, and which
// version of the province's field catalogue the center accepted.
export function migrate0080(db: Database): void {
  db.exec(`
    CREATE TABLE province_link (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      url TEXT NOT NULL,
      site_id INTEGER NOT NULL,
      site_name TEXT NOT NULL,
      token TEXT NOT NULL,
      acked_seq INTEGER NOT NULL DEFAULT 0,
      share_names INTEGER NOT NULL DEFAULT 0 CHECK (share_names IN (0, 1)),
      config_hash TEXT,
      joined_at INTEGER NOT NULL,
      last_push_at INTEGER,
      last_error TEXT,
      last_error_at INTEGER,
      catalogue_version INTEGER
    ) STRICT;
  `);
}
