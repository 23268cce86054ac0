// The center's link to the province: the hub pushes its journal, in order, from the last sequence
// the province acknowledged, in batches, with its site token. The hub never waits for it: when the
// province is unreachable for hours or days, pushes back off and the hub works as ever; when it
// returns, the backlog goes up in order, with no gap and no duplicate (the province stores each
// sequence once). Nothing personal leaves: no citizen data exists in the journal, officers'
// names are left out unless the center shares them, and transfer notes (free text) never leave.
import { createHash, randomUUID } from 'node:crypto';
import {
  ApiError,
  createProvinceClient,
  errorCatalog,
  MAX_PUSH_EVENTS,
  type JournalEvent,
  type ProvinceClient,
  type JournalMove,
  type JournalRecovery,
  type ProvinceLinkStatus,
  type PushAnswer,
  type Catalogue,
  type CatalogueChange,
  type CatalogueOffer,
  type SiteConfig,
} from '../contract/index.ts';
import type { Db } from '../../db/open.ts';
import { listFields } from '../../db/fields.ts';
import { listCounters } from '../../db/counters.ts';
import {
  checkpointsUpTo,
  dropProvinceLink,
  getProvinceLink,
  recordPush,
  recordPushError,
  saveCheckpoints,
  setCatalogueVersion,
  setEpoch,
  setJournalMove,
  setMark,
  setProvinceLink,
  setShareNames,
  type ProvinceLinkRecord,
} from '../../db/provinceLink.ts';
import { CHAIN_GENESIS, chainNext, chainOver, CHECKPOINT_EVERY, RECENT_MARKS } from '../base/journalChain.ts';
import { HubError, messageOf } from '../base/errors.ts';
import { backoffMs, type Clock } from '../base/time.ts';
import type { Log } from '../base/log.ts';
import type { Journal } from '../store/journal.ts';
import type { SettingsStore } from '../store/settings.ts';
import type { CenterConfig } from '../queue/config.ts';
import type { ProvinceJournalState } from './floorAlerts.ts';

/** The journal events the province keeps; the rest stays at the center. */
const kept = (e: JournalEvent) => e.type.startsWith('ticket:') || e.type.startsWith('counter:') || e.type.startsWith('rating:');
const IDLE_MS = 30_000;
/** The least time between two new epochs of this journal. */
const EPOCH_PAUSE_MS = 10 * 60_000;
/** Events read at a time when the chain is worked out again from a checkpoint. */
const SCAN_EVENTS = 2000;
/** Events chained between two turns of the event loop. */
const SCAN_SLICE = 250;
/**
 * How long the province may take to answer: a call never holds the link for undici's 300 s. A
 * push's deadline grows with its batch (30 s for 2,000 events); a new epoch takes back what the
 * old one counted, in one transaction, and gets longer.
 */
const CALL_MS = 10_000;
const pushMs = (events: number) => 5_000 + Math.ceil(12.5 * events);
const EPOCH_MS = 60_000;

/**
 * `fetch` with a deadline over the whole exchange, the answer's body included (a province that
 * sends its headers and then stalls is cut off too).
 */
function fetchWithin(ms: number): typeof fetch {
  return async (input, init) => {
    const res = await fetch(input, { ...init, signal: AbortSignal.timeout(ms) });
    const body = await res.arrayBuffer();
    return new Response(res.status === 204 ? null : body, { status: res.status, statusText: res.statusText, headers: res.headers });
  };
}

/** A call cut off by its deadline: it may have landed, and the next push or look at the mark finds out. */
function timedOut(err: unknown): boolean {
  return err instanceof ApiError && err.code === 'NETWORK' && /TimeoutError|aborted due to timeout/.test(String(err.details));
}

export class ProvinceLink {
  private running = false;
  private wake: (() => void) | null = null;
  private loop: Promise<void> | null = null;
  private unsubscribe: (() => void) | null = null;
  private clientFor: (url: string, ms?: number) => ProvinceClient;

  constructor(
    private readonly db: Db,
    private readonly journal: Journal,
    private readonly settings: SettingsStore,
    private readonly centerConfig: CenterConfig,
    private readonly clock: Clock,
    private readonly log: Log,
    /** Tests and benchmarks shorten the waits… */
    private readonly idleMs = IDLE_MS,
    /** …and may send smaller batches. */
    private readonly batchEvents = MAX_PUSH_EVENTS,
  ) {
    this.clientFor = (url, ms = CALL_MS) => createProvinceClient({ baseUrl: url.replace(/\/+$/, ''), fetch: fetchWithin(ms) });
  }

