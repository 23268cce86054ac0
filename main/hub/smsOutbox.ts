// Text messages to citizens who left a number (#26): queued when few people are ahead and when the
// ticket is called, sent one at a time through the modem or the gateway, with retries and a pace.
//
// At most once: a message is marked `sending` in a committed write before its first byte goes
// out. A failure the modem or gateway reports before taking the text, or a refusal it reports
// (+CMS ERROR, BUSY, a non-2xx answer), puts it back in the queue; a text handed over without a
// verdict (timeout, unplugged), or found `sending` when the hub starts (it stopped mid-send), becomes
// `unknown` and is never sent again. A citizen may miss a message; none gets two.
//
// The numbers' file, which no backup holds, remembers each message handed over: a hub restored from
// a backup that still has one queued does not send it again (it becomes `unknown`).
//
// A disk that takes no writes (full, read-only): nothing is sent while a write the outbox needs is
// refused, a verdict the disk refused is kept here and written once it takes writes again, and the
// numbers of a day that is over are deleted then. Numbers kept for tickets the hub's database does
// not know (it was restored from a backup) are never used and are deleted at start.
import { storageFaultOf, type Db } from '../../db/open.ts';
import {
  deleteNumbers,
  dropSmsBefore,
  finishSms,
  markSmsSending,
  nextDueSms,
  numberEntries,
  numberOf,
  purgeNumbersBefore,
  putNumber,
  queueSms,
  retrySms,
  settleInterruptedSms,
  smsCounts,
  smsQueuedFor,
  ticketsWithNumbers,
  markHanded,
  unmarkHanded,
  wasHanded,
  type NumbersDb,
  type SmsKey,
  type SmsCounts,
  type SmsRecord,
} from '../../db/sms.ts';
import { getTicket } from '../../db/tickets.ts';
import type { EncodedSms } from '../../hardware/sms/encoding.ts';
import { sendViaGateway } from '../../hardware/sms/httpGateway.ts';
import { GsmModem, SmsSendError, type ModemFault, type ModemTimes } from '../../hardware/sms/modem.ts';
import { openSerialLink } from '../../hardware/sms/serialLink.ts';
import type { JournalEvent, SmsSettings } from '../contract/index.ts';
import { HubError, messageOf } from '../base/errors.ts';
import type { Log } from '../base/log.ts';
import type { Clock } from '../base/time.ts';
import type { Journal } from '../store/journal.ts';
import type { SettingsStore } from '../store/settings.ts';
import type { Actor, QueueEngine } from '../queue/engine.ts';
import { composeSms, forSending, international, maskPhone, normalizePhone } from './smsTexts.ts';

/** Why nothing can be sent now; null when the channel looks well (a gateway is not asked). */
export type SmsFault = ModemFault;

/** What one way of sending can do. */
export interface SmsChannel {
  check(): Promise<{ fault: SmsFault | null; signal: number | null }>;
  send(to: string, message: EncodedSms): Promise<void>;
  /** The channel went away (a modem unplugged): open it again. */
  gone(): boolean;
  close(): Promise<void>;
}

export interface SmsOptions {
  /** How often the outbox looks for work (default 1 s). */
  tickMs?: number;
  /** How often an idle modem is asked for its SIM and signal, and an absent one looked for (default 30 s). */
  probeMs?: number;
  /** The modem's deadlines (tests shorten them). */
  modemTimes?: Partial<ModemTimes>;
  /** Hears of each write the disk refused to the numbers' file (the hub's storage watch). */
  onDiskFault?: (err: unknown, source: string) => void;
  /**
   * Whether the data folder's disk is known to refuse writes now: the outbox then tries none (each
   * refused batch would refuse the requests that share it) until the storage watch sees it well.
   */
  diskRefuses?: () => boolean;
}

/** What became of a message handed over (or refused), to be written: owed while the disk refuses it. */
type Verdict =
  { state: 'sent' | 'failed' | 'unknown'; at: number; failure: string | null } | { state: 'queued'; nextAt: number; failure: string };

/** Tries of one message before it counts as failed; the wait doubles from a minute. */
const MAX_ATTEMPTS = 4;
const FIRST_RETRY_MS = 60_000;

