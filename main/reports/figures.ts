// Turns day summaries into the figures the manager reads, by the counting rules shared with the
// province (countingRules.ts). Pure: the rows and the names come in.
import type { DayRollupRow, SmsCountRow } from '../../db/stats.ts';
import { weekdayIndexOf } from '../base/time.ts';
import { median, nearestRank } from '../base/ranks.ts';
import { attribution, isTransferred, LEVEL_SLOTS, noShowRate, ratio, satisfaction } from './countingRules.ts';
import type {
  StatsCounterRow,
  StatsDayRow,
  StatsFieldRow,
  StatsFigures,
  StatsOfficerRow,
  StatsReport,
  StatsSms,
  StatsSmsCounts,
  RatingSettings,
} from '../contract/index.ts';

export interface FigureContext {
  fields: { id: number; code: string; nameVi: string; nameEn: string; targetWaitMin: number }[];
  staff: { id: number; fullName: string; username: string }[];
  counters: { id: number; number: number; nameVi: string; nameEn: string }[];
  rating: Pick<RatingSettings, 'levels' | 'reasons'>;
  filter: { fieldId?: number | undefined; counterId?: number | undefined; staffId?: number | undefined };
}

class Acc {
  issued = 0;
  served = 0;
  noShow = 0;
  cancelled = 0;
  serviceN = 0;
  serviceMs = 0;
  overTarget = 0;
  transferredIn = 0;
  transferredOut = 0;
  readonly waits: Int32Array[] = [];
  readonly levels = new Array<number>(LEVEL_SLOTS).fill(0);

  addIssueSide(r: DayRollupRow, overTarget: number): void {
    this.issued += r.issued;
    this.waits.push(r.waits);
    this.overTarget += overTarget;
  }

  /** A group counts on the side(s) the field filter leaves it. */
  add(r: DayRollupRow, overTarget: number, issueSide: boolean, outcomeSide: boolean): void {
    if (issueSide) this.addIssueSide(r, overTarget);
    if (outcomeSide) this.addOutcomeSide(r);
  }

  addOutcomeSide(r: DayRollupRow): void {
    this.served += r.served;
    this.noShow += r.noShow;
    this.cancelled += r.cancelled;
    this.serviceN += r.serviceN;
    this.serviceMs += r.serviceMs;
    // both hold LEVEL_SLOTS levels, and i stays inside the one it walks
    for (let i = 0; i < r.levels.length; i++) this.levels[i]! += r.levels[i]!;
  }

  /**
   * `scratch` (room for every wait of the report, shared by all groups so a year sorts in one
   * buffer) is where the waits are sorted for the percentiles; without it they are only summed.
   */
  figures(satisfied: ReadonlySet<number>, scratch: Int32Array | null): StatsFigures {
    let n = 0;
    let sum = 0;
    for (const w of this.waits) {
      n += w.length;
      for (const x of w) sum += x;
    }
    const all = scratch ? scratch.subarray(0, n) : new Int32Array(0);
    if (scratch) {
      let at = 0;
      for (const w of this.waits) {
        all.set(w, at);
        at += w.length;
      }
      all.sort();
    }
    const rated = satisfaction(this.levels, satisfied);
    return {
      issued: this.issued,
      served: this.served,
      noShow: this.noShow,
      cancelled: this.cancelled,
      noShowRate: noShowRate(this),
      waitAvgMs: n === 0 ? null : Math.round(sum / n),
      waitMedianMs: roundOrNull(median(all, { sorted: true })),
      waitP90Ms: nearestRank(all, 0.9, { sorted: true }),
      overTargetRate: ratio(this.overTarget, n),
      serviceAvgMs: this.serviceN === 0 ? null : Math.round(this.serviceMs / this.serviceN),
      ratings: rated.ratings,
      responseRate: ratio(rated.ratings, this.served),
      satisfactionIndex: rated.index,
    };
  }
}

const roundOrNull = (x: number | null): number | null => (x === null ? null : Math.round(x));

function getOrAdd<K>(m: Map<K, Acc>, k: K): Acc {
  let a = m.get(k);
  if (!a) m.set(k, (a = new Acc()));
  return a;
}

