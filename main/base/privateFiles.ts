// The data folder holds every ticket, the staff's password hashes, the hub's secret (in the
// database), device tokens' hashes and the logs: the owner's alone (700 for folders, 600 for
// files), never the world's. Windows keeps permissions in ACLs: these calls do nothing there.
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const posix = process.platform !== 'win32';

/** A file or folder of another owner (or on a read-only disk) keeps its mode: that never stops the hub. */
function restrict(path: string, mode: number): void {
  if (!posix) return;
  try {
    chmodSync(path, mode);
  } catch {
    /* not ours to change */
  }
}

/** Makes a folder (or keeps it) the owner's alone, with the files directly in it. */
export function makePrivateDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (err) {
    throw whyNotMade(dir, err);
  }
  restrict(dir, 0o700);
  if (!posix) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile()) restrict(join(dir, entry.name), 0o600);
  }
}

/**
 * Creates a file (empty) that only its owner may read, or makes an existing one so. SQLite gives
 * a database's -wal and -shm files the database file's own permissions, so a database created
 * this way keeps them private too.
 */
export function makePrivateFile(file: string): void {
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  restrict(file, 0o600);
}

/** The database file and, when they exist, its -wal and -shm files. */
export function makePrivateDatabase(file: string): void {
  makePrivateFile(file);
  for (const side of [`${file}-wal`, `${file}-shm`]) if (existsSync(side)) makePrivateFile(side);
}

/**
 * Node's recursive mkdir reports a folder it could not make on a read-only disk as ENOENT, which
 * reads as a bad path rather than a disk to repair (a new install on a read-only disk exited). The
 * first missing folder, made alone, says why: EROFS, ENOSPC, EACCES.
 */
function whyNotMade(dir: string, err: unknown): unknown {
  if ((err as NodeJS.ErrnoException | null)?.code !== 'ENOENT') return err; // a Node error carries its code
  let first = resolve(dir);
  while (dirname(first) !== first && !existsSync(dirname(first))) first = dirname(first);
  try {
    mkdirSync(first, { mode: 0o700 });
  } catch (real) {
    return real;
  }
  return err;
}