export interface SmsHealth {
  enabled: boolean;
  transport: SmsSettings['transport'];
  fault: SmsFault | null;
  /** Since when the fault holds (hub time). */
  faultSince: number | null;
  signal: number | null;
  checkedAt: number | null;
  /** Today's messages by state. */
  today: SmsCounts;
}

export class SmsOutbox {
  private timer: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;
  private busy: Promise<void> | null = null;
  private channel: { key: string; it: SmsChannel } | null = null;
  private fault: SmsFault | null = null;
  private faultSince: number | null = null;
  private signal: number | null = null;
  private checkedAt: number | null = null;
  /** Real time (performance.now) of the last probe and the last send: the pace is the modem's, not hub time. */
  private lastProbe = -Infinity;
  private lastSend = -Infinity;
  private lastOpen = -Infinity;
  private day: string | null = null;
  private stopped = false;
  /** Verdicts the disk refused, by message: written before anything else is sent. */
  private readonly owed = new Map<number, { key: SmsKey; v: Verdict }>();
  /** Whether the messages a stopped hub left `sending` are settled (a refused write is tried again). */
  private interruptedSettled = false;
  /** Tickets whose numbers the file holds but the hub's database does not know: never used, deleted. */
  private readonly strangers = new Set<number>();
  /** The disk's refusal was logged (once until a step goes through again). */
  private diskNoted = false;
  /** Queueing failed (the disk refused it): the next step looks again at today's tickets with a number. */
  private catchUp = false;
  private readonly tickMs: number;
  private readonly probeMs: number;

  constructor(
    private readonly db: Db,
    private readonly numbers: NumbersDb,
    private readonly journal: Journal,
    private readonly engine: QueueEngine,
    private readonly settings: SettingsStore,
    private readonly clock: Clock,
    private readonly log: Log,
    private readonly opts: SmsOptions = {},
  ) {
    this.tickMs = opts.tickMs ?? 1_000;
    this.probeMs = opts.probeMs ?? 30_000;
  }

  start(): void {
    // A hub restored from a backup knows fewer tickets than the numbers' file: a number left for a
    // ticket it lost must never reach the new ticket that takes the same id. Reading needs no write.
    for (const n of numberEntries(this.numbers)) {
      if (getTicket(this.db, n.ticketId)?.serviceDay !== n.serviceDay) this.strangers.add(n.ticketId);
    }
    this.unsubscribe = this.journal.subscribe((events) => setImmediate(() => this.follow(events)));
    this.timer = setInterval(() => void this.tick(), this.tickMs);
    this.timer.unref();
    void this.tick(); // the clean-up at once; a disk that refuses it does not stop the hub
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.unsubscribe?.();
    // Closed first: a step waiting on the modem ends now (a text not yet handed over stays queued).
    await this.closeChannel();
    await this.busy;
    await this.closeChannel(); // one the step may have opened meanwhile
    await this.payOwed(); // else those messages stay `sending`, and become `unknown` at the next start
  }

  /** A citizen's number for a ticket of today, from its kiosk (just issued) or its officer; shown back masked. */
  attach(ticketId: number, typed: string, actor: Actor): { masked: string; sendsNow: boolean } {
    if (!this.settings.get().sms.enabled) throw new HubError('SMS_OFF');
    const phone = normalizePhone(typed);
    if (phone === null) throw new HubError('PHONE_INVALID');
    const ticket = getTicket(this.db, ticketId);
    if (!ticket) throw new HubError('TICKET_NOT_FOUND');
    if (ticket.serviceDay !== this.engine.serviceDay()) throw new HubError('TICKET_EXPIRED');
    if (actor.counterId !== null) {
      const atDesk = ticket.counterId === actor.counterId && (ticket.status === 'called' || ticket.status === 'serving');
      // A number this officer has just issued at the counter ("Cấp số tại quầy"), still waiting.
      const issuedHere =
        ticket.status === 'waiting' && ticket.source === 'staff' && actor.staffId !== null && ticket.staffId === actor.staffId;
      if (!atDesk && !issuedHere) throw new HubError('TICKET_NOT_AT_COUNTER');
    } else if (actor.deviceId === null || ticket.deviceId !== actor.deviceId || ticket.status !== 'waiting') {
      throw new HubError('FORBIDDEN');
    }
    try {
      putNumber(this.numbers, ticket.id, ticket.serviceDay, phone, this.clock());
    } catch (err) {
      if (storageFaultOf(err) === null) throw err;
      this.opts.onDiskFault?.(err, 'sms-numbers');
      throw new HubError('SMS_NUMBER_NOT_SAVED');
    }
    this.strangers.delete(ticket.id); // this ticket's own number now
    setImmediate(() => void this.queueing(() => this.queueAhead(new Set([ticket.fieldId]))));
    // The modem may have failed since the kiosk offered texts: the citizen is told so, not promised a text now.
    return { masked: maskPhone(phone), sendsNow: this.floorFault() === null };
  }

