// The province: sites join with a one-time code, push their journals, and the province keeps the
// figures and the live table. Each push is one transaction: the events, the tickets' states, the
// aggregates and the site's high-water mark commit together or not at all.
import {
  type Catalogue,
  type CatalogueField,
  type JournalEvent,
  type ProvinceAlert,
  type ProvinceFloor,
  type ProvinceReport,
  type ProvinceSettings,
  type PushBatch,
  type SiteDetail,
  type SiteLive,
} from '../main/contract/index.ts';
import { HubError } from '../main/base/errors.ts';
import { serviceDayOf, type Clock } from '../main/base/time.ts';
import type { Log } from '../main/base/log.ts';
import { inTransaction, type Pool } from './db/pool.ts';
import {
  addDayDeltas,
  addGroupDeltas,
  ensurePartitions,
  finishBatch,
  insertEvents,
  loadTickets,
  lockSite,
  saveTickets,
  setCounterStates,
  storedRange,
  touchSite,
} from './db/ingest.ts';
import {
  acceptCatalogue,
  cataloguesAccepted,
  latestCatalogue,
  publishCatalogue,
  getSite,
  listSites,
  liveRows,
  oldestWaitingByField,
  type LiveRow,
  type SiteRecord,
} from './db/sites.ts';
import { siteDays, siteGroups } from './db/reports.ts';
import { applyBatch, counterStates, ticketIdsOf } from './apply.ts';
import { addRow, breakdown, emptySum, figures, type Sum } from './figures.ts';

export const PROVINCE_TZ = 'Asia/Ho_Chi_Minh';
const DEFAULT_SATISFIED = [4, 3];

export class Province {
  private readonly listeners = new Set<(site: SiteLive) => void>();
  readonly settings: ProvinceSettings = { offlineMin: 10, satisfactionBelow: 0.8, minRatings: 10 };

  constructor(
    private readonly pool: Pool,
    private readonly clock: Clock,
    private readonly log: Log,
  ) {}

