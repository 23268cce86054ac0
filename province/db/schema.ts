// The province's PostgreSQL schema, one numbered step at a time; `schema_migrations` holds what ran.
// Raw events are partitioned by month (of the event's time, UTC); reports read the aggregates,
// which ingest keeps in the same transaction as the events.
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
    version: 3,
    sql: `
      -- Signed in with the published demo password on a province others reach: change it first.
      ALTER TABLE province_sessions ADD COLUMN must_change_password boolean NOT NULL DEFAULT false;
    `,
  },
];
