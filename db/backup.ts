import type { Db } from './open.ts';

/**
 * A consistent copy of the database in one statement: it reads one snapshot (WAL: the hub keeps
 * writing meanwhile, never blocked) and writes a compact file. Run off the hub's event loop.
 * The target must not exist yet, or be empty (then it keeps its permissions).
 */
export function vacuumInto(db: Db, file: string): void {
  db.prepare('VACUUM INTO ?').run(file);
}
