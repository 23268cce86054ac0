// The SQL of ingest: a site's high-water mark, monthly partitions, events, ticket states and the
// aggregates' deltas, each batch of rows in one statement (arrays unnested on the server).
import type { JournalEvent, SiteConfig } from '../../main/contract/index.ts';
import type { TicketState } from '../apply.ts';
import type { Counts } from './counts.ts';
import type { Client, Pool } from './pool.ts';

/** Locks the site's row for the batch: two pushes of one site never interleave. */
export async function lockSite(c: Client, siteId: number): Promise<{ ackedSeq: number; revoked: boolean } | null> {
  const r = await c.query<{ acked_seq: string; revoked_at: string | null }>(
    'SELECT acked_seq, revoked_at FROM sites WHERE id = $1 FOR UPDATE',
    [siteId],
  );
  const row = r.rows[0];
  return row ? { ackedSeq: Number(row.acked_seq), revoked: row.revoked_at !== null } : null;
}

const monthStart = (ms: number) => {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
};
const nextMonth = (start: number) => {
  const d = new Date(start);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
};

const made = new WeakMap<Pool, Set<number>>();
/** The monthly partitions a batch needs, made before its transaction (DDL would hold locks in it). */
export async function ensurePartitions(pool: Pool, times: readonly number[]): Promise<void> {
  let known = made.get(pool);
  if (!known) made.set(pool, (known = new Set()));
  for (const start of new Set(times.map(monthStart))) {
    if (known.has(start)) continue;
    const d = new Date(start);
    const name = `events_${d.getUTCFullYear()}_${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
    try {
      // Identifiers cannot be bound; the name is made of digits only, the bounds are integers.
      await pool.query(`CREATE TABLE IF NOT EXISTS ${name} PARTITION OF events FOR VALUES FROM (${start}) TO (${nextMonth(start)})`);
    } catch (err) {
      if ((err as { code?: string }).code !== '42P07') throw err; // made by another push meanwhile
    }
    known.add(start);
  }
}

export async function insertEvents(c: Client, siteId: number, events: readonly JournalEvent[]): Promise<void> {
  if (events.length === 0) return;
  await c.query(
    `INSERT INTO events (seq, at, site_id, type, ticket_id, counter_id, field_id, staff_id)
      SELECT seq, at, $1, type::event_type, ticket_id, counter_id, field_id, staff_id
      FROM unnest($2::bigint[], $3::bigint[], $4::text[], $5::int[], $6::int[], $7::int[], $8::int[])
        AS u(seq, at, type, ticket_id, counter_id, field_id, staff_id)`,
    [
      siteId,
      events.map((e) => e.seq),
      events.map((e) => e.at),
      events.map((e) => e.type),
      events.map((e) => e.ticketId),
      events.map((e) => e.counterId),
      events.map((e) => e.fieldId),
      events.map((e) => e.staffId),
    ],
  );
}

interface TicketRow {
  ticket_id: string;
  service_day: string;
  number: number;
  issue_field: number;
  field_id: number;
  counter_id: number;
  status: string;
  issued_at: string;
  first_called_at: string | null;
  called_at: string | null;
  serving_at: string | null;
  finished_at: string | null;
  level: number | null;
}
const num = (v: string | null) => (v === null ? null : Number(v));

export async function loadTickets(c: Client, siteId: number, ids: readonly number[]): Promise<Map<number, TicketState>> {
  const out = new Map<number, TicketState>();
  if (ids.length === 0) return out;
  const r = await c.query<TicketRow>(
    `SELECT ticket_id, to_char(service_day, 'YYYY-MM-DD') AS service_day, number, issue_field, field_id, counter_id, status, issued_at,
        first_called_at, called_at, serving_at, finished_at, level
      FROM tickets WHERE site_id = $1 AND ticket_id = ANY($2::bigint[])`,
    [siteId, ids],
  );
  for (const t of r.rows)
    out.set(Number(t.ticket_id), {
      ticketId: Number(t.ticket_id),
      serviceDay: t.service_day,
      number: t.number,
      issueFieldId: t.issue_field,
      fieldId: t.field_id,
      counterId: t.counter_id === 0 ? null : t.counter_id,
      status: t.status,
      issuedAt: Number(t.issued_at),
      firstCalledAt: num(t.first_called_at),
      calledAt: num(t.called_at),
      servingAt: num(t.serving_at),
      finishedAt: num(t.finished_at),
      level: t.level,
    });
  return out;
}

export async function saveTickets(c: Client, siteId: number, tickets: readonly TicketState[]): Promise<void> {
  if (tickets.length === 0) return;
  const col = <K extends keyof TicketState>(k: K) => tickets.map((t) => t[k]);
  await c.query(
    `INSERT INTO tickets (site_id, ticket_id, service_day, issue_field, field_id, counter_id, status, issued_at,
        first_called_at, called_at, serving_at, finished_at, level, number)
      SELECT $1, * FROM unnest($2::bigint[], $3::date[], $4::int[], $5::int[], $6::int[], $7::text[], $8::bigint[],
        $9::bigint[], $10::bigint[], $11::bigint[], $12::bigint[], $13::int[], $14::int[])
      ON CONFLICT (site_id, ticket_id) DO UPDATE SET
        service_day = EXCLUDED.service_day, number = EXCLUDED.number, issue_field = EXCLUDED.issue_field, field_id = EXCLUDED.field_id,
        counter_id = EXCLUDED.counter_id, status = EXCLUDED.status, issued_at = EXCLUDED.issued_at,
        first_called_at = EXCLUDED.first_called_at, called_at = EXCLUDED.called_at, serving_at = EXCLUDED.serving_at,
        finished_at = EXCLUDED.finished_at, level = EXCLUDED.level`,
    [
      siteId,
      col('ticketId'),
      col('serviceDay'),
      col('issueFieldId'),
      col('fieldId'),
      tickets.map((t) => t.counterId ?? 0),
      col('status'),
      col('issuedAt'),
      col('firstCalledAt'),
      col('calledAt'),
      col('servingAt'),
      col('finishedAt'),
      col('level'),
      col('number'),
    ],
  );
}

/** An array of counts without its trailing zeros (cells add arrays of any length: a missing slot is 0). */
function arrayLiteral(a: readonly number[]): string {
  let n = a.length;
  while (n > 0 && a[n - 1] === 0) n--;
  return `{${a.slice(0, n).join(',')}}`;
}
const sums = (rows: readonly Counts[]) => [
  rows.map((r) => r.issued),
  rows.map((r) => r.served),
  rows.map((r) => r.noShow),
  rows.map((r) => r.cancelled),
  rows.map((r) => r.waitN),
  rows.map((r) => r.waitMs),
  rows.map((r) => r.serviceN),
  rows.map((r) => r.serviceMs),
  rows.map((r) => arrayLiteral(r.levels)),
  rows.map((r) => arrayLiteral(r.hist)),
];
const ADD = `issued = t.issued + EXCLUDED.issued, served = t.served + EXCLUDED.served, no_show = t.no_show + EXCLUDED.no_show,
  cancelled = t.cancelled + EXCLUDED.cancelled, wait_n = t.wait_n + EXCLUDED.wait_n, wait_ms = t.wait_ms + EXCLUDED.wait_ms,
  service_n = t.service_n + EXCLUDED.service_n, service_ms = t.service_ms + EXCLUDED.service_ms,
  levels = add_int_arrays(t.levels, EXCLUDED.levels), wait_hist = add_int_arrays(t.wait_hist, EXCLUDED.wait_hist)`;

export async function addGroupDeltas(c: Client, siteId: number, groups: Map<string, Counts>): Promise<void> {
  if (groups.size === 0) return;
  const keys = [...groups.keys()].map((k) => k.split('|'));
  const rows = [...groups.values()];
  await c.query(
    `INSERT INTO agg_group AS t (site_id, day, issue_field, field_id, counter_id, issued, served, no_show, cancelled,
        wait_n, wait_ms, service_n, service_ms, levels, wait_hist)
      SELECT $1, day, issue_field, field_id, counter_id, issued, served, no_show, cancelled, wait_n, wait_ms, service_n, service_ms,
        levels::int[], hist::int[]
      FROM unnest($2::date[], $3::int[], $4::int[], $5::int[], $6::int[], $7::int[], $8::int[], $9::int[], $10::int[],
        $11::bigint[], $12::int[], $13::bigint[], $14::text[], $15::text[])
        AS u(day, issue_field, field_id, counter_id, issued, served, no_show, cancelled, wait_n, wait_ms, service_n, service_ms, levels, hist)
      ON CONFLICT (site_id, day, issue_field, field_id, counter_id) DO UPDATE SET ${ADD}`,
    [
      siteId,
      keys.map((k) => k[0]),
      keys.map((k) => Number(k[1])),
      keys.map((k) => Number(k[2])),
      keys.map((k) => Number(k[3])),
      ...sums(rows),
    ],
  );
}

export async function addDayDeltas(c: Client, siteId: number, days: Map<string, Counts>): Promise<void> {
  if (days.size === 0) return;
  const rows = [...days.values()];
  await c.query(
    `INSERT INTO agg_site_day AS t (site_id, day, issued, served, no_show, cancelled, wait_n, wait_ms, service_n, service_ms, levels, wait_hist)
      SELECT $1, day, issued, served, no_show, cancelled, wait_n, wait_ms, service_n, service_ms, levels::int[], hist::int[]
      FROM unnest($2::date[], $3::int[], $4::int[], $5::int[], $6::int[], $7::int[], $8::bigint[], $9::int[], $10::bigint[], $11::text[], $12::text[])
        AS u(day, issued, served, no_show, cancelled, wait_n, wait_ms, service_n, service_ms, levels, hist)
      ON CONFLICT (site_id, day) DO UPDATE SET ${ADD}`,
    [siteId, [...days.keys()], ...sums(rows)],
  );
}

export async function setCounterStates(c: Client, siteId: number, states: Map<number, string>): Promise<void> {
  if (states.size === 0) return;
  await c.query(
    `INSERT INTO counters_now (site_id, counter_id, state) SELECT $1, * FROM unnest($2::int[], $3::text[])
      ON CONFLICT (site_id, counter_id) DO UPDATE SET state = EXCLUDED.state`,
    [siteId, [...states.keys()], [...states.values()]],
  );
}

export async function finishBatch(c: Client, siteId: number, toSeq: number, now: number, config: SiteConfig | null): Promise<void> {
  await c.query('UPDATE sites SET acked_seq = $2, last_contact_at = $3, config = COALESCE($4::jsonb, config) WHERE id = $1', [
    siteId,
    toSeq,
    now,
    config === null ? null : JSON.stringify(config),
  ]);
}

/** A push that brought nothing new still says the site is alive. */
export async function touchSite(pool: Pool, siteId: number, now: number): Promise<void> {
  await pool.query('UPDATE sites SET last_contact_at = $2 WHERE id = $1', [siteId, now]);
}
