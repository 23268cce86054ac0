// Live rows for every province server on one database: a push (or a new epoch) notifies once committed
// with the site's id, and each server, listening on a connection of its own, reads that site's row
// again for its consoles. So consoles see every push, whichever server ingested it.
import pg from 'pg';
import type { Client, Pool } from './pool.ts';

const CHANNEL = 'motcua_site';

/**
 * Outside a transaction, delivered at once; inside one, when (and only if) it commits, but then
 * that commit waits its turn behind every other notifying commit of the database.
 */
export async function announce(c: Client | Pool, siteId: number): Promise<void> {
  await c.query('SELECT pg_notify($1, $2)', [CHANNEL, String(siteId)]);
}

/**
 * One listening connection that comes back by itself: after a drop (PostgreSQL restarted, the
 * network cut) it reconnects with a growing wait, and says so (`onResumed`), since what was
 * announced meanwhile was never heard.
 */
export class SiteFanout {
  private client: pg.Client | null = null;
  private stopped = false;
  private retry: NodeJS.Timeout | null = null;
  private failures = 0;

  constructor(
    private readonly pool: Pool,
    private readonly onSite: (siteId: number) => void,
    private readonly onResumed: () => void,
    private readonly onTrouble: (err: Error) => void,
  ) {}

  start(): void {
    this.stopped = false;
    void this.connect(false);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    const c = this.client;
    this.client = null;
    await c?.end().catch(() => undefined);
  }

  private async connect(resumed: boolean): Promise<void> {
    const client = new pg.Client(this.pool.options);
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client, new Error('listening connection ended')));
    client.on('notification', (n) => {
      const id = Number(n.payload);
      if (n.channel === CHANNEL && Number.isInteger(id)) this.onSite(id);
    });
    this.client = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      this.failures = 0;
      if (this.stopped) return void (await client.end().catch(() => undefined));
      if (resumed) this.onResumed();
    } catch (err) {
      this.lost(client, err instanceof Error ? err : new Error(String(err)));
    }
  }

  private lost(client: pg.Client, err: Error): void {
    if (this.client !== client || this.stopped) return;
    this.client = null;
    client.end().catch(() => undefined);
    this.onTrouble(err);
    const wait = Math.min(30_000, 250 * 2 ** this.failures++);
    this.retry = setTimeout(() => void this.connect(true), wait);
    this.retry.unref();
  }
}