  status(): ProvinceLinkStatus {
    const l = getProvinceLink(this.db);
    const head = this.journal.head();
    return {
      linked: l !== null,
      url: l?.url ?? null,
      siteName: l?.siteName ?? null,
      ackedSeq: l?.ackedSeq ?? 0,
      head,
      backlog: l ? Math.max(0, head - l.ackedSeq) : 0,
      lastPushAt: l?.lastPushAt ?? null,
      lastError: l?.lastError ?? null,
      lastErrorAt: l?.lastErrorAt ?? null,
      shareNames: l?.shareNames ?? false,
      // this column is written only by this link, from the province's parsed answer
      recovery: l?.recovery ? (JSON.parse(l.recovery) as JournalRecovery) : null,
      // this one too
      journalMove: l?.journalMove ? (JSON.parse(l.journalMove) as JournalMove) : null,
    };
  }

  /** What the floor's alerts need of the link: its latest recovery, and whether it is refused as parted. */
  journalState(): ProvinceJournalState | null {
    const l = getProvinceLink(this.db);
    if (!l) return null;
    // written only by this link (setEpoch), from the province's parsed answer
    const r = l.recovery ? (JSON.parse(l.recovery) as JournalRecovery | null) : null;
    return {
      siteName: l.siteName,
      recovery: r && { at: r.at, epochNo: r.epochNo, lostCount: r.lostCount },
      divergedSince: l.lastError?.startsWith('JOURNAL_DIVERGED') ? l.lastErrorAt : null,
    };
  }

  /** Joins the province with its one-time code; the site token it answers is kept for every push. */
  async join(url: string, code: string, shareNames: boolean): Promise<ProvinceLinkStatus> {
    const client = this.clientFor(url);
    let joined: { siteId: number; siteName: string; token: string };
    try {
      joined = await client('province:join', { code });
    } catch (err) {
      if (err instanceof ApiError && err.code !== 'NETWORK')
        throw new HubError(err.code === 'PAIRING_CODE_INVALID' ? 'PAIRING_CODE_INVALID' : 'PROVINCE_UNREACHABLE');
      throw new HubError('PROVINCE_UNREACHABLE');
    }
    this.journal.write(() =>
      setProvinceLink(this.db, {
        url: url.replace(/\/+$/, ''),
        siteId: joined.siteId,
        siteName: joined.siteName,
        token: joined.token,
        shareNames,
        joinedAt: this.clock(),
        // A journal the province has not seen under this link: if it holds another (the same site
        // joined again), the first push says so and the two agree on a new epoch.
        epoch: randomUUID(),
        chain: CHAIN_GENESIS,
      }),
    );
    await this.journal.settled();
    this.log.info({ url, siteId: joined.siteId }, 'joined the province');
    this.poke();
    return this.status();
  }

  async unlink(): Promise<ProvinceLinkStatus> {
    this.journal.write(() => dropProvinceLink(this.db));
    await this.journal.settled();
    return this.status();
  }

  async setShareNames(share: boolean): Promise<ProvinceLinkStatus> {
    this.journal.write(() => setShareNames(this.db, share));
    await this.journal.settled();
    this.poke();
    return this.status();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.unsubscribe = this.journal.subscribe(() => this.poke());
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe?.();
    this.poke();
    await this.loop;
  }

