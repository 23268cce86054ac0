// Text messages to citizens who left a number (#26): queued when few people are ahead and when the
// ticket is called, sent one at a time through the modem or the gateway, with retries and a pace.
//
// At most once: a message is marked `sending` in a committed write before its first byte goes
// out. A failure the modem or gateway reports before taking the text, or a refusal it reports
// (+CMS ERROR, BUSY, a non-2xx answer), puts it back in the queue; a text handed over without a
// verdict (timeout, unplugged), or found `sending` when the hub starts (it stopped mid-send), becomes
// `unknown` and is never sent again. A citizen may miss a message; none gets two.
import type { Db } from '../../db/open.ts';
import {
  dropSmsBefore,
  finishSms,
  markSmsSending,
  nextDueSms,
  numberOf,
  purgeNumbersBefore,
  putNumber,
  queueSms,
  retrySms,
  settleInterruptedSms,
  smsCounts,
  smsQueuedFor,
  ticketsWithNumbers,
  type NumbersDb,
  type SmsCounts,
  type SmsRecord,
} from '../../db/sms.ts';
import { getTicket } from '../../db/tickets.ts';
import { encodeSms, type EncodedSms } from '../../hardware/sms/encoding.ts';
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
import { aheadText, calledText, international, maskPhone, normalizePhone, signed } from './smsTexts.ts';

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
}

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
    const settled = this.journal.write(() => settleInterruptedSms(this.db, this.clock()));
    if (settled > 0) this.log.warn({ messages: settled }, 'sms: messages the hub stopped while sending are not sent again');
    this.endDays();
    this.unsubscribe = this.journal.subscribe((events) => setImmediate(() => this.follow(events)));
    this.timer = setInterval(() => void this.tick(), this.tickMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.unsubscribe?.();
    // Closed first: a step waiting on the modem ends now (a text not yet handed over stays queued).
    await this.closeChannel();
    await this.busy;
    await this.closeChannel(); // one the step may have opened meanwhile
  }

  /** A citizen's number for a ticket of today, from its kiosk (just issued) or its officer; shown back masked. */
  attach(ticketId: number, typed: string, actor: Actor): { masked: string } {
    if (!this.settings.get().sms.enabled) throw new HubError('SMS_OFF');
    const phone = normalizePhone(typed);
    if (phone === null) throw new HubError('PHONE_INVALID');
    const ticket = getTicket(this.db, ticketId);
    if (!ticket) throw new HubError('TICKET_NOT_FOUND');
    if (ticket.serviceDay !== this.engine.serviceDay()) throw new HubError('TICKET_EXPIRED');
    if (actor.counterId !== null) {
      if (ticket.counterId !== actor.counterId || (ticket.status !== 'called' && ticket.status !== 'serving'))
        throw new HubError('TICKET_NOT_AT_COUNTER');
    } else if (actor.deviceId === null || ticket.deviceId !== actor.deviceId || ticket.status !== 'waiting') {
      throw new HubError('FORBIDDEN');
    }
    putNumber(this.numbers, ticket.id, ticket.serviceDay, phone, this.clock());
    setImmediate(() => this.queueAhead(new Set([ticket.fieldId])));
    return { masked: maskPhone(phone) };
  }

  health(): SmsHealth {
    const s = this.settings.get().sms;
    return {
      enabled: s.enabled,
      transport: s.transport,
      fault: s.enabled ? this.fault : null,
      faultSince: s.enabled ? this.faultSince : null,
      signal: this.signal,
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
    try {
      for (const e of events) {
        if (!e.type.startsWith('ticket:')) continue;
        if (e.fieldId !== null) touched.add(e.fieldId);
        if (e.type === 'ticket:called' && e.ticketId !== null) this.queueCalled(e.ticketId);
      }
      if (touched.size > 0) this.queueAhead(touched);
    } catch (err) {
      this.log.error({ err }, 'sms: queueing failed');
    }
  }

  private queueCalled(ticketId: number): void {
    if (numberOf(this.numbers, ticketId) === undefined) return;
    const t = getTicket(this.db, ticketId);
    if (!t || t.status !== 'called' || t.counterNumber === null) return;
    const counter = t.counterNumber;
    this.journal.write(() =>
      queueSms(this.db, {
        ticketId,
        serviceDay: t.serviceDay,
        kind: 'called',
        callNo: t.callCount,
        text: calledText(t.number, counter),
        at: this.clock(),
      }),
    );
  }

  /** Today's waiting tickets with a number, in the fields that moved: the first message when few are ahead. */
  private queueAhead(fields: ReadonlySet<number>): void {
    if (this.stopped) return;
    const n = this.settings.get().sms.aheadCount;
    for (const id of ticketsWithNumbers(this.numbers, this.engine.serviceDay())) {
      const t = getTicket(this.db, id);
      if (!t || t.status !== 'waiting' || !fields.has(t.fieldId) || smsQueuedFor(this.db, id, 'ahead')) continue;
      const ahead = this.engine.withWait(t).peopleAhead;
      if (ahead > n) continue;
      this.journal.write(() =>
        queueSms(this.db, {
          ticketId: id,
          serviceDay: t.serviceDay,
          kind: 'ahead',
          callNo: 0,
          text: aheadText(t.number, ahead),
          at: this.clock(),
        }),
      );
    }
  }

  // ---- sending ----

  /** One step: a new day's clean-up, the channel, its health, then at most one message. */
  tick(): Promise<void> {
    if (this.busy || this.stopped) return this.busy ?? Promise.resolve();
    this.busy = this.step()
      .catch((err: unknown) => this.log.error({ err: messageOf(err) }, 'sms: outbox step failed'))
      .finally(() => (this.busy = null));
    return this.busy;
  }

  private async step(): Promise<void> {
    this.endDays();
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
    this.journal.write(() => markSmsSending(this.db, m.id));
    await this.journal.settled(); // `sending` is on disk before the first byte goes out
    this.lastSend = performance.now();
    const centre = this.settings.get().centerName;
    try {
      await channel.send(international(phone), encodeSms(signed(centre, m.text, s.encoding), s.encoding));
      this.journal.write(() => finishSms(this.db, m.id, 'sent', this.clock(), null));
      this.log.info({ sms: m.id, ticketId: m.ticketId, kind: m.kind }, 'sms: sent');
    } catch (err) {
      this.failed(m, err);
    }
    await this.journal.settled();
  }

  /** The message's number if it is still worth sending; otherwise it is dropped (null). */
  private stillWanted(m: SmsRecord): string | null {
    const t = getTicket(this.db, m.ticketId);
    const phone = numberOf(this.numbers, m.ticketId);
    const current =
      t !== undefined &&
      t.serviceDay === this.day &&
      (m.kind === 'ahead' ? t.status === 'waiting' : t.status === 'called' || t.status === 'serving');
    if (phone !== undefined && current) return phone;
    this.journal.write(() => finishSms(this.db, m.id, 'dropped', this.clock(), phone === undefined ? 'no-number' : 'moved-on'));
    return null;
  }

  private failed(m: SmsRecord, err: unknown): void {
    const now = this.clock();
    if (!(err instanceof SmsSendError)) {
      this.journal.write(() => finishSms(this.db, m.id, 'failed', now, messageOf(err).slice(0, 200)));
      this.log.error({ sms: m.id, err: messageOf(err) }, 'sms: not sent');
      return;
    }
    const why = err.cms === null ? err.failure : `${err.failure}:${err.cms}`;
    if (err.failure === 'unplugged' || err.failure === 'no-sim' || err.failure === 'sim-locked' || err.failure === 'no-signal')
      this.setFault(err.failure);
    if (err.failure === 'timeout' && !err.maybeSent) this.setFault('not-responding');
    const attempts = m.attempts + 1;
    if (err.maybeSent) {
      this.journal.write(() => finishSms(this.db, m.id, 'unknown', now, why));
      this.log.warn({ sms: m.id, failure: why }, 'sms: handed over without a verdict; not sent again');
    } else if (attempts < MAX_ATTEMPTS) {
      this.journal.write(() => retrySms(this.db, m.id, now + FIRST_RETRY_MS * 2 ** (attempts - 1), why));
      this.log.warn({ sms: m.id, failure: why, attempts }, 'sms: not sent; tried again later');
    } else {
      this.journal.write(() => finishSms(this.db, m.id, 'failed', now, why));
      this.log.warn({ sms: m.id, failure: why, attempts }, 'sms: not sent; given up');
    }
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

  /** A new service day: yesterday's numbers are deleted, and its unsent messages dropped. */
  private endDays(): void {
    const day = this.engine.serviceDay();
    if (day === this.day) return;
    const gone = purgeNumbersBefore(this.numbers, day);
    const dropped = this.journal.write(() => dropSmsBefore(this.db, day, this.clock()));
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
