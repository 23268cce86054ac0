// The field catalogue: the province publishes the fields (lĩnh vực) its centers offer, each site's
// hub fetches it and says which version it accepted.
import type { Catalogue, CatalogueField } from '../main/contract/index.ts';
import type { Clock } from '../main/base/time.ts';
import type { Log } from '../main/base/log.ts';
import type { Pool } from './db/pool.ts';
import { acceptCatalogue, cataloguesAccepted, latestCatalogue, publishCatalogue, type SiteRecord } from './db/sites.ts';

export class FieldCatalogue {
  constructor(
    private readonly pool: Pool,
    private readonly clock: Clock,
    private readonly log: Log,
  ) {}

  async publish(fields: CatalogueField[]): Promise<{ version: number }> {
    const version = await publishCatalogue(this.pool, fields, this.clock());
    this.log.info({ version, fields: fields.length }, 'field catalogue published');
    return { version };
  }

  async current(): Promise<{ catalogue: Catalogue | null; accepted: Record<string, number | null> }> {
    const c = await latestCatalogue(this.pool);
    const accepted = Object.fromEntries([...(await cataloguesAccepted(this.pool))].map(([id, v]) => [String(id), v]));
    // catalogue.fields is written only by publishCatalogue, from the CatalogueField[] its endpoint parsed
    return { catalogue: c && { version: c.version, publishedAt: c.publishedAt, fields: c.fields as CatalogueField[] }, accepted };
  }

  async accept(site: SiteRecord, version: number): Promise<void> {
    await acceptCatalogue(this.pool, site.id, version);
  }
}
