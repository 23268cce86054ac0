import Database from 'better-sqlite3';
import { runMigrations } from './migrations/index.ts';

declare const readable: unique symbol;
declare const writable: unique symbol;

/**
 * The two kinds of connection, as in Signal-Desktop's SQL layer: a function that only reads takes a
 * ReadableDB, so a read path (statistics, exports, verification tools) cannot write by mistake; the
 * hub's own connection is a WritableDB, which is also readable.
 */
export type ReadableDB = Database.Database & { readonly [readable]: true };
export type WritableDB = ReadableDB & { readonly [writable]: true };
/** The hub's connection. */
export type Db = WritableDB;

/**
 * Opens (creating if needed) the hub's database with the durability the design asks for:
 * WAL so readers never block the writer, synchronous=FULL so an acknowledged ticket survives
 * a power cut, foreign keys enforced.
 */
export function openDatabase(file: string): WritableDB {
  // The brands exist in types only: this is where a connection that may write is made.
  const db = new Database(file) as WritableDB;
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    runMigrations(db);
  } catch (err) {
    // A disk that takes no writes fails here ("disk I/O error" on a full disk, which cannot make
    // the -wal and -shm files): a hub that waits for the disk tries again, never leaking a handle.
    db.close();
    throw err;
  }
  return db;
}

const cache = new WeakMap<ReadableDB, Map<string, Database.Statement>>();

function typed<B extends unknown[], Row>(db: ReadableDB, sql: string): Database.Statement<B, Row> {
  let byText = cache.get(db);
  if (!byText) cache.set(db, (byText = new Map()));
  let s = byText.get(sql);
  if (!s) byText.set(sql, (s = db.prepare(sql)));
  // The caller declares the statement's parameters and row once, next to its SQL; SQLite cannot
  // check them, and one cache holds statements of every type.
  return s as Database.Statement<B, Row>;
}

/** Bound parameters: positional (`?`) as a tuple, or named (`@name`) as one object. */
type Params = unknown[] | object;
type Bind<P extends Params> = P extends unknown[] ? P : [P];

/**
 * A statement that reads, typed by its parameters and its row: `query<[number], TicketRow>(db, sql).get(id)`
 * is a `TicketRow | undefined` with no cast. Prepared once per connection.
 */
export function query<P extends Params, Row>(db: ReadableDB, sql: string): Database.Statement<Bind<P>, Row> {
  return typed<Bind<P>, Row>(db, sql);
}

/**
 * A statement that reads one aggregate (COUNT, MAX, EXISTS without GROUP BY), which SQLite answers
 * with exactly one row: `aggregate<[number], { n: number }>(db, sql).get(id).n`.
 */
export function aggregate<P extends unknown[], Row>(db: ReadableDB, sql: string): { get(...params: P): Row } {
  const statement = typed<P, Row>(db, sql);
  return {
    get(...params: P): Row {
      const row = statement.get(...params);
      if (row === undefined) throw new Error(`An aggregate query returned no row: ${sql}`);
      return row;
    },
  };
}

/** A statement that writes: it takes the writable connection only. */
export function command<P extends Params>(db: WritableDB, sql: string): Database.Statement<Bind<P>, never> {
  return typed<Bind<P>, never>(db, sql);
}

/** A JSON column's value, typed as unknown (not `any`): the caller knows or checks its shape. */
export function fromJson(text: string): unknown {
  return JSON.parse(text);
}

export function integrityCheck(db: Db): string {
  return String(db.pragma('integrity_check', { simple: true }));
}

/** Opens an existing database for reading only (verification tools); never migrates. */
export function openDatabaseReadOnly(file: string): ReadableDB {
  // The brand exists in types only: this connection was opened read-only.
  return new Database(file, { readonly: true, fileMustExist: true }) as ReadableDB;
}

/**
 * Sample data generated in bulk need not wait for the disk after every day (re-run it if the
 * machine stops halfway); never used on a live center's database.
 */
export function setBulkLoading(db: Db, on: boolean): void {
  db.pragma(on ? 'synchronous = OFF' : 'synchronous = FULL');
  if (!on) db.pragma('wal_checkpoint(TRUNCATE)');
}

/** What a failed write says about the disk under the database: full, read-only, failing, or nothing. */
export type StorageFault = 'full' | 'readonly' | 'io';

/**
 * A SQLite error (SQLITE_FULL, SQLITE_READONLY…, SQLITE_IOERR…) or a file system error (ENOSPC,
 * EROFS, EIO) as a disk fault; null for any other error (a constraint, a bug).
 */
export function storageFaultOf(err: unknown): StorageFault | null {
  const code = err !== null && typeof err === 'object' && 'code' in err ? err.code : undefined;
  if (typeof code !== 'string') return null;
  if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL') return 'full';
  if (code === 'EROFS' || code.startsWith('SQLITE_READONLY')) return 'readonly';
  if (code === 'EIO' || code.startsWith('SQLITE_IOERR') || code === 'SQLITE_CANTOPEN') return 'io';
  return null;
}