export function buildReport(
  rows: readonly DayRollupRow[],
  ctx: FigureContext,
  period: Pick<StatsReport, 'preset' | 'from' | 'to' | 'live' | 'generatedAt'>,
): Omit<StatsReport, 'pauses' | 'sms'> {
  const f = ctx.filter;
  const targets = new Map(ctx.fields.map((x) => [x.id, x.targetWaitMin * 60_000]));
  const sortedLevels = [...ctx.rating.levels].sort((a, b) => b.value - a.value);
  const satisfied = new Set(sortedLevels.slice(0, 2).map((l) => l.value));
  const summary = new Acc();
  const byField = new Map<number, Acc>();
  const byStaff = new Map<number, Acc>();
  const byCounter = new Map<number, Acc>();
  const byDay = new Map<string, Acc>();
  const heatmap = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  const reasons = new Map<string, number>();

  for (const r of rows) {
    if (f.counterId !== undefined && r.counterId !== f.counterId) continue;
    if (f.staffId !== undefined && r.staffId !== f.staffId) continue;
    const where = attribution(r, f.fieldId);
    if (!where.total) continue;
    const { issueSide, outcomeSide } = where.total;
    const targetMs = targets.get(r.issueFieldId) ?? Number.MAX_SAFE_INTEGER;
    let over = 0; // how many of the group's waits were over their field's target
    for (const w of r.waits) if (w > targetMs) over++;
    summary.add(r, over, issueSide, outcomeSide);
    getOrAdd(byDay, r.serviceDay).add(r, over, issueSide, outcomeSide);
    if (issueSide) {
      // 7 weekday rows (weekdayIndexOf gives 0…6) of 24 hours, as each group's hours
      const row = heatmap[weekdayIndexOf(r.serviceDay)]!;
      for (let h = 0; h < 24; h++) row[h]! += r.hours[h]!; // both have 24 hours
    }
    if (outcomeSide && r.reasons) for (const [code, n] of Object.entries(r.reasons)) reasons.set(code, (reasons.get(code) ?? 0) + n);
    // Breakdowns show every field the ticket touched, and the officer and counter that finished it.
    for (const [fieldId, sides] of where.fields) getOrAdd(byField, fieldId).add(r, over, sides.issueSide, sides.outcomeSide);
    if (isTransferred(r)) {
      if (issueSide) getOrAdd(byField, r.issueFieldId).transferredOut += r.issued;
      if (outcomeSide) getOrAdd(byField, r.fieldId).transferredIn += r.issued;
    }
    if (r.staffId !== 0) getOrAdd(byStaff, r.staffId).add(r, over, issueSide, outcomeSide);
    if (where.counter) getOrAdd(byCounter, where.counter[0]).add(r, over, issueSide, outcomeSide);
  }

  let waits = 0;
  for (const r of rows) waits += r.waits.length;
  const scratch = new Int32Array(waits);
  const fieldById = new Map(ctx.fields.map((x) => [x.id, x]));
  const staffById = new Map(ctx.staff.map((x) => [x.id, x]));
  const counterById = new Map(ctx.counters.map((x) => [x.id, x]));
  const fieldOrder = new Map(ctx.fields.map((x, i) => [x.id, i]));
  const reasonNames = new Map(ctx.rating.reasons.map((x) => [x.code, x]));

  const fieldRows: StatsFieldRow[] = [...byField]
    .filter(([id]) => f.fieldId === undefined || id === f.fieldId)
    .sort(([a], [b]) => (fieldOrder.get(a) ?? 1e9) - (fieldOrder.get(b) ?? 1e9))
    .map(([id, a]) => {
      const x = fieldById.get(id);
      return {
        fieldId: id,
        code: x?.code ?? `#${id}`,
        nameVi: x?.nameVi ?? `#${id}`,
        nameEn: x?.nameEn ?? `#${id}`,
        transferredIn: a.transferredIn,
        transferredOut: a.transferredOut,
        ...a.figures(satisfied, scratch),
      };
    });
  const officerRows: StatsOfficerRow[] = [...byStaff]
    .map(([id, a]) => ({
      staffId: id,
      fullName: staffById.get(id)?.fullName ?? `#${id}`,
      username: staffById.get(id)?.username ?? '',
      ...a.figures(satisfied, scratch),
    }))
    .sort((a, b) => a.fullName.localeCompare(b.fullName, 'vi'));
  const counterRows: StatsCounterRow[] = [...byCounter]
    .map(([id, a]) => ({
      counterId: id,
      number: counterById.get(id)?.number ?? 0,
      nameVi: counterById.get(id)?.nameVi ?? `Quầy #${id}`,
      nameEn: counterById.get(id)?.nameEn ?? `Counter #${id}`,
      ...a.figures(satisfied, scratch),
    }))
    .sort((a, b) => a.number - b.number);
  const dayRows: StatsDayRow[] = [...byDay]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([day, a]) => {
      const x = a.figures(satisfied, null);
      return {
        day,
        issued: x.issued,
        served: x.served,
        noShow: x.noShow,
        waitAvgMs: x.waitAvgMs,
        ratings: x.ratings,
        satisfactionIndex: x.satisfactionIndex,
      };
    });

  return {
    ...period,
    filter: { fieldId: f.fieldId ?? null, counterId: f.counterId ?? null, staffId: f.staffId ?? null },
    summary: summary.figures(satisfied, scratch),
    levels: sortedLevels.map((l) => ({ value: l.value, vi: l.vi, en: l.en, count: summary.levels[l.value] ?? 0 })),
    reasons: [...reasons]
      .map(([code, count]) => ({ code, vi: reasonNames.get(code)?.vi ?? code, en: reasonNames.get(code)?.en ?? code, count }))
      .sort((a, b) => b.count - a.count),
    heatmap,
    byField: fieldRows,
    byOfficer: officerRows,
    byCounter: counterRows,
    byDay: dayRows,
  };
}

