// What a batch of a site's events does to the province's figures. Each ticket has one current
// state; its contribution to the aggregates is counted by the center's own rules
// (main/reports/countingRules.ts). A change of state moves the ticket's contribution: the old one
// is taken out, the new one put in. So the figures equal the center's, whatever order tickets are
// called, transferred, reactivated or rated.
import { isCounterEvent, type JournalEvent } from '../main/contract/index.ts';
import {
  addContribution,
  contributionOf,
  ticketAfter,
  ticketOf,
  zeroCounts,
  type Counts,
  type TicketState,
} from '../main/reports/countingRules.ts';

export type { Counts, TicketState };

export interface Deltas {
  /** `${day}|${issueField}|${field}|${counter}` */
  groups: Map<string, Counts>;
  /** by day */
  days: Map<string, Counts>;
}

export function groupKey(t: TicketState): string {
  return `${t.serviceDay}|${t.issueFieldId}|${t.fieldId}|${t.counterId ?? 0}`;
}

function move(d: Deltas, t: TicketState, sign: 1 | -1): void {
  const x = contributionOf(t);
  const key = groupKey(t);
  let g = d.groups.get(key);
  if (!g) d.groups.set(key, (g = zeroCounts()));
  addContribution(g, x, sign);
  let day = d.days.get(t.serviceDay);
  if (!day) d.days.set(t.serviceDay, (day = zeroCounts()));
  addContribution(day, x, sign);
}

/**
 * Applies a batch (in sequence order) to the tickets it names. `known` holds their states before
 * the batch and is updated in place; the answer is what changed and by how much.
 */
export function applyBatch(known: Map<number, TicketState>, events: readonly JournalEvent[]): { deltas: Deltas; changed: Set<number> } {
  const deltas: Deltas = { groups: new Map(), days: new Map() };
  const changed = new Set<number>();
  for (const e of events) {
    const id = ticketOf(e);
    if (id === null) continue;
    const before = known.get(id);
    const after = ticketAfter(before, e);
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
    const id = ticketOf(e);
    if (id !== null) ids.add(id);
  }
  return [...ids];
}

/** The last state of each counter the batch mentions. */
export function counterStates(events: readonly JournalEvent[]): Map<number, string> {
  const out = new Map<number, string>();
  for (const e of events) if (isCounterEvent(e)) out.set(e.data.counter.id, e.data.counter.state);
  return out;
}
