// What a batch of a site's events does to the province's figures. Each ticket has one current
// state; its contribution to the aggregates (issued, waits, served, no-shows, ratings…) is counted
// exactly as the center's own statistics count it (main/reports/rollup.ts). A change of state
// moves the ticket's contribution: the old one is taken out, the new one put in. So the figures
// equal the center's, whatever order tickets are called, transferred, reactivated or rated.
import type { JournalEvent } from '../main/contract/index.ts';
import { WAIT_BUCKETS, waitBucket } from './waitBuckets.ts';
import type { Counts } from './db/counts.ts';

export const LEVEL_SLOTS = 11;

export interface TicketState {
  ticketId: number;
  serviceDay: string;
  issueField: number;
  fieldId: number;
  counterId: number;
  status: string;
  issuedAt: number;
  firstCalledAt: number | null;
  calledAt: number | null;
  servingAt: number | null;
  finishedAt: number | null;
  level: number | null;
}

export type { Counts };

/** A cell with nothing counted yet. */
export const zero = (): Counts => ({
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

/** Adds (sign 1) or takes out (sign -1) one ticket's contribution. */
function addTicket(c: Counts, t: TicketState, sign: 1 | -1): void {
  c.issued += sign;
  if (t.firstCalledAt !== null) {
    const wait = Math.max(0, t.firstCalledAt - t.issuedAt);
    c.waitN += sign;
    c.waitMs += sign * wait;
    c.hist[waitBucket(wait)]! += sign;
  }
  if (t.status === 'done') {
    c.served += sign;
    const start = t.servingAt ?? t.calledAt;
    if (start !== null && t.finishedAt !== null) {
      c.serviceN += sign;
      c.serviceMs += sign * Math.max(0, t.finishedAt - start);
    }
  } else if (t.status === 'no_show') c.noShow += sign;
  else if (t.status === 'cancelled') c.cancelled += sign;
  if (t.level !== null && t.level >= 0 && t.level < LEVEL_SLOTS) c.levels[t.level]! += sign;
}

export interface Deltas {
  /** `${day}|${issueField}|${field}|${counter}` */
  groups: Map<string, Counts>;
  /** by day */
  days: Map<string, Counts>;
}

export function groupKey(t: TicketState): string {
  return `${t.serviceDay}|${t.issueField}|${t.fieldId}|${t.counterId}`;
}

function move(d: Deltas, t: TicketState, sign: 1 | -1): void {
  const g = d.groups.get(groupKey(t)) ?? zero();
  d.groups.set(groupKey(t), g);
  addTicket(g, t, sign);
  const day = d.days.get(t.serviceDay) ?? zero();
  d.days.set(t.serviceDay, day);
  addTicket(day, t, sign);
}

/** The ticket after an event, from the ticket the event carries (and what the province knew). */
function nextState(before: TicketState | undefined, e: JournalEvent): TicketState | undefined {
  if (e.type === 'rating:submitted') {
    if (!before || e.data.level === undefined) return before;
    return { ...before, level: e.data.level };
  }
  if (!e.type.startsWith('ticket:')) return before;
  const t = (e as Extract<JournalEvent, { type: 'ticket:issued' }>).data.ticket;
  return {
    ticketId: t.id,
    serviceDay: t.serviceDay,
    issueField: before?.issueField ?? t.fieldId,
    fieldId: t.fieldId,
    counterId: t.counterId ?? 0,
    status: t.status,
    issuedAt: t.issuedAt,
    firstCalledAt: before?.firstCalledAt ?? t.calledAt,
    calledAt: t.calledAt,
    servingAt: t.servingAt,
    finishedAt: t.finishedAt,
    level: before?.level ?? null,
  };
}

/**
 * Applies a batch (in sequence order) to the tickets it names. `known` holds their states before
 * the batch and is updated in place; the answer is what changed and by how much.
 */
export function applyBatch(known: Map<number, TicketState>, events: readonly JournalEvent[]): { deltas: Deltas; changed: Set<number> } {
  const deltas: Deltas = { groups: new Map(), days: new Map() };
  const changed = new Set<number>();
  for (const e of events) {
    const id = e.type === 'rating:submitted' ? e.data.ticketId : e.ticketId;
    if (id === null) continue;
    const before = known.get(id);
    const after = nextState(before, e);
    if (!after || after === before) continue;
    if (before) move(deltas, before, -1);
    move(deltas, after, 1);
    known.set(id, after);
    changed.add(id);
  }
  return { deltas, changed };
}

/** Ticket ids a batch touches, to load their states first. */
export function ticketIdsOf(events: readonly JournalEvent[]): number[] {
  const ids = new Set<number>();
  for (const e of events) {
    if (e.type === 'rating:submitted') ids.add(e.data.ticketId);
    else if (e.type.startsWith('ticket:') && e.ticketId !== null) ids.add(e.ticketId);
  }
  return [...ids];
}

/** The last state of each counter the batch mentions. */
export function counterStates(events: readonly JournalEvent[]): Map<number, string> {
  const out = new Map<number, string>();
  for (const e of events)
    if (e.type.startsWith('counter:'))
      out.set(
        (e as Extract<JournalEvent, { type: 'counter:opened' }>).data.counter.id,
        (e as Extract<JournalEvent, { type: 'counter:opened' }>).data.counter.state,
      );
  return out;
}
