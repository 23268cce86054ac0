// The province's own settings: the report heading a director signs (Nghị định 30/2020) and the
// level of each site. A stored value that no longer passes its rule falls back alone, the others kept.
import { ProvinceReportSettings, type SiteLevel } from '../main/contract/index.ts';
import { HubError } from '../main/base/errors.ts';
import type { Pool } from './db/pool.ts';
import { readReportSettings, setSiteLevel, writeReportSettings } from './db/settings.ts';

/** Nothing saved yet: the report leaves each of these for the hand. */
export const blankReportSettings: ProvinceReportSettings = { provinceName: '', agency: '', signerTitle: '', signerName: '', place: '' };

export async function reportSettings(pool: Pool): Promise<ProvinceReportSettings> {
  const stored = await readReportSettings(pool);
  const out: ProvinceReportSettings = { ...blankReportSettings };
  if (stored === null || typeof stored !== 'object') return out;
  const fields = new Map<string, unknown>(Object.entries(stored));
  for (const key of ProvinceReportSettings.keyof().options) {
    const one = ProvinceReportSettings.shape[key].safeParse(fields.get(key));
    if (one.success) out[key] = one.data;
  }
  return out;
}

export async function saveReportSettings(pool: Pool, next: ProvinceReportSettings): Promise<ProvinceReportSettings> {
  await writeReportSettings(pool, next);
  return reportSettings(pool);
}

export async function changeSiteLevel(pool: Pool, siteId: number, level: SiteLevel): Promise<{ ok: true }> {
  if (!(await setSiteLevel(pool, siteId, level))) throw new HubError('SITE_NOT_FOUND');
  return { ok: true };
}