  onSiteChanged(listener: (site: SiteLive) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  today(): string {
    return serviceDayOf(this.clock(), PROVINCE_TZ);
  }

  // ---- sites (accounts: accounts.ts; joining: joining.ts) ----

  /** Where the province stands with a site; asking is a sign of life. */
  async ack(site: SiteRecord): Promise<{ ackedSeq: number; siteName: string }> {
    await touchSite(this.pool, site.id, this.clock());
    return { ackedSeq: site.ackedSeq, siteName: site.name };
  }

  // ---- ingest ----

  /** Stores a batch exactly once and answers the high-water mark; a gap is refused with the mark to resend from. */
  async push(siteId: number, batch: PushBatch): Promise<{ ackedSeq: number }> {
    await ensurePartitions(
      this.pool,
      batch.events.map((e) => e.at),
    );
    const now = this.clock();
    const result = await inTransaction(this.pool, async (c) => {
      const site = await lockSite(c, siteId);
      if (!site || site.revoked) throw new HubError('UNAUTHENTICATED');
      if (batch.fromSeq > site.ackedSeq + 1) throw new HubError('PUSH_GAP', { ackedSeq: site.ackedSeq });
      // Sent again, the same sequences must carry the same events. Different ones mean the center's
      // journal started over below the province's mark (a database restored from a backup): refused
      // loudly, never merged or dropped in silence.
      if (batch.fromSeq <= site.ackedSeq) {
        const stored = await storedRange(c, siteId, batch.fromSeq, Math.min(batch.toSeq, site.ackedSeq));
        const differs = batch.events.some((e) => {
          if (e.seq > site.ackedSeq) return false;
          const s = stored.get(e.seq);
          return !s || s.type !== e.type || s.at !== e.at || s.ticketId !== e.ticketId;
        });
        if (differs) throw new HubError('JOURNAL_DIVERGED', { ackedSeq: site.ackedSeq });
      }
      if (batch.toSeq <= site.ackedSeq) return { ackedSeq: site.ackedSeq, fresh: false }; // sent twice: stored once
      // A batch that overlaps what is stored keeps only what is new.
      const events: JournalEvent[] = batch.events.filter((e) => e.seq > site.ackedSeq);
      await insertEvents(c, siteId, events);
      const known = await loadTickets(c, siteId, ticketIdsOf(events));
      const { deltas, changed } = applyBatch(known, events);
      await saveTickets(
        c,
        siteId,
        [...changed].map((id) => known.get(id)!),
      );
      await addGroupDeltas(c, siteId, deltas.groups);
      await addDayDeltas(c, siteId, deltas.days);
      await setCounterStates(c, siteId, counterStates(events));
      await finishBatch(c, siteId, batch.toSeq, now, batch.config ?? null);
      return { ackedSeq: batch.toSeq, fresh: events.length > 0 || batch.config !== undefined };
    });
    if (!result.fresh) await touchSite(this.pool, siteId, now);
    if (this.listeners.size > 0) {
      const [site] = await this.live(siteId);
      if (site) for (const l of this.listeners) l(site);
    }
    return { ackedSeq: result.ackedSeq };
  }

  // ---- the live floor ----

  /** One site's row (after each of its pushes: only that site is read), or every site's. */
  async live(siteId: number | null = null): Promise<SiteLive[]> {
    const one = siteId === null ? undefined : await getSite(this.pool, siteId);
    return this.liveOf(siteId === null ? await listSites(this.pool) : one ? [one] : [], siteId);
  }

  private async liveOf(sites: readonly SiteRecord[], siteId: number | null): Promise<SiteLive[]> {
    const rows = new Map((await liveRows(this.pool, this.today(), siteId)).map((r) => [r.siteId, r]));
    return sites.map((s) => toLive(s, rows.get(s.id)));
  }

  async floor(): Promise<ProvinceFloor> {
    const now = this.clock();
    const all = await listSites(this.pool);
    const sites = await this.liveOf(all, null);
    const records = new Map(all.map((s) => [s.id, s]));
    const alerts: ProvinceAlert[] = [];
    for (const s of sites) {
      if (s.joined && !s.revoked && (s.lastContactAt === null || now - s.lastContactAt > this.settings.offlineMin * 60_000)) {
        alerts.push({
          kind: 'site-offline',
          siteId: s.id,
          siteName: s.name,
          fieldName: null,
          value: s.lastContactAt === null ? 0 : Math.floor((now - s.lastContactAt) / 60_000),
        });
      }
      if (
        s.ratingsToday >= this.settings.minRatings &&
        s.satisfactionToday !== null &&
        s.satisfactionToday < this.settings.satisfactionBelow
      ) {
        alerts.push({ kind: 'low-satisfaction', siteId: s.id, siteName: s.name, fieldName: null, value: s.satisfactionToday });
      }
    }
    for (const w of await oldestWaitingByField(this.pool, this.today())) {
      const site = records.get(w.siteId);
      const field = site?.config?.fields.find((f) => f.id === w.fieldId);
      if (!site || !field || field.targetWaitMin <= 0) continue;
      const waited = Math.floor((now - w.oldest) / 60_000);
      if (waited > field.targetWaitMin)
        alerts.push({ kind: 'wait-over-target', siteId: site.id, siteName: site.name, fieldName: field.nameVi, value: waited });
    }
    return { now, today: this.today(), sites, alerts, settings: this.settings };
  }

  // ---- the field catalogue ----

  async publishCatalogue(fields: CatalogueField[]): Promise<{ version: number }> {
    const version = await publishCatalogue(this.pool, fields, this.clock());
    this.log.info({ version, fields: fields.length }, 'field catalogue published');
    return { version };
  }

  async catalogue(): Promise<{ catalogue: Catalogue | null; accepted: Record<string, number | null> }> {
    const c = await latestCatalogue(this.pool);
    const accepted = Object.fromEntries([...(await cataloguesAccepted(this.pool))].map(([id, v]) => [String(id), v]));
    return { catalogue: c && { version: c.version, publishedAt: c.publishedAt, fields: c.fields as CatalogueField[] }, accepted };
  }

  async catalogueAccepted(site: SiteRecord, version: number): Promise<void> {
    await acceptCatalogue(this.pool, site.id, version);
  }

  // ---- reports ----

  async report(from: string, to: string): Promise<ProvinceReport> {
    const sites = await listSites(this.pool);
    const sums = new Map<number, Sum>();
    const total = emptySum();
    for (const row of await siteDays(this.pool, from, to)) {
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

function toLive(s: SiteRecord, r: LiveRow | undefined): SiteLive {
  const satisfied = s.config?.satisfiedLevels ?? DEFAULT_SATISFIED;
  const levels = r?.levels ?? [];
  const ratings = levels.reduce((a, n) => a + n, 0);
  const happy = satisfied.reduce((a, v) => a + (levels[v] ?? 0), 0);
  return {
    id: s.id,
    name: s.name,
    level: s.level,
    district: s.district,
    joined: s.joined,
    revoked: s.revoked,
    lastContactAt: s.lastContactAt,
    ackedSeq: s.ackedSeq,
    openCounters: r?.openCounters ?? 0,
    waiting: r?.waiting ?? 0,
    longestWaitSince: r?.longestWaitSince ?? null,
    issuedToday: r?.issued ?? 0,
    servedToday: r?.served ?? 0,
    ratingsToday: ratings,
    satisfactionToday: ratings === 0 ? null : happy / ratings,
  };
}
