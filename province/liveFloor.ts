// The live floor: each site's row of today (open counters, waiting, issued, served, satisfaction),
// told to the consoles whenever a push of the site commits on any province server of this
// database, and the floor with its alerts (a site silent too long, low satisfaction, a wait over
// its field's target).
import type { ProvinceAlert, ProvinceFloor, ProvinceSettings, SiteLive } from '../main/contract/index.ts';
import { messageOf } from '../main/base/errors.ts';
import type { Clock } from '../main/base/time.ts';
import type { Log } from '../main/base/log.ts';
import type { Pool } from './db/pool.ts';
import { journalMoves, latestRecoveries, movedSites } from './db/epochs.ts';
import { SiteFanout } from './db/fanout.ts';
import { getSite, listSites, liveRows, oldestWaitingByField, type LiveRow, type SiteRecord } from './db/sites.ts';
import { DEFAULT_SATISFIED } from './figures.ts';
import { provinceToday } from './day.ts';

export class LiveFloor {
  private readonly listeners = new Set<(site: SiteLive) => void>();
  private fanout: SiteFanout | null = null;
  readonly settings: ProvinceSettings = { offlineMin: 10, satisfactionBelow: 0.8, minRatings: 10 };

  /**
   * `reads` serves the live rows: connections of their own, so a console hears of a small push
   * without waiting for a connection behind the big pushes' transactions.
   */
  constructor(
    private readonly pool: Pool,
    private readonly clock: Clock,
    private readonly log: Log,
    private readonly reads: Pool = pool,
  ) {}

  /**
   * Each site's live row whenever a push of it commits, on any province server of this database
   * (PostgreSQL notifies them all): the first listener starts this server's listening connection,
   * the last one gone stops it.
   */
  onSiteChanged(listener: (site: SiteLive) => void): () => void {
    this.listeners.add(listener);
    if (!this.fanout) {
      this.fanout = new SiteFanout(
        this.pool,
        (siteId) => void this.tell(siteId),
        () => void this.tell(null), // announcements made while it was away were never heard: every row
        (err) => this.log.warn({ err: err.message }, 'province: live updates lost their connection; reconnecting'),
      );
      this.fanout.start();
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0 && this.fanout) {
        void this.fanout.stop();
        this.fanout = null;
      }
    };
  }

  private async tell(siteId: number | null): Promise<void> {
    try {
      const rows = await this.live(siteId);
      for (const site of rows) for (const l of this.listeners) l(site);
    } catch (err) {
      this.log.warn({ err: messageOf(err), siteId }, 'province: could not read a live row');
    }
  }

  /** One site's row (after each of its pushes: only that site is read), or every site's. */
  async live(siteId: number | null = null): Promise<SiteLive[]> {
    return this.liveOf(siteId === null ? listSites(this.reads) : getSite(this.reads, siteId).then((one) => (one ? [one] : [])), siteId);
  }

  /** The reads at once, not one after another: each waits its turn in a pool the pushes keep busy. */
  private async liveOf(sitesRead: Promise<readonly SiteRecord[]> | readonly SiteRecord[], siteId: number | null): Promise<SiteLive[]> {
    const [sites, live, recoveries, moves] = await Promise.all([
      sitesRead,
      liveRows(this.reads, this.today(), siteId),
      latestRecoveries(this.reads, siteId),
      journalMoves(this.reads, siteId),
    ]);
    const rows = new Map(live.map((r) => [r.siteId, r]));
    return sites.map((s) => {
      const journalMove = moves.get(s.id) ?? null;
      // A site whose journal moved counts nothing here: its figures are the new site's.
      const live = journalMove?.fromSiteId === s.id ? toLive(s, undefined) : toLive(s, rows.get(s.id));
      return { ...live, recovery: recoveries.get(s.id) ?? null, journalMove };
    });
  }

  async floor(): Promise<ProvinceFloor> {
    const now = this.clock();
    const all = await listSites(this.pool);
    const sites = await this.liveOf(all, null);
    const records = new Map(all.map((s) => [s.id, s]));
    const alerts: ProvinceAlert[] = [];
    const moved = await movedSites(this.pool);
    for (const s of sites) {
      if (moved.has(s.id)) continue;
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
      const site = moved.has(w.siteId) ? undefined : records.get(w.siteId);
      const field = site?.config?.fields.find((f) => f.id === w.fieldId);
      if (!site || !field || field.targetWaitMin <= 0) continue;
      const waited = Math.floor((now - w.oldest) / 60_000);
      if (waited > field.targetWaitMin)
        alerts.push({ kind: 'wait-over-target', siteId: site.id, siteName: site.name, fieldName: field.nameVi, value: waited });
    }
    return { now, today: this.today(), sites, alerts, settings: this.settings };
  }

  private today(): string {
    return provinceToday(this.clock);
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
