// The counts every aggregate cell holds (and ingest's deltas, and a report's sums): one shape,
// defined with the counting rules.
export type { Counts } from '../../main/reports/countingRules.ts';
