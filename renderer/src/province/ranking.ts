// The orders the ranking can take. The province ranks by satisfaction (its report does too); the
// waits give other orders when the period has them. Each order is said in words above the table.
import type { SiteReportRow } from '../../../main/contract/index.ts';

export type RankBy = 'satisfaction' | 'waitP90' | 'waitAvg';

const waitOf: Record<Exclude<RankBy, 'satisfaction'>, (r: SiteReportRow) => number | null> = {
  waitP90: (r) => r.waitP90Ms,
  waitAvg: (r) => r.waitAvgMs,
};

/** The orders these rows support: a wait order only when some site has that wait. */
export function rankOrders(rows: readonly SiteReportRow[]): RankBy[] {
  return ['satisfaction', ...(['waitP90', 'waitAvg'] as const).filter((by) => rows.some((r) => waitOf[by](r) !== null))];
}

/** The rows in that order with their rank in it: shortest wait first, sites without one last, ties as the province ranks them. */
export function rankSites(rows: readonly SiteReportRow[], by: RankBy): SiteReportRow[] {
  const byProvince = [...rows].sort((a, b) => a.rank - b.rank);
  if (by === 'satisfaction') return byProvince;
  const wait = waitOf[by];
  return byProvince
    .map((r, i) => ({ r, i, w: wait(r) ?? Infinity }))
    .sort((a, b) => a.w - b.w || a.i - b.i)
    .map(({ r }, i) => ({ ...r, rank: i + 1 }));
}
