// The counts every aggregate cell holds (and ingest's deltas, and a report's sums): one shape.
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
  /** Waits per bucket (province/waitBuckets.ts); empty where a table keeps none. */
  hist: number[];
}