  /** The masked number kept for this ticket today (the counter's desk shows it), never the number. */
  maskedFor(ticketId: number): string | null {
    const phone = numberOf(this.numbers, ticketId, this.engine.serviceDay());
    return phone === undefined ? null : maskPhone(phone);
  }

  health(): SmsHealth {
    const s = this.settings.get().sms;
    return {
      enabled: s.enabled,
      transport: s.transport,
      fault: s.enabled ? this.fault : null,
      faultSince: s.enabled ? this.faultSince : null,
      // The last signal the modem gave is not its signal now while it does not answer (#26).
      signal: s.enabled && this.fault !== 'unplugged' && this.fault !== 'not-responding' ? this.signal : null,
      checkedAt: this.checkedAt,
      today: smsCounts(this.db, this.engine.serviceDay()),
    };
  }

  /** The fault the floor should hear of: the modem's, while sending is on. */
  floorFault(): { fault: SmsFault; since: number } | null {
    const s = this.settings.get().sms;
    if (!s.enabled || this.fault === null || this.faultSince === null) return null;
    return { fault: this.fault, since: this.faultSince };
  }

  // ---- queueing, after each commit ----

  private follow(events: readonly JournalEvent[]): void {
    if (this.stopped || !this.settings.get().sms.enabled) return;
    const touched = new Set<number>();
    const called: number[] = [];
    for (const e of events) {
      if (!e.type.startsWith('ticket:')) continue;
      if (e.fieldId !== null) touched.add(e.fieldId);
      if (e.type === 'ticket:called' && e.ticketId !== null) called.push(e.ticketId);
    }
    if (touched.size > 0 || called.length > 0)
      void this.queueing(() => {
        for (const id of called) this.queueCalled(id);
        if (touched.size > 0) this.queueAhead(touched);
      });
  }

  /**
   * Queues messages, and waits for them to be on disk: a disk that refuses them (the call itself
   * went through just before) leaves the next step to look again at every ticket with a number.
   */
  private async queueing(queue: () => void): Promise<void> {
    try {
      queue();
      await this.journal.settled();
    } catch (err) {
      this.catchUp = true;
      this.log.error({ err: messageOf(err) }, 'sms: queueing failed; looked at again at the next step');
    }
  }

  /** Today's tickets with a number, looked at again after queueing failed: called with no text yet, or near the front. */
  private async queueMissed(): Promise<void> {
    if (!this.settings.get().sms.enabled) return;
    const day = this.engine.serviceDay();
    const fields = new Set<number>();
    for (const id of ticketsWithNumbers(this.numbers, day)) {
      const t = getTicket(this.db, id);
      if (this.strangers.has(id) || t?.serviceDay !== day) continue;
      if (t.status === 'called' && !smsQueuedFor(this.db, id, 'called')) this.queueCalled(id);
      if (t.status === 'waiting') fields.add(t.fieldId);
    }
    if (fields.size > 0) this.queueAhead(fields);
    await this.journal.settled();
    this.catchUp = false;
  }

  /** A ticket's number, if it was left for this ticket (not for one a restored database lost). */
  private numberFor(ticketId: number, serviceDay: string): string | undefined {
    return this.strangers.has(ticketId) ? undefined : numberOf(this.numbers, ticketId, serviceDay);
  }

