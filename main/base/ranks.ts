// The median and nearest-rank percentiles, for the queue's service pace, the reports and the
// benchmarks alike: one definition, so a figure in a report and in a benchmark mean the same.

function ascending(values: ArrayLike<number>, sorted: boolean): ArrayLike<number> {
  return sorted ? values : Array.from(values).sort((a, b) => a - b);
}

/** The middle value, or the mean of the two middle values; null when there are none. */
export function median(values: ArrayLike<number>, opts: { sorted?: boolean } = {}): number | null {
  const s = ascending(values, opts.sorted ?? false);
  const n = s.length;
  if (n === 0) return null;
  const mid = n >> 1;
  // n ≥ 1: mid is an index of s, and so is mid - 1 when n is even
  return n % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** The smallest value with at least the share `p` (0–1) of all values at or below it; null when there are none. */
export function nearestRank(values: ArrayLike<number>, p: number, opts: { sorted?: boolean } = {}): number | null {
  const s = ascending(values, opts.sorted ?? false);
  if (s.length === 0) return null;
  // the rank is clamped to 0 … length - 1 of a list that is not empty
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))]!;
}
