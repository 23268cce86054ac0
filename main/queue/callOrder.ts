// The order a counter calls its lines in, as one pure rule: call-next takes the first ticket it
// gives, and the officer's waiting list shows the tickets in the order it will give them.

export interface LineHead {
  fieldId: number;
  /** Share of calls among the counter's fields; 0 = only when the others are empty. */
  weight: number;
  /** The field's place in the counter's order of preference. */
  order: number;
  /** `id` breaks ties of `queuedAt`: tickets are numbered in the order they arrive, whatever the clock did. */
  head: { id: number; priority: boolean; queuedAt: number };
}

/**
 * Which line gives the next ticket: priority citizens first (oldest, then first issued, then preference), then the
 * weighted line whose share of today's calls is furthest below its weight (ties by preference),
 * then zero-weight lines in order.
 */
export function pickLine<L extends LineHead>(heads: readonly L[], callsToday: ReadonlyMap<number, number>): L | undefined {
  if (heads.length === 0) return undefined;
  const priority = heads
    .filter((h) => h.head.priority)
    .sort((a, b) => a.head.queuedAt - b.head.queuedAt || a.head.id - b.head.id || a.order - b.order);
  if (priority[0]) return priority[0];
  const weighted = heads.filter((h) => h.weight > 0);
  if (weighted.length === 0) return heads[0];
  // Smallest calls/weight wins; compare by cross-multiplying to stay in integers.
  let best = weighted[0]!;
  for (const h of weighted.slice(1)) {
    if ((callsToday.get(h.fieldId) ?? 0) * best.weight < (callsToday.get(best.fieldId) ?? 0) * h.weight) best = h;
  }
  return best;
}

/**
 * The tickets a counter will call, in order: those transferred to it first (oldest first), then
 * its lines as pickLine takes them, each call counted as it would be.
 */
export function callOrder<T extends { id: number; fieldId: number; priority: boolean; queuedAt: number }>(
  targeted: readonly T[],
  lines: readonly { fieldId: number; weight: number; order: number; tickets: readonly T[] }[],
  callsToday: ReadonlyMap<number, number>,
  limit: number,
): T[] {
  const out = targeted.slice(0, limit);
  const calls = new Map(callsToday);
  const next = lines.map(() => 0);
  while (out.length < limit) {
    const heads = lines.flatMap((l, i) => {
      const t = l.tickets[next[i]!];
      return t ? [{ ...l, index: i, head: { id: t.id, priority: t.priority, queuedAt: t.queuedAt } }] : [];
    });
    const line = pickLine(heads, calls);
    if (!line) break;
    out.push(lines[line.index]!.tickets[next[line.index]!]!);
    next[line.index]!++;
    calls.set(line.fieldId, (calls.get(line.fieldId) ?? 0) + 1);
  }
  return out;
}
