// The order a counter calls its lines in, as one pure rule: call-next takes the first ticket it
// gives, and the officer's waiting list shows the tickets in the order it will give them.

/** A waiting ticket as the rule sees it. `id` breaks ties of `queuedAt`: tickets are numbered in the order they arrive, whatever the clock did. */
export interface Head {
  id: number;
  priority: boolean;
  queuedAt: number;
}

export interface LineHead {
  fieldId: number;
  /** Share of calls among the counter's fields; 0 = only when the others are empty. */
  weight: number;
  /** The field's place in the counter's order of preference. */
  order: number;
  /** The line's first ticket by law: its oldest priority citizen, else its oldest ticket. */
  head: Head;
  /** The line's oldest ticket without priority, when `head` is a priority one (and there is one). */
  normal?: Head | undefined;
}

/**
 * Priority citizens go first (the law), but never starve the others: after `maxInRow` priority calls
 * in a row at a counter, its next call is a citizen without priority, if one waits. 0 = priority
 * always first. `run` is the counter's priority calls in a row so far.
 */
export interface PriorityRule {
  maxInRow: number;
  run: number;
}

export const STRICT_PRIORITY: PriorityRule = { maxInRow: 0, run: 0 };

/** The run after a call: one more priority call in a row, or none. */
export function nextRun(run: number, calledPriority: boolean): number {
  return calledPriority ? run + 1 : 0;
}

/** Whether the rule makes the next call one without priority (when one waits). */
export function normalIsDue(rule: PriorityRule): boolean {
  return rule.maxInRow > 0 && rule.run >= rule.maxInRow;
}

/**
 * Which line gives the next ticket, by law alone: priority citizens first (oldest, then first issued, then preference), then the
 * weighted line whose share of today's calls is furthest below its weight (ties by preference),
 * then zero-weight lines in order.
 */
export function pickLine<L extends LineHead>(heads: readonly L[], callsToday: ReadonlyMap<number, number>): L | undefined {
  if (heads.length === 0) return undefined;
  const priority = heads
    .filter((h) => h.head.priority)
    .sort((a, b) => a.head.queuedAt - b.head.queuedAt || a.head.id - b.head.id || a.order - b.order);
  if (priority[0]) return priority[0];
  const [first, ...others] = heads.filter((h) => h.weight > 0);
  if (!first) return heads[0];
  // Smallest calls/weight wins; compare by cross-multiplying to stay in integers.
  let best = first;
  for (const h of others) {
    if ((callsToday.get(h.fieldId) ?? 0) * best.weight < (callsToday.get(best.fieldId) ?? 0) * h.weight) best = h;
  }
  return best;
}

/**
 * The next ticket and its line under the law and the priority rule: pickLine's choice, except that
 * when a citizen without priority is due (normalIsDue) the lines' oldest such tickets are chosen
 * among by the same weights. A zero-weight line still gives only when the weighted lines are empty.
 */
export function pickNext<L extends LineHead>(
  heads: readonly L[],
  callsToday: ReadonlyMap<number, number>,
  rule: PriorityRule,
): { line: L; ticket: Head } | undefined {
  if (normalIsDue(rule) && heads.some((h) => h.head.priority)) {
    const normals = heads.flatMap((h) => {
      const n = h.head.priority ? h.normal : h.head;
      return n ? [{ line: h, head: n, fieldId: h.fieldId, weight: h.weight, order: h.order }] : [];
    });
    const weightedBusy = heads.some((h) => h.weight > 0);
    const candidates = normals.some((n) => n.weight > 0) || !weightedBusy ? normals : [];
    const chosen = pickLine(candidates, callsToday);
    if (chosen) return { line: chosen.line, ticket: chosen.head };
  }
  const line = pickLine(heads, callsToday);
  return line && { line, ticket: line.head };
}

/**
 * The tickets a counter will call, in order: those transferred to it first (oldest first), then
 * its lines as pickNext takes them, each call counted as it would be (weights and the priority run).
 */
export function callOrder<T extends { id: number; fieldId: number; priority: boolean; queuedAt: number }>(
  targeted: readonly T[],
  lines: readonly { fieldId: number; weight: number; order: number; tickets: readonly T[] }[],
  callsToday: ReadonlyMap<number, number>,
  limit: number,
  rule: PriorityRule = STRICT_PRIORITY,
): T[] {
  const out = targeted.slice(0, limit);
  let run = out.reduce((r, t) => nextRun(r, t.priority), rule.run);
  const calls = new Map(callsToday);
  // Each line splits into its priority tickets and the others, both oldest first; `taken` skips what was called.
  const split = lines.map((l) => ({
    line: l,
    priority: l.tickets.filter((t) => t.priority),
    normal: l.tickets.filter((t) => !t.priority),
    p: 0,
    n: 0,
  }));
  while (out.length < limit) {
    const heads = split.flatMap((s) => {
      const p = s.priority[s.p];
      const n = s.normal[s.n];
      const head = p ?? n;
      return head ? [{ ...s.line, split: s, head: toHead(head), normal: p && n ? toHead(n) : undefined }] : [];
    });
    const next = pickNext(heads, calls, { maxInRow: rule.maxInRow, run });
    if (!next) break;
    const s = next.line.split;
    // pickNext chose this line's head or its oldest ticket without priority: either is there
    const ticket = next.ticket.priority ? s.priority[s.p++]! : s.normal[s.n++]!;
    out.push(ticket);
    run = nextRun(run, ticket.priority);
    calls.set(next.line.fieldId, (calls.get(next.line.fieldId) ?? 0) + 1);
  }
  return out;
}

function toHead(t: Head): Head {
  return { id: t.id, priority: t.priority, queuedAt: t.queuedAt };
}

/**
 * People called before a waiting ticket of a field's general line under the priority rule, from
 * the priority and other tickets ahead of it. Without priority: every priority citizen waiting,
 * but at most `maxInRow` before each of the others ahead and before itself. With priority: the
 * priority citizens ahead, and one other citizen after every `maxInRow` of them.
 */
export function aheadUnderRule(
  ticket: { priority: boolean },
  waiting: { priorityAhead: number; normalAhead: number },
  maxInRow: number,
): number {
  const { priorityAhead, normalAhead } = waiting;
  if (maxInRow <= 0) return ticket.priority ? priorityAhead : priorityAhead + normalAhead;
  if (!ticket.priority) return normalAhead + Math.min(priorityAhead, maxInRow * (normalAhead + 1));
  return priorityAhead + Math.min(normalAhead, Math.floor(priorityAhead / maxInRow));
}
