// The floor as events change it: each ticket and counter event carries what it changed (the ticket,
// the counter, the waiting lines with their estimates), so a screen updates from the event itself
// instead of asking the hub again. `null` means "take a fresh snapshot" (a new day, a changed
// configuration, an event journaled before events carried their waiting lines).
import { isCounterEvent, isTicketEvent } from '../../../main/contract/eventGuards.ts';
import type { FieldLoad, Floor, JournalEvent, Ticket } from '../../../main/contract/index.ts';

const RECENT_CALLS = 10;

export function applyToFloor(floor: Floor, events: readonly JournalEvent[]): Floor | null {
  let f = floor;
  for (const e of events) {
    if (e.seq <= f.head) continue;
    if (isTicketEvent(e)) {
      if (!e.data.loads || e.data.ticket.serviceDay !== f.serviceDay) return null;
      const next = withTicket(withLoads(f, e.data.loads), e.data.ticket);
      if (next === null) return null;
      f = next;
    } else if (isCounterEvent(e)) {
      const c = e.data.counter;
      if (!e.data.loads || c.staffId === undefined || !f.counters.some((x) => x.counter.id === c.id)) return null;
      const { state, staffName, staffId } = c;
      const pausedAt = c.pausedAt ?? null;
      const pauseReason = c.pauseReason ?? null;
      f = {
        ...withLoads(f, e.data.loads),
        counters: f.counters.map((x) =>
          x.counter.id === c.id ? { ...x, counter: { ...x.counter, state, staffName, staffId, pausedAt, pauseReason } } : x,
        ),
      };
    } else if (e.type === 'alert:raised') {
      f = { ...f, alerts: [...f.alerts.filter((a) => a.key !== e.data.alert.key), e.data.alert] };
    } else if (e.type === 'alert:cleared') {
      f = { ...f, alerts: f.alerts.filter((a) => a.key !== e.data.alert.key) };
    } else if (e.type === 'config:changed') return null;
    f = { ...f, head: e.seq };
  }
  return f;
}

export function withLoads<T extends { fields: FieldLoad[] }>(s: T, loads: readonly FieldLoad[]): T {
  if (loads.length === 0) return s;
  return { ...s, fields: s.fields.map((x) => loads.find((l) => l.fieldId === x.fieldId) ?? x) };
}

/** The ticket where the floor shows it: at its counter, and among the latest calls. `null`: the
 * latest-calls list lost a ticket and the hub would fill the gap with one this screen never had. */
function withTicket(f: Floor, t: Ticket): Floor | null {
  const atCounter = t.status === 'called' || t.status === 'serving';
  // The hub's list: tickets called today and still called, served or done, latest call first.
  const listed = t.calledAt !== null && (atCounter || t.status === 'done');
  const others = f.recentCalls.filter((r) => r.id !== t.id);
  const recentCalls = (listed ? [...others, t] : others).sort(latestCallFirst).slice(0, RECENT_CALLS);
  if (recentCalls.length < Math.min(f.recentCalls.length, RECENT_CALLS) && f.recentCalls.length >= RECENT_CALLS) return null;
  return {
    ...f,
    counters: f.counters.map((x) => {
      if (atCounter && t.counterId === x.counter.id) return { ...x, current: t };
      if (x.current?.id === t.id) return { ...x, current: null };
      return x;
    }),
    recentCalls,
  };
}

function latestCallFirst(a: Ticket, b: Ticket): number {
  return (b.calledAt ?? 0) - (a.calledAt ?? 0) || b.id - a.id;
}
