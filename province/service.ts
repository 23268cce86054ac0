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
  type JournalRecovery,
  type PushAnswer,
  type PushBatch,
  type SiteDetail,
  type SiteLive,
} from '../main/contract/index.ts';
import { HubError, messageOf } from '../main/base/errors.ts';
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
  touchSite,
} from './db/ingest.ts';
import {
  commonCheckpoint,
  journalHeldElsewhere,
  journalMoves,
  latestRecoveries,
  movedSites,
  moveJournal,
  saveCheckpoints,
  setSiteChain,
  siteChain,
  startEpoch,
} from './db/epochs.ts';
import { announce, SiteFanout } from './db/fanout.ts';
import { CHAIN_GENESIS, chainNext, chainOver } from '../main/base/journalChain.ts';
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
/** No center's journal holds an event before this product existed. */
const EARLIEST_EVENT_AT = Date.UTC(2024, 0, 1);

export class Province {
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

  today(): string {
    return serviceDayOf(this.clock(), PROVINCE_TZ);
  }

  // ---- sites (accounts: accounts.ts; joining: joining.ts) ----

  /** Where the province stands with a site (its mark, the chain there, its epoch); asking is a sign of life. */
  async ack(site: SiteRecord): Promise<{ ackedSeq: number; siteName: string; chain: string | null; epoch: string | null }> {
    await touchSite(this.pool, site.id, this.clock());
    return { ackedSeq: site.ackedSeq, siteName: site.name, chain: site.chain, epoch: site.epochId };
  }

  // ---- ingest ----

  /**
   * Stores a batch exactly once and answers the mark with the chain there. A gap is refused with the
   * mark to resend from. What is sent again is checked by content: the chain from the batch's
   * `prevChain` over the events the province holds must give the chain it stored (a re-sent
   * sequence with other content, whatever it is, is JOURNAL_DIVERGED). A batch wholly below the
   * mark stores nothing and answers the mark and its chain: the center checks them against its own
   * journal before it believes them.
   */
  async push(siteId: number, batch: PushBatch): Promise<PushAnswer> {
    this.checkTimes(batch.events);
    await ensurePartitions(
      this.pool,
      batch.events.map((e) => e.at),
    );
    const now = this.clock();
    let movedFrom: number | null = null;
    const result = await inTransaction(this.pool, async (c) => {
      const site = await lockSite(c, siteId);
      if (!site || site.revoked) throw new HubError('UNAUTHENTICATED');
      const held = await siteChain(c, siteId);
      const mark = { ackedSeq: site.ackedSeq, chain: held.chain };
      // Another epoch than the one the province follows: the center must start one anew (province:epoch).
      if (batch.epoch !== undefined && held.epochId !== null && batch.epoch !== held.epochId)
        throw new HubError('JOURNAL_DIVERGED', { ...mark, reason: 'epoch' });
      if (batch.fromSeq > site.ackedSeq + 1) throw new HubError('PUSH_GAP', mark);
      const before = batch.fromSeq - 1;
      let chain: string | null;
      if (before === site.ackedSeq) {
        if (batch.prevChain !== undefined && held.chain !== null && batch.prevChain !== held.chain)
          throw new HubError('JOURNAL_DIVERGED', { ...mark, reason: 'content' });
        chain = held.chain ?? batch.prevChain ?? (before === 0 ? CHAIN_GENESIS : null);
      } else {
        if (batch.toSeq < site.ackedSeq) return { answer: mark, fresh: false };
        // Sent again: the same sequences must carry the same events, all of them, whole.
        const start = batch.prevChain ?? (before === 0 ? CHAIN_GENESIS : undefined);
        if (start === undefined) throw new HubError('JOURNAL_DIVERGED', { ...mark, reason: 'unverifiable' });
        const again = chainOver(
          start,
          batch.events.filter((e) => e.seq <= site.ackedSeq),
          batch.fromSeq,
          site.ackedSeq,
          true,
        ).chain;
        if (held.chain !== null && again !== held.chain) throw new HubError('JOURNAL_DIVERGED', { ...mark, reason: 'content' });
        chain = held.chain ?? again;
      }
      if (batch.toSeq === site.ackedSeq) return { answer: mark, fresh: false }; // sent twice: stored once
      // A batch that overlaps what is stored keeps only what is new.
      const events: JournalEvent[] = batch.events.filter((e) => e.seq > site.ackedSeq);
      const next = chain === null ? null : chainOver(chain, events, site.ackedSeq + 1, batch.toSeq, true);
      // A new site's first push: if another site holds this journal (its hub joined again to a new
      // site), the journal moves here and the old site counts no more, so nothing is counted twice.
      if (site.ackedSeq === 0 && events.length > 0) {
        const other = await journalHeldElsewhere(c, siteId, chainSpans(chain ?? CHAIN_GENESIS, events, batch.toSeq));
        if (other) {
          await moveJournal(c, other.siteId, siteId, other.seq, now);
          movedFrom = other.siteId;
          this.log.warn({ from: other.siteId, to: siteId, seq: other.seq }, 'a center’s journal moved to a new site');
        }
      }
      await insertEvents(c, siteId, events);
      const known = await loadTickets(c, siteId, ticketIdsOf(events));
      const { deltas, changed } = applyBatch(known, events);
      await saveTickets(
        c,
        siteId,
        // applyBatch reports as changed only tickets it holds in `known`
        [...changed].map((id) => known.get(id)!),
      );
      await addGroupDeltas(c, siteId, deltas.groups);
      await addDayDeltas(c, siteId, deltas.days);
      await setCounterStates(c, siteId, counterStates(events));
      await finishBatch(c, siteId, batch.toSeq, now, batch.config ?? null);
      await setSiteChain(c, siteId, next?.chain ?? null, batch.epoch ?? null);
      if (next)
        await saveCheckpoints(c, siteId, [...next.checkpoints, { seq: batch.toSeq, chain: next.chain }], next.checkpoints.length > 0);
      const move = (await journalMoves(c, siteId)).get(siteId);
      const journalMove = move?.toSiteId === siteId ? move : null;
      return { answer: { ackedSeq: batch.toSeq, chain: next?.chain ?? null, ...(journalMove ? { journalMove } : {}) }, fresh: true };
    });
    if (!result.fresh) await touchSite(this.pool, siteId, now);
    // Announced after the commit, not in the transaction: PostgreSQL serializes the commits of
    // every transaction that notifies (one lock for the database, held through the commit's WAL
    // flush), so a small push waited behind each 2,000-event push's commit. A push that committed
    // but was not announced (the server stopped between) is not answered either: its center sends
    // it again, and the repeat, stored once, is announced here.
    if (movedFrom !== null) await announce(this.pool, movedFrom);
    await announce(this.pool, siteId);
    return result.answer;
  }

