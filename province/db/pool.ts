// The province's connection pool and its migrations. Bound parameters only, everywhere.
import pg from 'pg';
import { migrations } from './schema.ts';

export type Pool = pg.Pool;
export type Client = pg.PoolClient;

export function openPool(connectionString: string, max = 10): Pool {
  const pool = new pg.Pool({ connectionString, max });
  // A connection the server dropped (a restart) is replaced on the next query; say nothing here.
  pool.on('error', () => undefined);
  return pool;
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
