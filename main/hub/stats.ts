// Statistics over a period: closed days come from their stored summaries (built once, and again
// only if a trigger marked them stale), today is summed live from its tickets.
import type { Db } from '../../db/open.ts';
import { builtDays, dayRollups, daysWithTickets, replaceDayRollup, ticketsForStats, type DayRollupRow } from '../../db/stats.ts';
import { listFields } from '../../db/fields.ts';
import { listStaff } from '../../db/staff.ts';
import { listCounters } from '../../db/counters.ts';
import { StatsQuery, type StatsPreset, type StatsReport } from '../contract/index.ts';
import { buildReport, type FigureContext } from '../stats/figures.ts';
import { rollupDay } from '../stats/rollup.ts';
import { HubError } from './errors.ts';
import type { SettingsStore } from './settings.ts';
import { instantOf, serviceDayOf, shiftDay, weekdayIndexOf, type Clock } from './time.ts';

export interface Period { preset: StatsPreset; from: string; to: string }
export type StatsRequest = ReturnType<typeof StatsQuery.parse>;
export type Progress = (done: number, total: number) => void;

/** A preset's days up to today: ISO weeks start on Monday, quarters in January, April, July, October. */
export function resolvePeriod(q: Pick<StatsRequest, 'preset' | 'from' | 'to'>, today: string): Period {
  const [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  switch (q.preset) {
    case 'today': return { preset: 'today', from: today, to: today };
    case 'week': return { preset: 'week', from: shiftDay(today, -weekdayIndexOf(today)), to: today };
    case 'month': return { preset: 'month', from: `${today.slice(0, 7)}-01`, to: today };
    case 'quarter': return { preset: 'quarter', from: `${y}-${String(Math.floor((m - 1) / 3) * 3 + 1).padStart(2, '0')}-01`, to: today };
    case 'year': return { preset: 'year', from: `${y}-01-01`, to: today };
    case 'custom': return { preset: 'custom', from: q.from!, to: q.to! };
  }
}

/** Lets other work in between days while many summaries are built (a first year takes seconds). */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * How summaries are stored: the hub's journal (group commit) in the hub itself, or a plain
 * IMMEDIATE transaction on the connection of the thread that computes statistics off the loop.
 */
export interface SummaryWriter {
  write<T>(fn: () => T): T;
  settled(): Promise<void>;
}

export class StatsService {
  constructor(
    private readonly db: Db,
    private readonly journal: SummaryWriter,
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
    // Synchronous from here: nothing can mark a day stale between building and reading.
    const rows: DayRollupRow[] = [];
    if (period.from <= closedTo) {
      this.buildMissingNow(period.from, closedTo);
      rows.push(...dayRollups(this.db, period.from, closedTo));
    }
    const live = period.from <= today && period.to >= today;
    if (live) rows.push(...this.sumDay(today));
    return buildReport(rows, ctx, { ...period, live, generatedAt: this.clock() });
  }

  /** Builds every closed day's summary that is missing, one day per event-loop turn. */
  async buildMissing(from: string, to: string, onProgress?: Progress): Promise<number> {
    const missing = this.missingDays(from, to);
    for (let i = 0; i < missing.length; i++) {
      this.journal.write(() => this.buildDay(missing[i]!));
      await this.journal.settled();
      onProgress?.(i + 1, missing.length);
      await nextTurn();
    }
    return missing.length;
  }

  private buildMissingNow(from: string, to: string): void {
    const missing = this.missingDays(from, to);
    if (missing.length > 0) this.journal.write(() => { for (const d of missing) this.buildDay(d); });
  }

  private missingDays(from: string, to: string): string[] {
    const built = builtDays(this.db, from, to);
    return daysWithTickets(this.db, from, to).filter((d) => !built.has(d));
  }

  private buildDay(day: string): void {
    replaceDayRollup(this.db, day, this.sumDay(day), this.clock());
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
      fields, counters: counters.map((c) => ({ id: c.id, number: c.number, nameVi: c.nameVi })),
      staff: staff.map((s) => ({ id: s.id, fullName: s.fullName, username: s.username })),
      rating: this.settings.get().rating,
      filter: { fieldId: q.fieldId, counterId: q.counterId, staffId: q.staffId },
    };
  }
}
