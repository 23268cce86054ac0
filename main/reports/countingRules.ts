// The counting rules, in one place for the center's statistics (main/reports/rollup.ts,
// figures.ts) and the province's figures (province/apply.ts, figures.ts): what one ticket adds
// to a cell (issued, its wait, its outcome, its service time, its rating), the wait histogram,
// which field and counter a ticket's counts go to, and the ratios read from the sums. Pure: no
// database, no clock. tests/main/countingRules.test.ts checks that any sequence of ticket events
// gives the same figures counted the center's way (final states, summed) and the province's way
// (cells moved event batch by event batch).
import { isTicketEvent, type JournalEvent } from '../contract/index.ts';

/** Rating levels are 0…10. */
export const LEVEL_SLOTS = 11;

// ---- the wait histogram ----

// Waits are kept as a histogram where a period is read from sums (the province keeps it per site
// and day and per field and counter), so a province-year's P90 is read from ~20,000 rows of 30
// numbers instead of five million waits. Bucket edges in minutes: one minute wide up to 10, two to
// 20, five to 60, then 15 to 120 and wider after. A percentile is interpolated inside its bucket,
// so it is off by less than the bucket's width: under a minute for waits under 10 minutes, under
// 2.5 minutes to an hour's wait. Rankings compare sites minutes apart, so that is enough; exact
// medians would need every wait kept and read (the center keeps them: its own days are small).
export const WAIT_EDGES_MIN = [
  1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 14, 16, 18, 20, 25, 30, 35, 40, 45, 50, 60, 75, 90, 105, 120, 150, 180, 240,
];
export const WAIT_BUCKETS = WAIT_EDGES_MIN.length + 1;
const EDGES_MS = WAIT_EDGES_MIN.map((m) => m * 60_000);
/** The lower edge of bucket i (0 for the first), in ms. */
const lowerEdge = (i: number): number => EDGES_MS[i - 1] ?? 0;

export function waitBucket(ms: number): number {
  let i = 0;
  for (const edge of EDGES_MS) {
    if (!(ms >= edge)) break;
    i++;
  }
  return i;
}

/** The q-quantile (0…1) of the waits a histogram counts, in ms; null when it counts none. */
export function histQuantile(hist: readonly number[], q: number): number | null {
  const total = hist.reduce((a, n) => a + n, 0);
  if (total === 0) return null;
  const rank = q * total;
  let seen = 0;
  for (const [i, n] of hist.entries()) {
    if (n > 0 && seen + n >= rank) {
      const lo = lowerEdge(i);
      const hi = EDGES_MS[i] ?? lo; // the open last bucket reports its lower edge
      return lo + ((rank - seen) / n) * (hi - lo);
    }
    seen += n;
  }
  return lowerEdge(EDGES_MS.length);
}

/** The width of the bucket a wait falls in: how far a quantile read from the histogram may be off. */
export function bucketWidthMs(ms: number): number {
  const i = waitBucket(ms);
  const lo = lowerEdge(i);
  return (EDGES_MS[i] ?? lo) - lo;
}

// ---- one ticket ----

/** What counting needs of a ticket: its fields, its counter, its times, its status and its rating. */
export interface CountedTicket {
  /** The field that gave the number (a transfer does not change it). */
  issueFieldId: number;
  /** The field it is in now (where its outcome counts). */
  fieldId: number;
  /** The counter that last had it; null: none. */
  counterId: number | null;
  status: string;
  issuedAt: number;
  /** The first call ever: the wait ends there, whatever happens after (recalls, transfers, reactivation). */
  firstCalledAt: number | null;
  calledAt: number | null;
  servingAt: number | null;
  finishedAt: number | null;
  /** The rating's level, if rated. */
  level: number | null;
}

export type Outcome = 'served' | 'noShow' | 'cancelled' | null;

