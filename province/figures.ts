// Figures from aggregate rows, the way the center's statistics compute them.
import type { ProvinceFigures } from '../main/contract/index.ts';
import type { AggRow } from './db/reports.ts';
import { histQuantile } from './waitBuckets.ts';
import { zero } from './apply.ts';
import type { Counts } from './db/counts.ts';

export type Sum = Counts;
export const emptySum = zero;

export function addRow(
  s: Sum,
  r: AggRow,
  parts: { issueSide: boolean; outcomeSide: boolean } = { issueSide: true, outcomeSide: true },
): void {
  if (parts.issueSide) {
    s.issued += r.issued;
    s.waitN += r.waitN;
    s.waitMs += r.waitMs;
    r.hist.forEach((n, i) => (s.hist[i]! += n));
  }
  if (parts.outcomeSide) {
    s.served += r.served;
    s.noShow += r.noShow;
    s.cancelled += r.cancelled;
    s.serviceN += r.serviceN;
    s.serviceMs += r.serviceMs;
    r.levels.forEach((n, i) => (s.levels[i]! += n));
  }
}

const ratio = (a: number, b: number) => (b === 0 ? null : a / b);

export function figures(s: Sum, satisfiedLevels: readonly number[]): ProvinceFigures {
  const ratings = s.levels.reduce((a, n) => a + n, 0);
  const satisfied = satisfiedLevels.reduce((a, v) => a + (s.levels[v] ?? 0), 0);
  return {
    issued: s.issued,
    served: s.served,
    noShow: s.noShow,
    cancelled: s.cancelled,
    noShowRate: ratio(s.noShow, s.served + s.noShow),
    waitAvgMs: s.waitN === 0 ? null : s.waitMs / s.waitN,
    waitP90Ms: histQuantile(s.hist, 0.9),
    serviceAvgMs: s.serviceN === 0 ? null : s.serviceMs / s.serviceN,
    ratings,
    satisfactionIndex: ratio(satisfied, ratings),
  };
}
