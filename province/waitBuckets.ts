// Waits kept as a histogram per site and day, so a province-year's P90 is read from ~20,000 rows of
// 30 numbers instead of five million waits. Bucket edges in minutes: one minute wide up to 10,
// two to 20, five to 60, then 15 to 120 and wider after. A percentile is interpolated inside its
// bucket, so it is off by less than the bucket's width: under a minute for waits under 10 minutes,
// under 2.5 minutes to an hour's wait. Rankings compare sites minutes apart, so that is enough;
// exact medians would need every wait kept and read.
export const WAIT_EDGES_MIN = [
  1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 14, 16, 18, 20, 25, 30, 35, 40, 45, 50, 60, 75, 90, 105, 120, 150, 180, 240,
];
export const WAIT_BUCKETS = WAIT_EDGES_MIN.length + 1;
const EDGES_MS = WAIT_EDGES_MIN.map((m) => m * 60_000);

export function waitBucket(ms: number): number {
  let i = 0;
  while (i < EDGES_MS.length && ms >= EDGES_MS[i]!) i++;
  return i;
}

/** The q-quantile (0…1) of the waits a histogram counts, in ms; null when it counts none. */
export function histQuantile(hist: readonly number[], q: number): number | null {
  const total = hist.reduce((a, n) => a + n, 0);
  if (total === 0) return null;
  const rank = q * total;
  let seen = 0;
  for (let i = 0; i < hist.length; i++) {
    const n = hist[i]!;
    if (n > 0 && seen + n >= rank) {
      const lo = i === 0 ? 0 : EDGES_MS[i - 1]!;
      const hi = EDGES_MS[i] ?? lo; // the open last bucket reports its lower edge
      return lo + ((rank - seen) / n) * (hi - lo);
    }
    seen += n;
  }
  return EDGES_MS[EDGES_MS.length - 1]!;
}

/** The width of the bucket a wait falls in: how far a quantile read from the histogram may be off. */
export function bucketWidthMs(ms: number): number {
  const i = waitBucket(ms);
  const lo = i === 0 ? 0 : EDGES_MS[i - 1]!;
  return (EDGES_MS[i] ?? lo) - lo;
}