/** What one ticket adds to the figures. */
export interface Contribution {
  /** From issue to first call; null: never called. */
  waitMs: number | null;
  outcome: Outcome;
  /** From the start of service (or the call, if service was never started) to the end; only for served tickets. */
  serviceMs: number | null;
  /** A level that counts (0…10); null: not rated, or a level out of range. */
  level: number | null;
}

export function contributionOf(t: CountedTicket): Contribution {
  const waitMs = t.firstCalledAt === null ? null : Math.max(0, t.firstCalledAt - t.issuedAt);
  const outcome: Outcome =
    t.status === 'done' ? 'served' : t.status === 'no_show' ? 'noShow' : t.status === 'cancelled' ? 'cancelled' : null;
  const start = t.servingAt ?? t.calledAt;
  const serviceMs = outcome === 'served' && start !== null && t.finishedAt !== null ? Math.max(0, t.finishedAt - start) : null;
  const level = t.level !== null && Number.isInteger(t.level) && t.level >= 0 && t.level < LEVEL_SLOTS ? t.level : null;
  return { waitMs, outcome, serviceMs, level };
}

/** A ticket is counted as transferred out of the field that gave its number into the field it ended in. */
export const isTransferred = (t: Pick<CountedTicket, 'issueFieldId' | 'fieldId'>): boolean => t.fieldId !== t.issueFieldId;

// ---- cells of sums ----

/**
 * The sums a cell holds: the province's aggregate rows (and ingest's deltas, and a report's
 * totals). The issue side (issued, waits) and the outcome side (outcomes, service, ratings) can be
 * added apart: see `attribution`.
 */
export interface Counts {
  issued: number;
  served: number;
  noShow: number;
  cancelled: number;
  waitN: number;
  waitMs: number;
  serviceN: number;
  serviceMs: number;
  /** Ratings per level value (0…10). */
  levels: number[];
  /** Waits per bucket (`waitBucket`). */
  hist: number[];
}

/** A cell with nothing counted yet. */
export const zeroCounts = (): Counts => ({
  issued: 0,
  served: 0,
  noShow: 0,
  cancelled: 0,
  waitN: 0,
  waitMs: 0,
  serviceN: 0,
  serviceMs: 0,
  levels: new Array<number>(LEVEL_SLOTS).fill(0),
  hist: new Array<number>(WAIT_BUCKETS).fill(0),
});

export interface Sides {
  issueSide: boolean;
  outcomeSide: boolean;
}
export const BOTH_SIDES: Sides = { issueSide: true, outcomeSide: true };
export const ISSUE_SIDE: Sides = { issueSide: true, outcomeSide: false };
export const OUTCOME_SIDE: Sides = { issueSide: false, outcomeSide: true };

/** Adds (sign 1) or takes out (sign -1) one ticket's contribution. */
export function addContribution(c: Counts, x: Contribution, sign: 1 | -1 = 1, sides: Sides = BOTH_SIDES): void {
  if (sides.issueSide) {
    c.issued += sign;
    if (x.waitMs !== null) {
      c.waitN += sign;
      c.waitMs += sign * x.waitMs;
      const b = waitBucket(x.waitMs);
      c.hist[b] = (c.hist[b] ?? 0) + sign;
    }
  }
  if (sides.outcomeSide) {
    if (x.outcome === 'served') c.served += sign;
    else if (x.outcome === 'noShow') c.noShow += sign;
    else if (x.outcome === 'cancelled') c.cancelled += sign;
    if (x.serviceMs !== null) {
      c.serviceN += sign;
      c.serviceMs += sign * x.serviceMs;
    }
    if (x.level !== null) c.levels[x.level] = (c.levels[x.level] ?? 0) + sign;
  }
}

