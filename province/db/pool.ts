// The province's connection pool and its migrations. Bound parameters only, everywhere.
import pg from 'pg';
import { codeOf } from '../../main/base/errors.ts';
import { enumCatchUp, migrations } from './schema.ts';

export type Pool = pg.Pool;
export type Client = pg.PoolClient;

export function openPool(connectionString: string, max = 10): Pool {
  const pool = new pg.Pool({ connectionString, max, connectionTimeoutMillis: 5_000 });
  // A connection the server dropped (a restart, kill -9) is replaced on the next query. An idle
  // client's 'error' reaches the pool; a checked-out client's reaches only the client, where an
  // unhandled 'error' event would end the process: each client gets a listener of its own.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

/** SQLSTATE classes of a server that is gone, starting, stopping or out of connections. */
const downStates = /^(08|57P0[1-3]|53300)/;

/**
 * Whether an error says the database cannot be reached right now (not that a query is wrong):
 * the request is then answered 503 and tried again by its sender, never 500.
 */
export function databaseDown(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = codeOf(err);
  if (
    code !== undefined &&
    (downStates.test(code) || ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN'].includes(code))
  )
    return true;
  return /Connection terminated|connection timeout|Client has encountered a connection error|Connection ended|the database system is (starting|shutting) up/i.test(
    err.message,
  );
}

/**
 * Runs `step` until the database answers, waiting 1, 2, 4 … 30 s between tries; each failure is
 * told to `waiting` (the server logs it). Other errors end the wait at once.
 */
export async function untilDatabaseAnswers<T>(step: () => Promise<T>, waiting: (err: Error, retryInMs: number) => void): Promise<T> {
  for (let wait = 1_000; ; wait = Math.min(wait * 2, 30_000)) {
    try {
      return await step();
    } catch (err) {
      if (!(err instanceof Error) || !databaseDown(err)) throw err;
      waiting(err, wait);
      await new Promise((r) => setTimeout(r, wait).unref());
    }
  }
}

/** Applies what is missing, each step in its own transaction; several servers starting at once take turns. */
export async function migrate(pool: Pool): Promise<{ from: number; to: number }> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock(7461)');
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version int PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const done = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    const from = Math.max(0, ...done);
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [m.version]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw err;
      }
    }
    for (const sql of enumCatchUp) await client.query(sql);
    return { from, to: Math.max(from, ...migrations.map((m) => m.version)) };
  } finally {
    await client.query('SELECT pg_advisory_unlock(7461)').catch(() => undefined);
    client.release();
  }
}

/** Runs `fn` in one transaction on one connection. */
export async function inTransaction<T>(pool: Pool, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const out = await fn(client);
    await client.query('COMMIT');
    return out;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
