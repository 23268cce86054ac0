// A push whose last sequence falls on a checkpoint (every 256th) names that sequence twice, as a
// kept checkpoint and as the push's mark: the province must store it once, not fail the push.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { saveCheckpoints } from '../../province/db/epochs.ts';
import type { ProvinceServer } from '../../province/server.ts';
import { TestClock } from '../helpers/hub.ts';
import { hasPostgres, startPostgres, type TestPostgres } from '../helpers/postgres.ts';
import { provinceOn } from '../helpers/province.ts';

const maybe = hasPostgres ? describe : describe.skip;
if (!hasPostgres) console.warn('SKIPPED province checkpoint tests: PostgreSQL is missing (apt-get install -y postgresql)');

let server: TestPostgres;
let province: ProvinceServer;
let dbUrl: string;

beforeAll(async () => {
  if (!hasPostgres) return;
  server = await startPostgres();
  dbUrl = await server.database(`checkpoints_${process.pid}`);
  province = await provinceOn(dbUrl, new TestClock());
});
afterAll(async () => {
  await province?.close();
  await server?.stop();
});

maybe('checkpoints', () => {
  it('stores a sequence named twice in one push once, with the chain named last', async () => {
    const pool = new pg.Pool({ connectionString: dbUrl, max: 1 });
    const c = await pool.connect();
    try {
      await c.query('BEGIN');
      await saveCheckpoints(
        c,
        7,
        [
          { seq: 256, chain: 'a'.repeat(64) },
          { seq: 256, chain: 'b'.repeat(64) },
        ],
        true,
      );
      await c.query('COMMIT');
      const rows = (await c.query<{ seq: string; chain: string }>('SELECT seq, chain FROM site_checkpoints WHERE site_id = 7')).rows;
      expect(rows).toEqual([{ seq: '256', chain: 'b'.repeat(64) }]);
    } finally {
      c.release();
      await pool.end();
    }
  });
});

maybe('event types', () => {
  it('a province migrated before the contract gained an event type takes it at its next start', async () => {
    const c = new pg.Client({ connectionString: dbUrl });
    await c.connect();
    try {
      // As if migration 5 had run when the contract lacked 'ticket:recalled'.
      await c.query(`ALTER TYPE event_type RENAME VALUE 'ticket:recalled' TO 'retired:recalled'`);
      await province.close();
      province = await provinceOn(dbUrl, new TestClock());
      const labels = (await c.query<{ label: string }>(`SELECT unnest(enum_range(NULL::event_type))::text AS label`)).rows.map(
        (r) => r.label,
      );
      expect(labels).toContain('ticket:recalled');
    } finally {
      await c.end();
    }
  });
});
