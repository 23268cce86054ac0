// The province console's ranking orders (renderer/src/province/ranking.ts): by satisfaction it is
// the province's own order; by a wait, shortest first, sites without that wait last, ties as the
// province ranks them, and the ranks 1..n in the new order.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { SiteReportRow } from '../../main/contract/index.ts';
import { rankOrders, rankSites } from '../../renderer/src/province/ranking.ts';

function row(siteId: number, rank: number, waitAvgMs: number | null, waitP90Ms: number | null): SiteReportRow {
  const f = { issued: 0, served: 0, noShow: 0, cancelled: 0, noShowRate: null, serviceAvgMs: null, ratings: 0, satisfactionIndex: null };
  return { ...f, siteId, name: `Điểm ${siteId}`, level: 'xa', district: '', rank, waitAvgMs, waitP90Ms };
}
const wait = fc.option(fc.integer({ min: 0, max: 3 * 3_600_000 }), { nil: null });

describe('the ranking orders', () => {
  it('offers a wait order only when some site has that wait', () => {
    expect(rankOrders([row(1, 1, null, null)])).toEqual(['satisfaction']);
    expect(rankOrders([row(1, 1, 60_000, null)])).toEqual(['satisfaction', 'waitAvg']);
    expect(rankOrders([row(1, 1, 60_000, 90_000), row(2, 2, null, null)])).toEqual(['satisfaction', 'waitP90', 'waitAvg']);
  });

  it('by a wait: shortest first, none last, ties in the province order, ranks 1..n', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(wait, wait), { maxLength: 30 }), (waits) => {
        const rows = waits.map(([avg, p90], i) => row(i + 1, i + 1, avg, p90)).reverse();
        expect(rankSites(rows, 'satisfaction').map((r) => r.siteId)).toEqual(waits.map((_, i) => i + 1));
        for (const [by, of] of [
          ['waitP90', (r: SiteReportRow) => r.waitP90Ms],
          ['waitAvg', (r: SiteReportRow) => r.waitAvgMs],
        ] as const) {
          const out = rankSites(rows, by);
          expect(out.map((r) => r.rank)).toEqual(out.map((_, i) => i + 1));
          expect(new Set(out.map((r) => r.siteId)).size).toBe(rows.length);
          for (let i = 1; i < out.length; i++) {
            const a = of(out[i - 1]!) ?? Infinity;
            const b = of(out[i]!) ?? Infinity;
            expect(a <= b).toBe(true);
            if (a === b) expect(out[i - 1]!.siteId < out[i]!.siteId).toBe(true);
          }
        }
      }),
    );
  });
});