  private queueCalled(ticketId: number): void {
    const t = getTicket(this.db, ticketId);
    if (!t || t.status !== 'called' || t.counterNumber === null) return;
    if (this.numberFor(ticketId, t.serviceDay) === undefined) return;
    const counter = t.counterNumber;
    const { centerName, sms } = this.settings.get();
    this.journal.write(() =>
      queueSms(this.db, {
        ticketId,
        serviceDay: t.serviceDay,
        kind: 'called',
        callNo: t.callCount,
        text: composeSms({ kind: 'called', ticketNumber: t.number, counterNumber: counter }, centerName, sms.encoding),
        at: this.clock(),
      }),
    );
  }

  /** Today's waiting tickets with a number, in the fields that moved: the first message when few are ahead. */
  private queueAhead(fields: ReadonlySet<number>): void {
    if (this.stopped) return;
    const { centerName, sms } = this.settings.get();
    const n = sms.aheadCount;
    const day = this.engine.serviceDay();
    for (const id of ticketsWithNumbers(this.numbers, day)) {
      const t = getTicket(this.db, id);
      if (this.strangers.has(id) || t?.serviceDay !== day) continue;
      if (!t || t.status !== 'waiting' || !fields.has(t.fieldId) || smsQueuedFor(this.db, id, 'ahead')) continue;
      const ahead = this.engine.withWait(t).peopleAhead;
      if (ahead > n) continue;
      this.journal.write(() =>
        queueSms(this.db, {
          ticketId: id,
          serviceDay: t.serviceDay,
          kind: 'ahead',
          callNo: 0,
          text: composeSms({ kind: 'ahead', ticketNumber: t.number, ahead }, centerName, sms.encoding),
          at: this.clock(),
        }),
      );
    }
  }

  // ---- sending ----

  /** One step: a new day's clean-up, the channel, its health, then at most one message. */
  tick(): Promise<void> {
    if (this.busy || this.stopped) return this.busy ?? Promise.resolve();
    const step = this.step()
      .then(() => {
        this.diskNoted = false;
      })
      .catch((err: unknown) => this.stepFailed(err))
      .finally(() => (this.busy = null));
    this.busy = step;
    return step;
  }

  /** A step the disk refused is said once (the storage watch has the fault); anything else each time. */
  private stepFailed(err: unknown): void {
    const disk = storageFaultOf(err) !== null || (err instanceof HubError && err.code === 'STORAGE_UNAVAILABLE');
    if (!disk) {
      this.log.error({ err: messageOf(err) }, 'sms: outbox step failed');
    } else if (!this.diskNoted) {
      this.diskNoted = true;
      this.log.warn(
        { err: messageOf(err), owed: this.owed.size },
        'sms: the data folder takes no writes; nothing is sent, and a past day’s numbers are deleted, once it does',
      );
    }
  }

