// Sums one service day's tickets into groups (issue field, field, counter, officer). The same
// function summarises a closed day for storage and today's tickets live, so both agree.
import type { DayRollupRow, StatsTicketRow } from '../../db/stats.ts';

export const LEVEL_SLOTS = 11;

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
    g.issued++;
    const hour = Math.min(23, Math.max(0, Math.floor((t.issuedAt - midnight) / 3_600_000)));
    g.hours[hour]!++;
    if (t.firstCalledAt !== null) g.waitList.push(Math.max(0, t.firstCalledAt - t.issuedAt));
    if (t.status === 'done') {
      g.served++;
      const start = t.servingAt ?? t.calledAt;
      if (start !== null && t.finishedAt !== null) {
        g.serviceN++;
        g.serviceMs += Math.max(0, t.finishedAt - start);
      }
    } else if (t.status === 'no_show') g.noShow++;
    else if (t.status === 'cancelled') g.cancelled++;
    if (t.level !== null && t.level >= 0 && t.level < LEVEL_SLOTS) {
      g.levels[t.level]!++;
      const reasons = t.reasons ? (JSON.parse(t.reasons) as string[]) : [];
      if (reasons.length > 0) {
        g.reasons ??= {};
        for (const code of reasons) g.reasons[code] = (g.reasons[code] ?? 0) + 1;
      }
    }
  }
  return [...groups.values()].map(({ waitList, ...g }) => ({ ...g, waits: Int32Array.from(waitList) }));
}