  private poke(): void {
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.wake = null;
        resolve();
      }, ms);
      t.unref();
      this.wake = () => {
        clearTimeout(t);
        resolve();
      };
    });
  }

  private async run(): Promise<void> {
    let failures = 0;
    let lastContact = 0;
    while (this.running) {
      const link = getProvinceLink(this.db);
      if (!link) {
        await this.sleep(this.idleMs);
        continue;
      }
      try {
        const head = this.journal.head();
        if (link.ackedSeq < head) {
          await this.pushOnce(link);
          lastContact = Date.now();
          failures = 0;
          continue; // more may be waiting: no pause between batches of a backlog
        }
        if (Date.now() - lastContact >= this.idleMs) {
          // Nothing new: say the center is alive, and learn where the province stands.
          const ack = await this.clientFor(link.url)('province:ack', {}, link.token);
          lastContact = Date.now();
          if (ack.epoch && link.epoch && ack.epoch !== link.epoch) await this.newEpoch(link);
          else if (ack.ackedSeq !== link.ackedSeq) await this.reconcile(link, ack.ackedSeq, ack.chain ?? null);
          failures = 0;
          if (getProvinceLink(this.db)?.ackedSeq !== link.ackedSeq) continue;
        }
        await this.sleep(this.idleMs);
      } catch (caught) {
        let err = caught;
        if (err instanceof ApiError && (err.code === 'PUSH_GAP' || err.code === 'JOURNAL_DIVERGED')) {
          // The province holds another mark than ours (its database or ours was restored from a
          // backup), or other events: checked against this journal by content, never adopted blind.
          try {
            // PUSH_GAP's details are the province's { ackedSeq, chain }; each field is checked before use
            const d = err.details as { ackedSeq?: number; chain?: string | null } | undefined;
            if (err.code === 'PUSH_GAP' && typeof d?.ackedSeq === 'number') await this.reconcile(link, d.ackedSeq, d.chain ?? null);
            else await this.newEpoch(link);
            continue;
          } catch (again) {
            this.log.warn({ err: again }, 'province link: could not agree with the province on its journal');
            err = again;
          }
        }
        const message = timedOut(err)
          ? 'NETWORK: Máy chủ tỉnh không trả lời kịp (quá hạn chờ). Dữ liệu có thể đã tới; lần gửi sau sẽ kiểm tra, không gửi trùng.'
          : err instanceof ApiError
            ? `${err.code}: ${err.messageVi}`
            : err instanceof HubError
              ? `${err.code}: ${errorCatalog[err.code].vi}`
              : messageOf(err);
        this.tryWrite(() => recordPushError(this.db, message, this.clock()));
        const wait = backoffMs(failures++);
        this.log.warn({ err: message, retryInMs: wait }, 'province push failed; retrying');
        await this.sleep(wait);
      }
    }
  }

  /**
   * The province answered a mark other than the one just sent: believed only if this journal has
   * the same chain there; otherwise (or if the province holds more than this journal has) the
   * journal cannot continue what it holds, and a new epoch starts.
   */
  private async reconcile(link: ProvinceLinkRecord, ackedSeq: number, chain: string | null): Promise<void> {
    if (ackedSeq > this.journal.head()) return this.newEpoch(link);
    const mine = await this.chainAt(ackedSeq, link);
    if (chain !== null && chain !== mine) return this.newEpoch(link);
    this.journal.write(() => setMark(this.db, ackedSeq, mine));
    await this.journal.settled();
    this.log.info({ from: link.ackedSeq, to: ackedSeq }, 'province link: the province holds another mark; this journal agrees with it');
  }

  /**
   * A new epoch: the province finds the last checkpoint both journals hold alike, puts aside what
   * it held after it, takes back what that counted, and answers where to send again from.
   */
  private async newEpoch(link: ProvinceLinkRecord): Promise<void> {
    // Parted again just after an epoch began: something other than a restore is wrong (two hubs on
    // one site token, versions computing the chain apart). Starting epoch after epoch would send the
    // journal again and again; the manager sees the error and the link tries again later.
    const last = link.recovery ? (JSON.parse(link.recovery) as JournalRecovery | null) : null; // what setEpoch stored
    if (last && Math.abs(this.clock() - last.at) < EPOCH_PAUSE_MS) throw new HubError('JOURNAL_DIVERGED');
    const epoch = randomUUID();
    const checkpoints = checkpointsUpTo(this.db, this.journal.head(), 500);
    if (link.chain !== null && !checkpoints.some((p) => p.seq === link.ackedSeq))
      checkpoints.unshift({ seq: link.ackedSeq, chain: link.chain });
    const { ackedSeq, recovery } = await this.clientFor(link.url, EPOCH_MS)('province:epoch', { epoch, checkpoints }, link.token);
    const chain = await this.chainAt(ackedSeq, link);
    this.journal.write(() => setEpoch(this.db, epoch, ackedSeq, chain, JSON.stringify(recovery)));
    await this.journal.settled();
    this.log.warn(
      { epoch: recovery.epochNo, commonSeq: recovery.commonSeq, provinceHad: recovery.provinceHad, lost: recovery.lostCount },
      'province link: this journal could not continue what the province held; a new epoch, sent again from its mark',
    );
  }

  /**
   * This journal's chain at a sequence, from the nearest point known below it (a checkpoint, or
   * the link's own mark), reading the journal a batch at a time between turns of the event loop.
   */
  private async chainAt(seq: number, link: ProvinceLinkRecord): Promise<string> {
    let from = 0;
    let chain = CHAIN_GENESIS;
    const cp = checkpointsUpTo(this.db, seq, 1)[0];
    if (cp) ({ seq: from, chain } = cp);
    if (link.chain !== null && link.ackedSeq <= seq && link.ackedSeq > from) [from, chain] = [link.ackedSeq, link.chain];
    while (from < seq) {
      const read = this.journal.after(from, SCAN_EVENTS);
      const mine = read.filter((e) => e.seq <= seq);
      for (const e of mine) if (kept(e)) chain = chainNext(chain, sanitize(e, false));
      if (mine.length < SCAN_EVENTS) break;
      // mine holds SCAN_EVENTS events here (the loop ended above when it held fewer)
      from = mine[mine.length - 1]!.seq;
      await new Promise((resolve) => setImmediate(resolve));
    }
    return chain;
  }

  /**
   * The chain over a batch, a slice at a time between turns of the event loop: a catch-up of
   * 2,000 events never holds calls and kiosks for its whole batch.
   */
  private async chainOverInTurns(
    chain: string,
    events: readonly JournalEvent[],
    fromSeq: number,
    toSeq: number,
  ): Promise<ReturnType<typeof chainOver>> {
    const checkpoints: { seq: number; chain: string }[] = [];
    let from = fromSeq;
    for (let i = 0; i < events.length; i += SCAN_SLICE) {
      const slice = events.slice(i, i + SCAN_SLICE);
      // a slice starts below events.length, so it holds at least one event
      const to = i + SCAN_SLICE >= events.length ? toSeq : slice[slice.length - 1]!.seq;
      const r = chainOver(chain, slice, from, to);
      chain = r.chain;
      checkpoints.push(...r.checkpoints);
      from = to + 1;
      if (from <= toSeq) await new Promise((resolve) => setImmediate(resolve));
    }
    if (from <= toSeq) checkpoints.push(...chainOver(chain, [], from, toSeq).checkpoints);
    return { chain, checkpoints };
  }

  /**
   * A write of the link's own bookkeeping, from the loop: on a disk that takes no writes it is
   * refused (the loop backs off and sends again: the province keeps each sequence once), and
   * never ends the loop.
   */
  private tryWrite(fn: () => void): boolean {
    try {
      this.journal.write(fn);
      return true;
    } catch (err) {
      this.log.warn({ err }, 'province link: could not record its state');
      return false;
    }
  }

  private async pushOnce(link: ProvinceLinkRecord): Promise<void> {
    const acked = link.ackedSeq;
    const read = this.journal.after(acked, this.batchEvents);
    const last = read.at(-1);
    if (!last) return;
    const toSeq = last.seq;
    const events = read.filter(kept).map((e) => sanitize(e, link.shareNames));
    const prevChain = link.chain ?? (await this.chainAt(acked, link));
    const next = await this.chainOverInTurns(prevChain, events, acked + 1, toSeq);
    const epoch = link.epoch ?? randomUUID();
    if (link.epoch === null) this.journal.write(() => setEpoch(this.db, epoch, acked, prevChain, link.recovery ?? 'null'));
    const config = this.config();
    const hash = createHash('sha256').update(JSON.stringify(config)).digest('hex');
    const answer: PushAnswer = await this.clientFor(link.url, pushMs(events.length))(
      'province:push',
      { fromSeq: acked + 1, toSeq, events, epoch, prevChain, ...(hash === link.configHash ? {} : { config }) },
      link.token,
    );
    if (answer.ackedSeq === toSeq && (answer.chain ?? null) === null) {
      // A province that does not know its chain (it held this site before chains existed) keeps ours from now on.
    } else if (answer.ackedSeq !== toSeq || answer.chain !== next.chain) {
      return this.reconcile({ ...link, epoch }, answer.ackedSeq, answer.chain ?? null);
    }
    const move = answer.journalMove ? JSON.stringify(answer.journalMove) : null;
    this.journal.write(() => {
      // The province found this journal under another site (this hub joined again to a new one).
      if (move !== null && move !== link.journalMove) setJournalMove(this.db, move);
      recordPush(this.db, toSeq, next.chain, hash, this.clock());
      saveCheckpoints(this.db, [...next.checkpoints, { seq: toSeq, chain: next.chain }], CHECKPOINT_EVERY, RECENT_MARKS);
    });
    await this.journal.settled();
  }

  /** The province's latest field catalogue and what accepting it would change here. */
  async catalogueOffer(): Promise<CatalogueOffer> {
    const link = getProvinceLink(this.db);
    if (!link) return { catalogue: null, acceptedVersion: null, changes: [] };
    let catalogue: Catalogue | null;
    try {
      catalogue = (await this.clientFor(link.url)('province:catalogue', {}, link.token)).catalogue;
    } catch {
      throw new HubError('PROVINCE_UNREACHABLE');
    }
    return { catalogue, acceptedVersion: link.catalogueVersion, changes: catalogue ? this.changes(catalogue) : [] };
  }

  /** Takes the catalogue's names and target waits for the fields with its codes; the province hears it. */
  async acceptCatalogue(version: number, staffId: number | null): Promise<CatalogueOffer> {
    const offer = await this.catalogueOffer();
    if (!offer.catalogue || offer.catalogue.version !== version) throw new HubError('CATALOGUE_CHANGED');
    const fields = new Map(listFields(this.db).map((f) => [f.id, f]));
    for (const c of offer.changes) {
      const f = c.fieldId === null ? undefined : fields.get(c.fieldId);
      if (!f || (!c.nameVi && !c.nameEn && !c.targetWaitMin)) continue;
      const { id, ...body } = f;
      this.centerConfig.saveField(
        {
          ...body,
          id,
          nameVi: c.nameVi?.to ?? f.nameVi,
          nameEn: c.nameEn?.to ?? f.nameEn,
          targetWaitMin: c.targetWaitMin?.to ?? f.targetWaitMin,
        },
        staffId,
      );
    }
    this.journal.write(() => setCatalogueVersion(this.db, version));
    await this.journal.settled();
    // The province hears it while the hub is still linked (a manager may unlink in the meantime).
    const link = getProvinceLink(this.db);
    if (link) await this.clientFor(link.url)('province:catalogue-accepted', { version }, link.token).catch(() => undefined);
    return this.catalogueOffer();
  }

  private changes(c: Catalogue): CatalogueChange[] {
    const byCode = new Map(listFields(this.db).map((f) => [f.code, f]));
    return c.fields.map((want) => {
      const f = byCode.get(want.code);
      if (!f) return { code: want.code, fieldId: null, nameVi: null, nameEn: null, targetWaitMin: null };
      return {
        code: want.code,
        fieldId: f.id,
        nameVi: f.nameVi === want.nameVi ? null : { from: f.nameVi, to: want.nameVi },
        nameEn: !want.nameEn || f.nameEn === want.nameEn ? null : { from: f.nameEn, to: want.nameEn },
        targetWaitMin: f.targetWaitMin === want.targetWaitMin ? null : { from: f.targetWaitMin, to: want.targetWaitMin },
      };
    });
  }

  /** What the province needs to name fields and counters. */
  private config(): SiteConfig {
    const s = this.settings.get();
    const levels = [...s.rating.levels].sort((a, b) => b.value - a.value);
    return {
      centerName: s.centerName,
      centerNameEn: s.centerNameEn,
      timezone: s.timezone,
      satisfiedLevels: levels.slice(0, 2).map((l) => l.value),
      fields: listFields(this.db).map((f) => ({
        id: f.id,
        code: f.code,
        nameVi: f.nameVi,
        nameEn: f.nameEn,
        targetWaitMin: f.targetWaitMin,
        active: f.active,
      })),
      counters: listCounters(this.db).map((c) => ({ id: c.id, number: c.number, nameVi: c.nameVi, nameEn: c.nameEn, active: c.active })),
    };
  }
}

/** Leaves at the center what the province must not see: officers' names (unless shared), notes, speech. */
function sanitize(e: JournalEvent, shareNames: boolean): JournalEvent {
  if (e.type.startsWith('counter:')) {
    // every counter:* event carries { counter } (the contract's CounterChange)
    const c = e as Extract<JournalEvent, { type: 'counter:opened' }>;
    return { ...c, data: { counter: { ...c.data.counter, staffName: shareNames ? c.data.counter.staffName : null } } };
  }
  if (e.type.startsWith('ticket:')) {
    // every ticket:* event carries { ticket, waiting } (the contract's TicketChange)
    const t = e as Extract<JournalEvent, { type: 'ticket:issued' }>;
    return { ...t, data: { ticket: t.data.ticket, waiting: t.data.waiting } };
  }
  return e;
}