/** Adds a cell's sums into another, on the sides asked (arrays of any length: a missing slot is 0). */
export function addCounts(into: Counts, from: Counts, sides: Sides = BOTH_SIDES): void {
  if (sides.issueSide) {
    into.issued += from.issued;
    into.waitN += from.waitN;
    into.waitMs += from.waitMs;
    from.hist.forEach((n, i) => (into.hist[i] = (into.hist[i] ?? 0) + n));
  }
  if (sides.outcomeSide) {
    into.served += from.served;
    into.noShow += from.noShow;
    into.cancelled += from.cancelled;
    into.serviceN += from.serviceN;
    into.serviceMs += from.serviceMs;
    from.levels.forEach((n, i) => (into.levels[i] = (into.levels[i] ?? 0) + n));
  }
}

// ---- where a group of tickets counts ----

/**
 * A group of tickets sharing an issue field, a field and a counter (0: none) counts: in full in
 * the totals; issued and waits in the field that gave the number, outcomes in the field they ended
 * in; in full at the counter that last had them. With a field filter, a group counts on the
 * side(s) that belong to the field.
 */
export function attribution(
  g: { issueFieldId: number; fieldId: number; counterId: number },
  fieldFilter?: number,
): { total: Sides | null; fields: [number, Sides][]; counter: [number, Sides] | null } {
  const issueSide = fieldFilter === undefined || g.issueFieldId === fieldFilter;
  const outcomeSide = fieldFilter === undefined || g.fieldId === fieldFilter;
  if (!issueSide && !outcomeSide) return { total: null, fields: [], counter: null };
  const total: Sides = { issueSide, outcomeSide };
  const fields: [number, Sides][] = [];
  if (issueSide) fields.push([g.issueFieldId, ISSUE_SIDE]);
  if (outcomeSide) fields.push([g.fieldId, OUTCOME_SIDE]);
  return { total, fields, counter: g.counterId === 0 ? null : [g.counterId, total] };
}

// ---- ratios ----

export const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);

/** No-shows among the tickets called to an end (served or absent). */
export const noShowRate = (c: Pick<Counts, 'served' | 'noShow'>): number | null => ratio(c.noShow, c.served + c.noShow);

/** Ratings at the satisfied levels (a center's two highest) among all ratings. */
export function satisfaction(levels: ArrayLike<number>, satisfied: Iterable<number>): { ratings: number; index: number | null } {
  const ratings = Array.from(levels).reduce((a, n) => a + n, 0);
  let happy = 0;
  for (const v of new Set(satisfied)) happy += levels[v] ?? 0;
  return { ratings, index: ratio(happy, ratings) };
}

// ---- a ticket's state from the journal ----

/** A ticket as the province knows it from the events a center pushed. */
export interface TicketState extends CountedTicket {
  ticketId: number;
  serviceDay: string;
  /** The number the citizen holds (an audit names tickets by it). */
  number: number;
}

/**
 * The ticket after an event, from the ticket the event carries and what was known before: the
 * journal's tickets lack the two facts only the center's own row has, the field that gave the
 * number (the first event's) and the first call (the first `calledAt` seen, kept from then on).
 * Returns `before` itself when the event changes nothing counted.
 */
export function ticketAfter(before: TicketState | undefined, e: JournalEvent): TicketState | undefined {
  if (e.type === 'rating:submitted') {
    if (!before || e.data.level === undefined) return before;
    return { ...before, level: e.data.level };
  }
  if (!isTicketEvent(e)) return before;
  const t = e.data.ticket;
  return {
    ticketId: t.id,
    serviceDay: t.serviceDay,
    number: t.number,
    issueFieldId: before?.issueFieldId ?? t.fieldId,
    fieldId: t.fieldId,
    counterId: t.counterId,
    status: t.status,
    issuedAt: t.issuedAt,
    firstCalledAt: before?.firstCalledAt ?? t.calledAt,
    calledAt: t.calledAt,
    servingAt: t.servingAt,
    finishedAt: t.finishedAt,
    level: before?.level ?? null,
  };
}

/** The ticket an event is about (a rating names it in its data), or null. */
export function ticketOf(e: JournalEvent): number | null {
  if (e.type === 'rating:submitted') return e.data.ticketId;
  return e.type.startsWith('ticket:') ? e.ticketId : null;
}
