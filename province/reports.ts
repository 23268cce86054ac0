// The province's reports: every site's figures over a period with the ranking, and one site's
// figures by field and by counter, summed from the aggregates as the center counts them.
import type { ProvinceReport, SiteDetail } from '../main/contract/index.ts';
import { HubError } from '../main/base/errors.ts';
import type { Clock } from '../main/base/time.ts';
import type { Pool } from './db/pool.ts';
import { movedSites } from './db/epochs.ts';
import { getSite, listSites } from './db/sites.ts';
import { siteDays, siteGroups } from './db/reports.ts';
import { addRow, breakdown, DEFAULT_SATISFIED, emptySum, figures, type Sum } from './figures.ts';

export class ProvinceReports {
  constructor(
    private readonly pool: Pool,
    private readonly clock: Clock,
  ) {}

  async report(from: string, to: string): Promise<ProvinceReport> {
    // A site whose journal moved to another is counted there only: out of the totals and the ranking.
    const moved = await movedSites(this.pool);
    const sites = (await listSites(this.pool)).filter((s) => !moved.has(s.id));
    const sums = new Map<number, Sum>();
    const total = emptySum();
    for (const row of await siteDays(this.pool, from, to)) {
      if (moved.has(row.siteId)) continue;
      const s = sums.get(row.siteId) ?? emptySum();
      sums.set(row.siteId, s);
      addRow(s, row);
      addRow(total, row);
    }
    const rows = sites.map((site) => ({
      siteId: site.id,
      name: site.name,
      level: site.level,
      district: site.district,
      rank: 0,
      ...figures(sums.get(site.id) ?? emptySum(), site.config?.satisfiedLevels ?? DEFAULT_SATISFIED),
    }));
    // Best satisfaction first; sites without ratings last; ties by shorter P90 wait.
    rows.sort(
      (a, b) =>
        (b.satisfactionIndex ?? -1) - (a.satisfactionIndex ?? -1) ||
        (a.waitP90Ms ?? Infinity) - (b.waitP90Ms ?? Infinity) ||
        a.siteId - b.siteId,
    );
    rows.forEach((r, i) => (r.rank = i + 1));
    return { from, to, generatedAt: this.clock(), total: figures(total, DEFAULT_SATISFIED), sites: rows };
  }

  async siteReport(siteId: number, from: string, to: string): Promise<SiteDetail> {
    const site = await getSite(this.pool, siteId);
    if (!site) throw new HubError('SITE_NOT_FOUND');
    const satisfied = site.config?.satisfiedLevels ?? DEFAULT_SATISFIED;
    // As the center counts: issued and waits in the field that gave the number, outcomes where they
    // ended; all of a ticket's counts at the counter that last had it.
    const { byField, byCounter } = breakdown(await siteGroups(this.pool, siteId, from, to));
    const fieldOf = (id: number) => site.config?.fields.find((f) => f.id === id);
    const counterOf = (id: number) => site.config?.counters.find((c) => c.id === id);
    return {
      site: { id: site.id, name: site.name, level: site.level, district: site.district },
      from,
      to,
      fields: [...byField].map(([fieldId, s]) => ({
        fieldId,
        code: fieldOf(fieldId)?.code ?? '',
        name: fieldOf(fieldId)?.nameVi ?? `#${fieldId}`,
        ...figures(s, satisfied),
      })),
      counters: [...byCounter].map(([counterId, s]) => ({
        counterId,
        name: counterOf(counterId)?.nameVi ?? `#${counterId}`,
        ...figures(s, satisfied),
      })),
    };
  }
}