const noSms = (): StatsSmsCounts => ({ sent: 0, failed: 0, failedRefused: 0, failedNoRetry: 0, unknown: 0, dropped: 0, pending: 0 });

function addSms(c: StatsSmsCounts, r: SmsCountRow): void {
  switch (r.outcome) {
    case 'failed-refused':
      c.failedRefused += r.n;
      c.failed += r.n;
      return;
    case 'failed-no-retry':
      c.failedNoRetry += r.n;
      c.failed += r.n;
      return;
    default:
      c[r.outcome] += r.n;
  }
}

/**
 * The text messages of a period, by outcome, in total, per field and per day. Shown when sending
 * is on (0 sent is then a figure worth reading) or when some were queued in the period (a center
 * that turned it off still reports what it sent); otherwise null, so a center that never uses
 * them has no empty block. Null under a counter or officer filter: a message is sent for a
 * ticket waiting in a field, by neither.
 */
export function buildSms(rows: readonly SmsCountRow[], ctx: Pick<FigureContext, 'fields' | 'filter'>, enabled: boolean): StatsSms | null {
  const f = ctx.filter;
  if (f.counterId !== undefined || f.staffId !== undefined) return null;
  const mine = f.fieldId === undefined ? rows : rows.filter((r) => r.fieldId === f.fieldId);
  if (!enabled && mine.length === 0) return null;
  const summary = noSms();
  const byField = new Map<number, StatsSmsCounts>();
  const byDay = new Map<string, StatsSmsCounts>();
  for (const r of mine) {
    addSms(summary, r);
    let field = byField.get(r.fieldId);
    if (!field) byField.set(r.fieldId, (field = noSms()));
    addSms(field, r);
    let day = byDay.get(r.serviceDay);
    if (!day) byDay.set(r.serviceDay, (day = noSms()));
    addSms(day, r);
  }
  const order = new Map(ctx.fields.map((x, i) => [x.id, i]));
  const names = new Map(ctx.fields.map((x) => [x.id, x]));
  return {
    enabled,
    summary,
    byField: [...byField]
      .sort(([a], [b]) => (order.get(a) ?? 1e9) - (order.get(b) ?? 1e9))
      .map(([id, c]) => ({
        fieldId: id,
        code: names.get(id)?.code ?? `#${id}`,
        nameVi: names.get(id)?.nameVi ?? `#${id}`,
        nameEn: names.get(id)?.nameEn ?? `#${id}`,
        ...c,
      })),
    byDay: [...byDay].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([day, c]) => ({ day, ...c })),
  };
}
