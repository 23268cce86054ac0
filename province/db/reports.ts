// What reports read: the per-site-day and per-group aggregates only, never the raw events.
import type { Pool } from './pool.ts';
import type { Counts } from './counts.ts';

/** One aggregate row: its keys (0 where a table has none) and its counts. */
export interface AggRow extends Counts {
  siteId: number;
  issueField: number;
  fieldId: number;
  counterId: number;
}

interface Row {
  site_id: number;
  issue_field?: number;
  field_id?: number;
  counter_id?: number;
  issued: number;
  served: number;
  no_show: number;
  cancelled: number;
  wait_n: number;
  wait_ms: string;
  service_n: number;
  service_ms: string;
  levels: number[];
  wait_hist?: number[];
}
const toAgg = (r: Row): AggRow => ({
  siteId: r.site_id,
  issueField: r.issue_field ?? 0,
  fieldId: r.field_id ?? 0,
  counterId: r.counter_id ?? 0,
  issued: r.issued,
  served: r.served,
  noShow: r.no_show,
  cancelled: r.cancelled,
  waitN: r.wait_n,
  waitMs: Number(r.wait_ms),
  serviceN: r.service_n,
  serviceMs: Number(r.service_ms),
  levels: r.levels,
  hist: r.wait_hist ?? [],
});

/** Every site's days in the period (a province-year: about 20,000 rows). */
export async function siteDays(pool: Pool, from: string, to: string): Promise<AggRow[]> {
  const r = await pool.query<Row>(
    `SELECT site_id, issued, served, no_show, cancelled, wait_n, wait_ms, service_n, service_ms, levels, wait_hist
      FROM agg_site_day WHERE day BETWEEN $1 AND $2`,
    [from, to],
  );
  return r.rows.map(toAgg);
}

/** One site's groups (issue field, field, counter) summed over the period. */
export async function siteGroups(pool: Pool, siteId: number, from: string, to: string): Promise<AggRow[]> {
  const r = await pool.query<Row>(
    `SELECT site_id, issue_field, field_id, counter_id, issued, served, no_show, cancelled, wait_n, wait_ms, service_n, service_ms, levels,
        wait_hist FROM agg_group WHERE site_id = $1 AND day BETWEEN $2 AND $3`,
    [siteId, from, to],
  );
  return r.rows.map(toAgg);
}

/** The database's size, for the benchmark. */
export async function databaseBytes(pool: Pool): Promise<number> {
  // an aggregate without GROUP BY returns one row
  return Number((await pool.query<{ n: string }>('SELECT pg_database_size(current_database()) AS n')).rows[0]!.n);
}