  /**
   * The earliest and latest event time a push may carry: events outside are refused (each month
   * an event names gets a partition, so only months that can be real are made).
   */
  private checkTimes(events: readonly JournalEvent[]): void {
    const latest = this.clock() + 24 * 3_600_000;
    const i = events.findIndex((e) => e.at < EARLIEST_EVENT_AT || e.at > latest);
    if (i >= 0)
      throw new HubError('EVENT_TIME_OUT_OF_RANGE', [
        { path: ['events', i, 'at'], message: `outside ${new Date(EARLIEST_EVENT_AT).toISOString()} … now + 1 day` },
      ]);
  }

  /**
   * The center's journal could not continue what the province holds (restored from a backup,
   * joined again): a new epoch from the last checkpoint both hold alike. Nothing is counted twice:
   * what the old epoch counted from the first day its parted events touch is taken out, and the
   * center sends its journal again from the answered mark.
   */
  async newEpoch(
    siteId: number,
    input: { epoch: string; checkpoints: readonly { seq: number; chain: string }[] },
  ): Promise<{ ackedSeq: number; recovery: JournalRecovery }> {
    const recovery = await inTransaction(this.pool, async (c) => {
      const site = await lockSite(c, siteId);
      if (!site || site.revoked) throw new HubError('UNAUTHENTICATED');
      const held = await siteChain(c, siteId);
      const atMark = input.checkpoints.some((p) => p.seq === site.ackedSeq && held.chain !== null && p.chain === held.chain);
      const common = atMark ? site.ackedSeq : await commonCheckpoint(c, siteId, site.ackedSeq, input.checkpoints);
      const r = await startEpoch(c, siteId, {
        epochId: input.epoch,
        common,
        provinceHad: site.ackedSeq,
        oldEpochNo: held.epochNo,
        now: this.clock(),
      });
      await announce(c, siteId);
      return r;
    });
    this.log.warn({ siteId, ...recovery, lost: undefined }, 'a center started a new journal epoch');
    return { ackedSeq: recovery.resentFrom - 1, recovery };
  }

  // ---- the live floor ----

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

  // ---- the field catalogue ----

  async publishCatalogue(fields: CatalogueField[]): Promise<{ version: number }> {
    const version = await publishCatalogue(this.pool, fields, this.clock());
    this.log.info({ version, fields: fields.length }, 'field catalogue published');
    return { version };
  }

  async catalogue(): Promise<{ catalogue: Catalogue | null; accepted: Record<string, number | null> }> {
    const c = await latestCatalogue(this.pool);
    const accepted = Object.fromEntries([...(await cataloguesAccepted(this.pool))].map(([id, v]) => [String(id), v]));
    // catalogue.fields is written only by publishCatalogue, from the CatalogueField[] its endpoint parsed
    return { catalogue: c && { version: c.version, publishedAt: c.publishedAt, fields: c.fields as CatalogueField[] }, accepted };
  }

  async catalogueAccepted(site: SiteRecord, version: number): Promise<void> {
    await acceptCatalogue(this.pool, site.id, version);
  }

  // ---- reports ----

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

/** The chain after each kept event of a first push, holding from its sequence to the next one's. */
function chainSpans(chain: string, events: readonly JournalEvent[], toSeq: number): { lo: number; hi: number; chain: string }[] {
  return events.map((e, i) => {
    chain = chainNext(chain, e, true);
    return { lo: e.seq, hi: (events[i + 1]?.seq ?? toSeq + 1) - 1, chain };
  });
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
