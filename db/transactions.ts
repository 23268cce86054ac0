import type { Db } from './open.ts';

/** The hub's group commit opens one write transaction per event-loop turn and commits it once. */
export function beginWrite(db: Db): void {
  db.exec('BEGIN IMMEDIATE');
}

export function commitWrite(db: Db): void {
  db.exec('COMMIT');
}

export function rollbackWrite(db: Db): void {
  if (db.inTransaction) db.exec('ROLLBACK');
}
