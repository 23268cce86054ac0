import { stmt, type Db } from './open.ts';

interface SettingRow {
  key: string;
  value: string;
}

/** Every setting, JSON-decoded, keyed by name. */
export function readSettings(db: Db): Record<string, unknown> {
  const rows = stmt(db, 'SELECT key, value FROM settings').all() as SettingRow[];
  return Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
}

export function writeSettings(db: Db, values: Record<string, unknown>): void {
  const put = stmt(db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  for (const [key, value] of Object.entries(values)) put.run(key, JSON.stringify(value));
}
