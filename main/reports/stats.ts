// Statistics over a period: closed days come from their stored summaries (built once, and again
// only if a trigger marked them stale), today is summed live from its tickets.
import type { Db } from '../../db/open.ts';
import {
  builtDays,
  dayChangedSince,
  dayRollups,
  daysWithTickets,
  pausesBetween,
  replaceDayRollup,
  smsCountsBetween,
  ticketsForStats,
  type DayRollupRow,
} from '../../db/stats.ts';
import { headSeq } from '../../db/events.ts';
import type { Journal } from '../store/journal.ts';
import { listFields } from '../../db/fields.ts';
import { listStaff } from '../../db/staff.ts';
import { listCounters } from '../../db/counters.ts';
import { pausesByReason, StatsQuery, type StatsPreset, type StatsReport } from '../contract/index.ts';
import { buildReport, buildSms, type FigureContext } from './figures.ts';
import { rollupDay } from './rollup.ts';
import { HubError } from '../base/errors.ts';
import type { SettingsStore } from '../store/settings.ts';
import { instantOf, serviceDayOf, shiftDay, weekdayIndexOf, type Clock } from '../base/time.ts';

export interface Period {
  preset: StatsPreset;
  from: string;
  to: string;
}
export type StatsRequest = ReturnType<typeof StatsQuery.parse>;
export type Progress = (done: number, total: number) => void;

/** A preset's days up to today: ISO weeks start on Monday, quarters in January, April, July, October. */
export function resolvePeriod(q: Pick<StatsRequest, 'preset' | 'from' | 'to'>, today: string): Period {
  const [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  switch (q.preset) {
    case 'today':
      return { preset: 'today', from: today, to: today };
    case 'week':
      return { preset: 'week', from: shiftDay(today, -weekdayIndexOf(today)), to: today };
    case 'month':
      return { preset: 'month', from: `${today.slice(0, 7)}-01`, to: today };
    case 'quarter':
      return { preset: 'quarter', from: `${y}-${String(Math.floor((m - 1) / 3) * 3 + 1).padStart(2, '0')}-01`, to: today };
    case 'year':
      return { preset: 'year', from: `${y}-01-01`, to: today };
    case 'custom':
      // StatsQuery's refinement refuses a custom period without both days
      return { preset: 'custom', from: q.from!, to: q.to! };
  }
}

/** Lets other work in between days while many summaries are built (a first year takes seconds). */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Where day summaries are kept. The statistics thread only reads; it hands each summary it made
 * (with the journal's head at the moment it read the day) to the hub, the database's one writer,
 * which stores it unless the day changed since. So summaries never hold the hub's write lock.
 */
export interface SummaryStore {
  store(day: string, rows: DayRollupRow[], readAtSeq: number): Promise<void>;
}

/** Stores a summary through the hub's journal, unless a ticket of that day changed after it was read. */
export function journalSummaryStore(db: Db, journal: Journal, clock: Clock): SummaryStore {
  return {
    async store(day, rows, readAtSeq) {
      journal.write(() => {
        if (!dayChangedSince(db, day, readAtSeq)) replaceDayRollup(db, day, rows, clock());
      });
      await journal.settled();
    },
  };
}

export class StatsService {
  constructor(
    private readonly db: Db,
    private readonly summaries: SummaryStore,
    private readonly settings: SettingsStore,
    private readonly clock: Clock,
  ) {}

  today(): string {
    return serviceDayOf(this.clock(), this.settings.get().timezone);
  }

  async report(input: StatsRequest, onProgress?: Progress): Promise<StatsReport> {
    const today = this.today();
    const period = resolvePeriod(input, today);
    const ctx = this.context(input);
    const lastClosed = shiftDay(today, -1);
    const closedTo = period.to < today ? period.to : lastClosed;
    if (period.from <= closedTo) await this.buildMissing(period.from, closedTo, onProgress);
    const live = period.from <= today && period.to >= today;
    // One read snapshot: stored days as stored, any day still without a summary (it changed while
    // being summarised) summed from its tickets, and today live, so the figures always add up; the
    // text messages counted in the same snapshot.
    const { rows, sms } = this.db.transaction(() => {
      const out: DayRollupRow[] = [];
      if (period.from <= closedTo) {
        out.push(...dayRollups(this.db, period.from, closedTo));
        for (const day of this.missingDays(period.from, closedTo)) out.push(...this.sumDay(day));
      }
      if (live) out.push(...this.sumDay(today));
      return { rows: out, sms: smsCountsBetween(this.db, period.from, period.to) };
    })();
    const tz = this.settings.get().timezone;
    const now = this.clock();
    const pauses = pausesBetween(this.db, instantOf(period.from, 0, tz), instantOf(shiftDay(period.to, 1), 0, tz), now, {
      counterId: input.counterId ?? null,
      staffId: input.staffId ?? null,
    });
    return {
      ...buildReport(rows, ctx, { ...period, live, generatedAt: now }),
      pauses: pausesByReason(pauses),
      sms: buildSms(sms, ctx, this.settings.get().sms.enabled),
    };
  }

  /** Builds every closed day's summary that is missing, one day per event-loop turn. */
  async buildMissing(from: string, to: string, onProgress?: Progress): Promise<number> {
    const missing = this.missingDays(from, to);
    for (const [i, day] of missing.entries()) {
      const read = this.db.transaction(() => ({ seq: headSeq(this.db), rows: this.sumDay(day) }))();
      try {
        await this.summaries.store(day, read.rows, read.seq);
      } catch {
        // Not stored (a disk that takes no writes): the report sums that day from its tickets, as
        // for any day still without a summary, and a later request stores it.
      }
      onProgress?.(i + 1, missing.length);
      await nextTurn();
    }
    return missing.length;
  }

  private missingDays(from: string, to: string): string[] {
    const built = builtDays(this.db, from, to);
    return daysWithTickets(this.db, from, to).filter((d) => !built.has(d));
  }

  /** A day summed from its tickets: stored for a closed day, computed per request for today. */
  private sumDay(day: string): DayRollupRow[] {
    return rollupDay(day, instantOf(day, 0, this.settings.get().timezone), ticketsForStats(this.db, day));
  }

  private context(q: StatsRequest): FigureContext {
    const fields = listFields(this.db);
    const staff = listStaff(this.db);
    const counters = listCounters(this.db);
    if (q.fieldId !== undefined && !fields.some((f) => f.id === q.fieldId)) throw new HubError('FIELD_NOT_FOUND');
    if (q.staffId !== undefined && !staff.some((s) => s.id === q.staffId)) throw new HubError('STAFF_NOT_FOUND');
    if (q.counterId !== undefined && !counters.some((c) => c.id === q.counterId)) throw new HubError('COUNTER_NOT_FOUND');
    return {
      fields,
      counters: counters.map((c) => ({ id: c.id, number: c.number, nameVi: c.nameVi, nameEn: c.nameEn })),
      staff: staff.map((s) => ({ id: s.id, fullName: s.fullName, username: s.username })),
      rating: this.settings.get().rating,
      filter: { fieldId: q.fieldId, counterId: q.counterId, staffId: q.staffId },
    };
  }
}
