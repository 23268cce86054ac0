// What the province's admin sets by hand: the report's heading (one row) and each site's level.
import type { SiteLevel } from '../../main/contract/index.ts';
import type { Pool } from './pool.ts';

/** The stored heading as saved, or null before the first save. */
export async function readReportSettings(pool: Pool): Promise<unknown> {
  const r = await pool.query<{ report: unknown }>('SELECT report FROM province_settings WHERE id = 1');
  return r.rows[0]?.report ?? null;
}

export async function writeReportSettings(pool: Pool, report: object): Promise<void> {
  await pool.query('INSERT INTO province_settings (id, report) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET report = EXCLUDED.report', [
    JSON.stringify(report),
  ]);
}

/** False: no such site. */
export async function setSiteLevel(pool: Pool, siteId: number, level: SiteLevel): Promise<boolean> {
  const r = await pool.query('UPDATE sites SET level = $2 WHERE id = $1', [siteId, level]);
  return r.rowCount === 1;
}
