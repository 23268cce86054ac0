// Figures from aggregate rows, by the counting rules the center's statistics use
// (main/reports/countingRules.ts). Pure: the rows come in, the figures go out.
import type { ProvinceFigures } from '../main/contract/index.ts';
import type { AggRow } from './db/reports.ts';
import {
  addCounts,
  attribution,
  histQuantile,
  noShowRate,
  satisfaction,
  zeroCounts,
  type Counts,
  type Sides,
} from '../main/reports/countingRules.ts';

export type Sum = Counts;
/** The rating levels counted as satisfied when a site's configuration names none. */
export const DEFAULT_SATISFIED: readonly number[] = [4, 3];
export const emptySum = zeroCounts;

export function addRow(s: Sum, r: AggRow, sides?: Sides): void {
  addCounts(s, r, sides);
}

export function figures(s: Sum, satisfiedLevels: readonly number[]): ProvinceFigures {
  const rated = satisfaction(s.levels, satisfiedLevels);
  return {
    issued: s.issued,
    served: s.served,
    noShow: s.noShow,
    cancelled: s.cancelled,
    noShowRate: noShowRate(s),
    waitAvgMs: s.waitN === 0 ? null : s.waitMs / s.waitN,
    waitP90Ms: histQuantile(s.hist, 0.9),
    serviceAvgMs: s.serviceN === 0 ? null : s.serviceMs / s.serviceN,
    ratings: rated.ratings,
    satisfactionIndex: rated.index,
  };
}

/** A site's groups summed by field and by counter, where the center counts them (`attribution`). */
export function breakdown(rows: Iterable<AggRow>): { byField: Map<number, Sum>; byCounter: Map<number, Sum> } {
  const byField = new Map<number, Sum>();
  const byCounter = new Map<number, Sum>();
  const at = (m: Map<number, Sum>, id: number) => {
    let s = m.get(id);
    if (!s) m.set(id, (s = emptySum()));
    return s;
  };
  for (const row of rows) {
    const a = attribution({ issueFieldId: row.issueField, fieldId: row.fieldId, counterId: row.counterId });
    for (const [fieldId, sides] of a.fields) addRow(at(byField, fieldId), row, sides);
    if (a.counter) addRow(at(byCounter, a.counter[0]), row, a.counter[1]);
  }
  return { byField, byCounter };
}
