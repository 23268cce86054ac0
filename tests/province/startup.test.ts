// A province whose database answers at start is ready before it takes its first request, however
// long its migrations take (a busy machine, or another server migrating the same database first):
// it never answers its first visitors 503 while PostgreSQL is up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createProvinceClient } from '../../main/contract/index.ts';
import type { ProvinceServer } from '../../province/server.ts';
import { TestClock } from '../helpers/hub.ts';
import { hasPostgres, startPostgres, type TestPostgres } from '../helpers/postgres.ts';
import { provinceOn } from '../helpers/province.ts';

const maybe = hasPostgres ? describe : describe.skip;
if (!hasPostgres) console.warn('SKIPPED province start-up tests: PostgreSQL is missing (apt-get install -y postgresql)');

let server: TestPostgres;
beforeAll(async () => {
  if (hasPostgres) server = await startPostgres();
});
afterAll(async () => {
  await server?.stop();
});

maybe('a province starting', () => {
  it('waits for migrations that take longer than a moment before it answers', async () => {
    const dbUrl = await server.database(`startup_${process.pid}`);
    // Another server holding the migration lock for 3 s: this one's migrations wait behind it.
    const other = new pg.Client({ connectionString: dbUrl });
    await other.connect();
    await other.query('SELECT pg_advisory_lock(7461)');
    const release = setTimeout(() => void other.query('SELECT pg_advisory_unlock(7461)'), 3_000);
    let province: ProvinceServer | undefined;
    try {
      province = await provinceOn(dbUrl, new TestClock());
      const api = createProvinceClient({ baseUrl: province.url });
      const { token } = await api('province:login', { username: 'tinh', password: 'motcua-tinh' });
      expect(token).toMatch(/.{20,}/);
    } finally {
      clearTimeout(release);
      await province?.close();
      await other.end();
    }
  });
});
