import { command, fromJson, query, type Db, type ReadableDB } from './open.ts';

/** An open floor alert as stored: its key, and the alert itself as JSON (the contract's shape). */
export function openAlerts(db: ReadableDB): unknown[] {
  return query<[], { data: string }>(db, 'SELECT data FROM alerts_open ORDER BY since, key')
    .all()
    .map((r) => fromJson(r.data));
}

export function storeOpenAlert(db: Db, key: string, since: number, alert: unknown): void {
  command<[string, number, string]>(db, 'INSERT OR REPLACE INTO alerts_open (key, since, data) VALUES (?, ?, ?)').run(
    key,
    since,
    JSON.stringify(alert),
  );
}

export function dropOpenAlert(db: Db, key: string): void {
  command<[string]>(db, 'DELETE FROM alerts_open WHERE key = ?').run(key);
}
