import { command, fromJson, query, type Db, type ReadableDB } from './open.ts';

interface SettingRow {
  key: string;
  value: string;
}

/** Every setting, JSON-decoded, keyed by name. */
export function readSettings(db: ReadableDB): Record<string, unknown> {
  const rows = query<[], SettingRow>(db, 'SELECT key, value FROM settings').all();
  return Object.fromEntries(rows.map((r) => [r.key, fromJson(r.value)]));
}

export function writeSettings(db: Db, values: Record<string, unknown>): void {
  const put = command<[string, string]>(
    db,
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  );
  for (const [key, value] of Object.entries(values)) put.run(key, JSON.stringify(value));
}
