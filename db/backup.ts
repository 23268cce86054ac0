import type { Db } from './open.ts';

/** SQLite's online backup: a consistent copy while the hub keeps writing. */
export async function backupTo(db: Db, file: string): Promise<void> {
  await db.backup(file);
}
