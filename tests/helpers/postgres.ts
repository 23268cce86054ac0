// A throwaway PostgreSQL server for a test file (province/localCluster.ts in a temporary folder).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { localCluster, postgresBinDir } from '../../province/localCluster.ts';

/** In CI (or with MOTCUA_REQUIRE_POSTGRES) the province suites must run: a missing PostgreSQL fails them, never skips them. */
export const postgresRequired = Boolean(process.env.CI || process.env.MOTCUA_REQUIRE_POSTGRES);
export const hasPostgres = postgresBinDir() !== null;
if (!hasPostgres && postgresRequired)
  throw new Error('PostgreSQL is required here (CI or MOTCUA_REQUIRE_POSTGRES is set) but missing: apt-get install -y postgresql');

export interface TestPostgres {
  url: string;
  port: number;
  /** The cluster's folder (its data is `dir/data`, its postmaster's pid the first line of `data/postmaster.pid`). */
  dir: string;
  /** Starts the cluster again on the same port (after `kill -9` of its postmaster). */
  restart(): Promise<void>;
  /** A fresh database on this server, for one test. */
  database(name: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startPostgres(): Promise<TestPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-pg-'));
  const cluster = await localCluster(dir, ['shared_buffers=128MB', 'max_connections=80']);
  return {
    url: cluster.url,
    port: cluster.port,
    dir,
    restart: () => cluster.restart(),
    async database(name: string) {
      const safe = name.toLowerCase().replace(/[^a-z0-9_]/g, '_');
      const client = new pg.Client({ connectionString: cluster.url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${safe}`); // a name of [a-z0-9_] only: identifiers cannot be bound
      } finally {
        await client.end();
      }
      return cluster.url.replace(/\/postgres$/, `/${safe}`);
    },
    async stop() {
      try {
        await cluster.stop();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
