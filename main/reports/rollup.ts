// Sums one service day's tickets into groups (issue field, field, counter, officer). The same
// function summarises a closed day for storage and today's tickets live, so both agree. What a
// ticket counts for is the counting rules' (countingRules.ts), shared with the province.
import type { DayRollupRow, StatsTicketRow } from '../../db/stats.ts';
import { contributionOf, LEVEL_SLOTS } from './countingRules.ts';

export { LEVEL_SLOTS };

interface Acc extends DayRollupRow {
  waitList: number[];
}

/** `midnight` is the instant the day began in the center's time zone. */
export function rollupDay(serviceDay: string, midnight: number, rows: Iterable<StatsTicketRow>): DayRollupRow[] {
  const groups = new Map<string, Acc>();
  for (const t of rows) {
    const counterId = t.counterId ?? 0;
    const staffId = t.staffId ?? 0;
    const key = `${t.issueFieldId}/${t.fieldId}/${counterId}/${staffId}`;
    let g = groups.get(key);
    if (!g) {
      g = {
        serviceDay,
        issueFieldId: t.issueFieldId,
        fieldId: t.fieldId,
        counterId,
        staffId,
        issued: 0,
        served: 0,
        noShow: 0,
        cancelled: 0,
        serviceN: 0,
        serviceMs: 0,
        waits: new Int32Array(0),
        hours: new Int32Array(24),
        levels: new Int32Array(LEVEL_SLOTS),
        reasons: null,
        waitList: [],
      };
      groups.set(key, g);
    }
    const x = contributionOf(t);
    g.issued++;
    const hour = Math.min(23, Math.max(0, Math.floor((t.issuedAt - midnight) / 3_600_000)));
    // hour is clamped to 0…23 and hours has 24 slots
    g.hours[hour]!++;
    if (x.waitMs !== null) g.waitList.push(x.waitMs);
    if (x.outcome === 'served') g.served++;
    else if (x.outcome === 'noShow') g.noShow++;
    else if (x.outcome === 'cancelled') g.cancelled++;
    if (x.serviceMs !== null) {
      g.serviceN++;
      g.serviceMs += x.serviceMs;
    }
    if (x.level !== null) {
      // levels has a slot for each level 0…10 the rating schema allows
      g.levels[x.level]!++;
      // written by insertRating from a string[]; the ratings chain's hash covers it
      const reasons = t.reasons ? (JSON.parse(t.reasons) as string[]) : [];
      if (reasons.length > 0) {
        g.reasons ??= {};
        for (const code of reasons) g.reasons[code] = (g.reasons[code] ?? 0) + 1;
      }
    }
  }
  return [...groups.values()].map(({ waitList, ...g }) => ({ ...g, waits: Int32Array.from(waitList) }));
}
