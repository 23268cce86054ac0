// A site's journal arriving at the province: its pushes, where the province stands with it, and a
// new epoch when the center's journal can no longer continue what the province holds. Each push is
// one transaction: the events, the tickets' states, the aggregates and the site's high-water mark
// commit together or not at all.
import type { JournalEvent, JournalRecovery, PushAnswer, PushBatch } from '../main/contract/index.ts';
import { HubError } from '../main/base/errors.ts';
import type { Clock } from '../main/base/time.ts';
import type { Log } from '../main/base/log.ts';
import { CHAIN_GENESIS, chainNext, chainOver } from '../main/base/journalChain.ts';
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
  moveJournal,
  saveCheckpoints,
  setSiteChain,
  siteChain,
  startEpoch,
} from './db/epochs.ts';
import { announce } from './db/fanout.ts';
import type { SiteRecord } from './db/sites.ts';
import { applyBatch, counterStates, ticketIdsOf } from './apply.ts';

/** No center's journal holds an event before this product existed. */
const EARLIEST_EVENT_AT = Date.UTC(2024, 0, 1);

export class JournalIngest {
  constructor(
    private readonly pool: Pool,
    private readonly clock: Clock,
    private readonly log: Log,
  ) {}

  /** Where the province stands with a site (its mark, the chain there, its epoch); asking is a sign of life. */
  async ack(site: SiteRecord): Promise<{ ackedSeq: number; siteName: string; chain: string | null; epoch: string | null }> {
    await touchSite(this.pool, site.id, this.clock());
    return { ackedSeq: site.ackedSeq, siteName: site.name, chain: site.chain, epoch: site.epochId };
  }

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
}

/** The chain after each kept event of a first push, holding from its sequence to the next one's. */
function chainSpans(chain: string, events: readonly JournalEvent[], toSeq: number): { lo: number; hi: number; chain: string }[] {
  return events.map((e, i) => {
    chain = chainNext(chain, e, true);
    return { lo: e.seq, hi: (events[i + 1]?.seq ?? toSeq + 1) - 1, chain };
  });
}