  /** A write to the numbers' file; a disk fault is told to the storage watch, then thrown. */
  private numbersWrite<T>(fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      if (storageFaultOf(err) !== null) this.opts.onDiskFault?.(err, 'sms-numbers');
      throw err;
    }
  }

  /**
   * What must be on disk before anything more is sent: the verdicts owed, the messages a stopped hub
   * left `sending` (unknown), the numbers of tickets the database does not know deleted, and a past
   * day's numbers deleted and its messages dropped. Throws while the disk refuses one of them.
   */
  private async housekeep(): Promise<void> {
    await this.payOwed();
    if (this.owed.size > 0) throw new HubError('STORAGE_UNAVAILABLE');
    if (!this.interruptedSettled) {
      const settled = this.journal.write(() => settleInterruptedSms(this.db, this.clock()));
      await this.journal.settled();
      this.interruptedSettled = true;
      if (settled > 0) this.log.warn({ messages: settled }, 'sms: messages the hub stopped while sending are not sent again');
    }
    if (this.strangers.size > 0) {
      const ids = [...this.strangers];
      const gone = this.numbersWrite(() => deleteNumbers(this.numbers, ids));
      for (const id of ids) this.strangers.delete(id);
      this.log.warn({ numbers: gone }, 'sms: numbers kept for tickets this database does not know (restored from a backup) are deleted');
    }
    await this.endDays();
  }

  /** Writes the verdicts the disk refused so far; those it still refuses stay owed. */
  private async payOwed(): Promise<void> {
    for (const [id, { key, v }] of this.owed) {
      try {
        // Not sent: its handed mark goes first (a mark left behind would hold the retry back for good).
        if (v.state === 'queued') this.numbersWrite(() => unmarkHanded(this.numbers, key));
        this.journal.write(() =>
          v.state === 'queued' ? retrySms(this.db, id, v.nextAt, v.failure) : finishSms(this.db, id, v.state, v.at, v.failure),
        );
        await this.journal.settled();
        this.owed.delete(id);
      } catch (err) {
        this.stepFailed(err);
        return;
      }
    }
  }

  private async step(): Promise<void> {
    if (this.opts.diskRefuses?.()) throw new HubError('STORAGE_UNAVAILABLE');
    await this.housekeep();
    if (this.catchUp) await this.queueMissed();
    const s = this.settings.get().sms;
    if (!s.enabled) {
      await this.closeChannel();
      this.setFault(null);
      return;
    }
    const channel = await this.channelFor(s);
    if (!channel) return;
    if (performance.now() - this.lastProbe >= this.probeMs) {
      this.lastProbe = performance.now();
      const st = await channel.check();
      this.checkedAt = this.clock();
      this.signal = st.signal;
      this.setFault(st.fault);
    }
    if (this.fault !== null) return; // messages wait in the queue until the modem can send
    if (performance.now() - this.lastSend < s.minIntervalSec * 1000) return;
    const m = nextDueSms(this.db, this.clock());
    if (!m) return;
    const phone = this.stillWanted(m);
    if (phone === null) return;
    const key: SmsKey = { ticketId: m.ticketId, serviceDay: m.serviceDay, kind: m.kind, callNo: m.callNo };
    if (wasHanded(this.numbers, key)) {
      // Handed over before this database was restored from a backup that still had it queued.
      this.journal.write(() => finishSms(this.db, m.id, 'unknown', this.clock(), 'restored'));
      await this.journal.settled();
      this.log.warn({ sms: m.id, ticketId: m.ticketId, kind: m.kind }, 'sms: handed over before the database was restored; not sent again');
      return;
    }
    // Marked handed, then `sending`, both on disk before the first byte goes out.
    this.numbersWrite(() => markHanded(this.numbers, key));
    try {
      this.journal.write(() => markSmsSending(this.db, m.id));
      await this.journal.settled();
    } catch (err) {
      try {
        unmarkHanded(this.numbers, key); // not handed after all
      } catch {
        // at most once: a mark the disk keeps only withholds the message
      }
      throw err;
    }
    this.lastSend = performance.now();
    let verdict: Verdict;
    try {
      // Built to fit one part when queued (with the center's name when it fits); one that does not fit is never sent.
      const message = forSending(m.text, s.encoding);
      if (message === null) throw new SmsSendError('too-long', false);
      await channel.send(international(phone), message);
      verdict = { state: 'sent', at: this.clock(), failure: null };
      this.log.info({ sms: m.id, ticketId: m.ticketId, kind: m.kind }, 'sms: sent');
    } catch (err) {
      verdict = this.failed(m, err);
    }
    // Kept until it is on disk: a verdict the disk refuses is written once it takes writes again,
    // never taken for a failure (the message stays `sending` meanwhile, so it is not sent again).
    this.owed.set(m.id, { key, v: verdict });
    await this.payOwed();
  }

  /** The message's number if it is still worth sending; otherwise it is dropped (null). */
  private stillWanted(m: SmsRecord): string | null {
    const t = getTicket(this.db, m.ticketId);
    const phone = t && this.numberFor(m.ticketId, t.serviceDay);
    const current =
      t !== undefined &&
      t.serviceDay === this.day &&
      (m.kind === 'ahead' ? t.status === 'waiting' : t.status === 'called' || t.status === 'serving');
    if (phone !== undefined && current) return phone;
    this.journal.write(() => finishSms(this.db, m.id, 'dropped', this.clock(), phone === undefined ? 'no-number' : 'moved-on'));
    return null;
  }

  /** What a send that threw comes to (the channel's fault noted). */
  private failed(m: SmsRecord, err: unknown): Verdict {
    const now = this.clock();
    if (!(err instanceof SmsSendError)) {
      this.log.error({ sms: m.id, err: messageOf(err) }, 'sms: not sent');
      return { state: 'failed', at: now, failure: messageOf(err).slice(0, 200) };
    }
    const why = err.cms === null ? err.failure : `${err.failure}:${err.cms}`;
    if (err.failure === 'unplugged' || err.failure === 'no-sim' || err.failure === 'sim-locked' || err.failure === 'no-signal')
      this.setFault(err.failure);
    if (err.failure === 'timeout' && !err.maybeSent) this.setFault('not-responding');
    const attempts = m.attempts + 1;
    if (err.failure === 'too-long') {
      this.log.warn({ sms: m.id, failure: why }, 'sms: not sent; the text is more than one part (not tried again)');
      return { state: 'failed', at: now, failure: why };
    }
    if (err.maybeSent) {
      this.log.warn({ sms: m.id, failure: why }, 'sms: handed over without a verdict; not sent again');
      return { state: 'unknown', at: now, failure: why };
    }
    if (attempts < MAX_ATTEMPTS) {
      this.log.warn({ sms: m.id, failure: why, attempts }, 'sms: not sent; tried again later');
      return { state: 'queued', nextAt: now + FIRST_RETRY_MS * 2 ** (attempts - 1), failure: why };
    }
    this.log.warn({ sms: m.id, failure: why, attempts }, 'sms: not sent; given up');
    return { state: 'failed', at: now, failure: why };
  }

  private setFault(fault: SmsFault | null): void {
    if (fault === this.fault) return;
    this.fault = fault;
    this.faultSince = fault === null ? null : this.clock();
    if (fault !== null) this.lastProbe = -Infinity; // look again at the next step
  }

  /** The channel the settings name, opened (again) if need be; a modem that will not open is looked for every probeMs. */
  private async channelFor(s: SmsSettings): Promise<SmsChannel | null> {
    const key = s.transport === 'modem' ? `modem:${s.modemPath}` : `gateway:${s.gatewayMethod}:${s.gatewayUrl}`;
    if (this.channel?.key === key && !this.channel.it.gone()) return this.channel.it;
    await this.closeChannel();
    if (s.transport === 'gateway') {
      this.channel = { key, it: gatewayChannel(s) };
      return this.channel.it;
    }
    if (performance.now() - this.lastOpen < this.probeMs) return null;
    this.lastOpen = performance.now();
    try {
      this.channel = { key, it: modemChannel(new GsmModem(await openSerialLink(s.modemPath), this.opts.modemTimes)) };
      this.lastProbe = -Infinity; // ask the new modem at once
      return this.channel.it;
    } catch {
      this.setFault('unplugged');
      return null;
    }
  }

  private async closeChannel(): Promise<void> {
    const c = this.channel;
    this.channel = null;
    await c?.it.close().catch(() => undefined);
  }

  /**
   * A new service day (the hub's: never back before the latest ticket's day): the earlier days'
   * numbers are deleted, and their unsent messages dropped. Until both are on disk, the day is not
   * taken as begun, so a refused purge is tried again at the next step.
   */
  private async endDays(): Promise<void> {
    const day = this.engine.serviceDay();
    if (day === this.day) return;
    const gone = this.numbersWrite(() => purgeNumbersBefore(this.numbers, day));
    const dropped = this.journal.write(() => dropSmsBefore(this.db, day, this.clock()));
    await this.journal.settled();
    if (gone > 0 || dropped > 0) this.log.info({ numbers: gone, dropped }, 'sms: the day is over; its phone numbers are deleted');
    this.day = day;
  }
}

function modemChannel(modem: GsmModem): SmsChannel {
  return {
    check: () => modem.status(),
    send: async (to, message) => {
      await modem.send(to, message);
    },
    gone: () => modem.unplugged,
    close: () => modem.close(),
  };
}

function gatewayChannel(s: SmsSettings): SmsChannel {
  return {
    check: () => Promise.resolve({ fault: null, signal: null }),
    send: async (to, message) => {
      await sendViaGateway({ urlTemplate: s.gatewayUrl, method: s.gatewayMethod, to, text: message.text });
    },
    gone: () => false,
    close: () => Promise.resolve(),
  };
}
