import Database from 'better-sqlite3';
import { runMigrations } from './migrations/index.ts';

export type Db = Database.Database;

/**
 * Opens (creating if needed) the hub's database with the durability the design asks for:
 * WAL so readers never block the writer, synchronous=FULL so an acknowledged ticket survives
 * a power cut, foreign keys enforced.
 */
export function openDatabase(file: string): Db {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  runMigrations(db);
  return db;
}

const cache = new WeakMap<Db, Map<string, Database.Statement>>();

/** A prepared statement, prepared once per connection. */
export function stmt(db: Db, sql: string): Database.Statement {
  let byText = cache.get(db);
  if (!byText) cache.set(db, (byText = new Map()));
  let s = byText.get(sql);
  if (!s) byText.set(sql, (s = db.prepare(sql)));
  return s;
}

export function integrityCheck(db: Db): string {
  return db.pragma('integrity_check', { simple: true }) as string;
}

/** Opens an existing database for reading only (verification tools); never migrates. */
export function openDatabaseReadOnly(file: string): Db {
  return new Database(file, { readonly: true, fileMustExist: true });
}

/**
 * Sample data generated in bulk need not wait for the disk after every day (re-run it if the
 * machine stops halfway); never used on a live center's database.
 */
export function setBulkLoading(db: Db, on: boolean): void {
  db.pragma(on ? 'synchronous = OFF' : 'synchronous = FULL');
  if (!on) db.pragma('wal_checkpoint(TRUNCATE)');
}
