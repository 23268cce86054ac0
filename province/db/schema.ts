// The province's PostgreSQL schema, one numbered step at a time; `schema_migrations` holds what ran.
// Raw events are partitioned by month (of the event's time, UTC); reports read the aggregates,
// which ingest keeps in the same transaction as the events.
import { eventTypes } from '../../main/contract/index.ts';
import { WAIT_BUCKETS, WAIT_EDGES_MIN } from '../../main/reports/countingRules.ts';

/** Every event type the contract knows (a push can carry no other): a new one needs a migration adding it. */
const EVENT_TYPES_SQL = eventTypes.map((t) => `'${t}'`).join(', ');

/** The wait buckets' edges in ms, as SQL (width_bucket counts the edges a wait reaches). */
const WAIT_EDGES_SQL = `ARRAY[${WAIT_EDGES_MIN.map((m) => m * 60_000).join(',')}]::numeric[]`;
/**
 * Run after the migrations at every start: a type the contract gained since migration 5 made the
 * enum joins it there (a push carrying it would otherwise fail), without a migration of its own.
 */
export const enumCatchUp: readonly string[] = eventTypes.map((t) => `ALTER TYPE event_type ADD VALUE IF NOT EXISTS '${t}'`);

export const migrations: readonly { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
      -- Cell by cell: aggregates keep counts per level and per wait bucket as arrays.
      CREATE FUNCTION add_int_arrays(a int[], b int[]) RETURNS int[] LANGUAGE sql IMMUTABLE AS $$
        SELECT array_agg(COALESCE(x, 0) + COALESCE(y, 0) ORDER BY i) FROM unnest(a, b) WITH ORDINALITY AS u(x, y, i)
      $$;
      CREATE TABLE sites (
        id serial PRIMARY KEY,
        name text NOT NULL,
        level text NOT NULL CHECK (level IN ('tinh', 'chi-nhanh', 'xa')),
        district text NOT NULL DEFAULT '',
        created_at bigint NOT NULL,
        token_hash text UNIQUE,
        joined_at bigint,
        revoked_at bigint,
        last_contact_at bigint,
        acked_seq bigint NOT NULL DEFAULT 0,
        config jsonb
      );
      CREATE TABLE join_codes (
        code_hash text PRIMARY KEY,
        site_id int NOT NULL REFERENCES sites(id),
        expires_at bigint NOT NULL
      );
      CREATE TABLE province_staff (
        id serial PRIMARY KEY,
        username text NOT NULL UNIQUE,
        full_name text NOT NULL,
        role text NOT NULL CHECK (role IN ('province-admin', 'province-viewer')),
        password_hash text NOT NULL
      );
      CREATE TABLE province_sessions (
        token_hash text PRIMARY KEY,
        staff_id int NOT NULL REFERENCES province_staff(id),
        expires_at bigint NOT NULL
      );
      -- Every event a site kept, as it sent it; order within a site is its sequence, never the clock.
      CREATE TABLE events (
        site_id int NOT NULL,
        seq bigint NOT NULL,
        at bigint NOT NULL,
        type text NOT NULL,
        ticket_id bigint,
        counter_id int,
        field_id int,
        staff_id int,
        data jsonb NOT NULL,
        PRIMARY KEY (site_id, seq, at)
      ) PARTITION BY RANGE (at);
      -- Each ticket's latest state: a change moves its counts from one cell of the aggregates to another.
      CREATE TABLE tickets (
        site_id int NOT NULL,
        ticket_id bigint NOT NULL,
        service_day date NOT NULL,
        issue_field int NOT NULL,
        field_id int NOT NULL,
        counter_id int NOT NULL,
        status text NOT NULL,
        issued_at bigint NOT NULL,
        first_called_at bigint,
        called_at bigint,
        serving_at bigint,
        finished_at bigint,
        level int,
        PRIMARY KEY (site_id, ticket_id)
      );
      CREATE INDEX tickets_waiting ON tickets (site_id, service_day, issued_at) WHERE status = 'waiting';
      CREATE TABLE counters_now (
        site_id int NOT NULL,
        counter_id int NOT NULL,
        state text NOT NULL,
        PRIMARY KEY (site_id, counter_id)
      );
      -- Per site, day, issue field, field and counter: what the drill-down sums.
      CREATE TABLE agg_group (
        site_id int NOT NULL,
        day date NOT NULL,
        issue_field int NOT NULL,
        field_id int NOT NULL,
        counter_id int NOT NULL,
        issued int NOT NULL,
        served int NOT NULL,
        no_show int NOT NULL,
        cancelled int NOT NULL,
        wait_n int NOT NULL,
        wait_ms bigint NOT NULL,
        service_n int NOT NULL,
        service_ms bigint NOT NULL,
        levels int[] NOT NULL,
        PRIMARY KEY (site_id, day, issue_field, field_id, counter_id)
      );
      -- Per site and day, with the wait histogram: what rankings and the live table read.
      CREATE TABLE agg_site_day (
        site_id int NOT NULL,
        day date NOT NULL,
        issued int NOT NULL,
        served int NOT NULL,
        no_show int NOT NULL,
        cancelled int NOT NULL,
        wait_n int NOT NULL,
        wait_ms bigint NOT NULL,
        service_n int NOT NULL,
        service_ms bigint NOT NULL,
        levels int[] NOT NULL,
        wait_hist int[] NOT NULL,
        PRIMARY KEY (site_id, day)
      );
    `,
  },
  {
    version: 2,
    sql: `
      -- The field catalogue the province publishes: each version whole, as published.
      CREATE TABLE catalogue (
        version serial PRIMARY KEY,
        published_at bigint NOT NULL,
        fields jsonb NOT NULL
      );
      ALTER TABLE sites ADD COLUMN catalogue_accepted int;
    `,
  },
  {
    version: 6,
    sql: `
      -- The report's heading and signature: one row, what the province's admin last saved.
      CREATE TABLE province_settings (
        id int PRIMARY KEY CHECK (id = 1),
        report jsonb NOT NULL
      );
    `,
  },
  {
    version: 5,
    sql: `
      -- A quarter of the storage. Events keep in columns what the province reads and what an audit
      -- needs (what happened, when, at which counter, in which field, by whom), not the ticket each
      -- one carried as JSON: the ticket's latest state (its rating's level too) is in \`tickets\`,
      -- and a resent sequence is compared whole through the chain of digests the site keeps. The
      -- type is an enum (4 bytes, compared with its name); the ids are null where the journal had none.
      CREATE TYPE event_type AS ENUM (${EVENT_TYPES_SQL});
      ALTER TABLE events RENAME TO events_json;
      CREATE TABLE events (
        seq bigint NOT NULL,
        at bigint NOT NULL,
        site_id int NOT NULL,
        type event_type NOT NULL,
        ticket_id int,
        counter_id int,
        field_id int,
        staff_id int
      ) PARTITION BY RANGE (at);
      -- Sequences are found by site and block of 1,024: the index holds one key per block and a
      -- list of rows (btree deduplication), a few bytes per event instead of a key each.
      CREATE INDEX events_by_seq ON events (site_id, (seq / 1024));
      DO $$
      DECLARE p record;
      BEGIN
        FOR p IN SELECT c.relname AS name, pg_get_expr(c.relpartbound, c.oid) AS bound
          FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'events_json'::regclass
        LOOP
          EXECUTE format('ALTER TABLE %I RENAME TO %I', p.name, p.name || '_json');
          EXECUTE format('CREATE TABLE %I PARTITION OF events %s', p.name, p.bound);
        END LOOP;
      END $$;
      INSERT INTO events (seq, at, site_id, type, ticket_id, counter_id, field_id, staff_id)
        SELECT seq, at, site_id, type::event_type, ticket_id, counter_id, field_id, staff_id FROM events_json;
      -- The number the citizen holds: an audit names a ticket by it.
      ALTER TABLE tickets ADD COLUMN number int NOT NULL DEFAULT 0;
      UPDATE tickets t SET number = (e.data->'ticket'->>'number')::int
        FROM events_json e WHERE e.site_id = t.site_id AND e.ticket_id = t.ticket_id AND e.type = 'ticket:issued';
      DROP TABLE events_json;
      -- Cells keep their arrays without trailing zeros (ingest trims them): two empty ones add to an
      -- empty one, not to null.
      CREATE OR REPLACE FUNCTION add_int_arrays(a int[], b int[]) RETURNS int[] LANGUAGE sql IMMUTABLE AS $$
        SELECT COALESCE(array_agg(COALESCE(x, 0) + COALESCE(y, 0) ORDER BY i), '{}') FROM unnest(a, b) WITH ORDINALITY AS u(x, y, i)
      $$;
      -- Waits per bucket for each field and counter too, so the drill-down has its P90: filled from
      -- the tickets' own waits (bucket = how many edges, in ms, the wait reaches; see countingRules.ts).
      ALTER TABLE agg_group ADD COLUMN wait_hist int[] NOT NULL DEFAULT '{}';
      WITH c AS (
        SELECT site_id, service_day AS day, issue_field, field_id, counter_id,
          width_bucket(greatest(0, first_called_at - issued_at)::numeric, ${WAIT_EDGES_SQL}) AS b, count(*)::int AS n
        FROM tickets WHERE first_called_at IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6
      ), h AS (
        SELECT g.site_id, g.day, g.issue_field, g.field_id, g.counter_id, array_agg(COALESCE(c.n, 0) ORDER BY s.b) AS hist
        FROM (SELECT DISTINCT site_id, day, issue_field, field_id, counter_id FROM c) AS g
        CROSS JOIN generate_series(0, ${WAIT_BUCKETS - 1}) AS s(b)
        LEFT JOIN c ON c.site_id = g.site_id AND c.day = g.day AND c.issue_field = g.issue_field AND c.field_id = g.field_id
          AND c.counter_id = g.counter_id AND c.b = s.b
        GROUP BY 1, 2, 3, 4, 5
      )
      UPDATE agg_group g SET wait_hist = h.hist FROM h
      WHERE g.site_id = h.site_id AND g.day = h.day AND g.issue_field = h.issue_field AND g.field_id = h.field_id
        AND g.counter_id = h.counter_id;
    `,
  },
  {
    version: 4,
    sql: `
      -- A center's journal epoch (a new one when it could not continue what the province held) and
      -- its chain at the acknowledged mark (main/base/journalChain.ts): pushes are checked by content.
      ALTER TABLE sites ADD COLUMN epoch_no int NOT NULL DEFAULT 1, ADD COLUMN epoch_id text, ADD COLUMN chain text;
      -- The chain at every 256th sequence, to find where a restored center's journal parted from ours.
      CREATE TABLE site_checkpoints (
        site_id int NOT NULL,
        seq bigint NOT NULL,
        chain text NOT NULL,
        PRIMARY KEY (site_id, seq)
      );
      -- Each recovery: what the province held, what both held alike, and the tickets the center lost.
      CREATE TABLE site_epochs (
        site_id int NOT NULL,
        epoch_no int NOT NULL,
        epoch_id text NOT NULL,
        at bigint NOT NULL,
        common_seq bigint NOT NULL,
        province_had bigint NOT NULL,
        resent_from bigint NOT NULL,
        lost_count int NOT NULL,
        lost jsonb NOT NULL,
        PRIMARY KEY (site_id, epoch_no)
      );
      -- The events of an epoch the center's journal no longer continues, kept for audit (whole rows).
      CREATE TABLE superseded_events (
        site_id int NOT NULL,
        epoch_no int NOT NULL,
        seq bigint NOT NULL,
        at bigint NOT NULL,
        ticket_id bigint,
        type text NOT NULL,
        row jsonb NOT NULL
      );
      CREATE INDEX superseded_events_site ON superseded_events (site_id, epoch_no, seq);
    `,
  },
  {
    version: 3,
    sql: `
      -- Signed in with the published demo password on a province others reach: change it first.
      ALTER TABLE province_sessions ADD COLUMN must_change_password boolean NOT NULL DEFAULT false;
    `,
  },
  {
    version: 8,
    sql: `
      -- A center's journal found (by its chain) under another site at a new site's first push: the
      -- hub joined again to a new site. The old site counts no more; the new one holds the journal.
      ALTER TABLE sites ADD COLUMN moved_to int REFERENCES sites (id), ADD COLUMN moved_at bigint, ADD COLUMN moved_seq bigint;
      CREATE INDEX sites_moved_to ON sites (moved_to) WHERE moved_to IS NOT NULL;
    `,
  },
];
