// The queue engine: every ticket state change is one transaction with its journal row.
import { ticketToWire } from '../store/toWire.ts';
import type { FieldLoad, IssuedTicket, TicketLang, TicketSource, TicketWithWait } from '../contract/index.ts';
import type { Db } from '../../db/open.ts';
import { getField, type FieldRecord } from '../../db/fields.ts';
import {
  callsToday,
  countCall,
  getCounter,
  openCountersServing,
  setCounterState,
  setPriorityRun,
  type CounterRecord,
} from '../../db/counters.ts';
import {
  countIssued,
  currentAtCounter,
  getTicket,
  headForCounter,
  headOfField,
  normalHeadOfField,
  insertTicket,
  lastNumberInRange,
  latestServiceDay,
  anyTicketOpen,
  openTicketIdsBefore,
  peopleAhead,
  waitingAhead,
  recentServiceTimes,
  saveTicket,
  waitingInField,
  waitingInLine,
  ticketByNumber,
  type TicketRecord,
} from '../../db/tickets.ts';
import { insertPrintJob } from '../../db/printJobs.ts';
import { announcementText, composeAnnouncement } from '../voice/announcement.ts';
import { HubError } from '../base/errors.ts';
import { aheadUnderRule, nextRun, normalIsDue, pickNext } from './callOrder.ts';
import { median } from '../base/ranks.ts';
import type { Journal } from '../store/journal.ts';
import type { SettingsStore } from '../store/settings.ts';
import { isOpenAt, serviceDayOf, type Clock } from '../base/time.ts';
import { adoptionIsHarmless } from '../base/steadyClock.ts';
import { pauseReasonOf, type EventType, type PauseReason } from '../contract/index.ts';

/** Who asks. Officers act at the counter their session is signed in to. */
export interface Actor {
  staffId: number | null;
  deviceId: number | null;
  /** Set for an officer signed in to a counter. */
  counterId: number | null;
  /** Managers and admins may act on any ticket where the rules allow it. */
  supervisor: boolean;
}

type TicketEvent = Extract<EventType, `ticket:${string}`>;

/** Whether a counter may call a waiting ticket: one sent to it, or in the general line of a field it serves. */
function canCall(counter: CounterRecord, ticket: TicketRecord): boolean {
  if (ticket.targetCounterId !== null) return ticket.targetCounterId === counter.id;
  return counter.fields.some((l) => l.fieldId === ticket.fieldId);
}

const SERVICE_SAMPLE = 20;
const SERVICE_WINDOW_MS = 4 * 60 * 60 * 1000;
const MIN_SAMPLES = 3;
const PACE_TTL_MS = 5000;
/** Nobody is served in less than a minute, whatever quick finishes (mis-clicks, absentees) say. */
const MIN_PACE_MS = 60_000;

/**
 * The one rule for every estimate (kiosk home, ticket screen, printed ticket, phone page, floor):
 * null when no counter serving the field is open (no minutes at all: screens say so instead);
 * otherwise the people ahead times the pace (the recent median service time, never below the
 * floor) shared among the open counters, in whole minutes, at least 1 when someone is ahead.
 */
export function waitMinutes(ahead: number, openCounters: number, paceMs: number, floorMs: number): number | null {
  if (openCounters <= 0) return null;
  if (ahead <= 0) return 0;
  return Math.max(1, Math.ceil((ahead * Math.max(paceMs, floorMs)) / openCounters / 60_000));
}

/** The floor per person ahead: half the field's configured service time, and at least a minute. */
export function paceFloorMs(serviceMin: number): number {
  return Math.max(MIN_PACE_MS, (serviceMin * 60_000) / 2);
}

export class QueueEngine {
  /** The last service day a write saw; a new day closes what the previous one left open. */
  private knownDay: string | null = null;
  /** The latest service day written (read from the database once): the day never goes back before it. */
  private latestDay: string | null | undefined = undefined;
  private readonly paceCache = new Map<number, { at: number; ms: number }>();

  constructor(
    private readonly db: Db,
    private readonly journal: Journal,
    private readonly settings: SettingsStore,
    private readonly clock: Clock,
  ) {}

  /**
   * The service day of an instant, but never one before the latest day a ticket was written on:
   * a clock set back across midnight must not open yesterday again (its numbers, its line).
   */
  serviceDay(now = this.clock()): string {
    const day = serviceDayOf(now, this.settings.get().timezone);
    const latest = this.latestServiceDay();
    return latest !== null && day < latest ? latest : day;
  }

  /**
   * Whether hub time, held steady after the wall clock jumped, may take the wall's time now: no
   * ticket open whose place could change, and no day going back or leaping (adoptionIsHarmless).
   */
  mayAdoptWall(wall: number, held: number, heldTrusted: boolean): boolean {
    return adoptionIsHarmless({
      wall,
      held,
      heldTrusted,
      ticketsOpen: anyTicketOpen(this.db),
      lastServiceDay: this.latestServiceDay(),
      timeZone: this.settings.get().timezone,
    });
  }

  /** The latest service day written, or null on a new installation. */
  latestServiceDay(): string | null {
    if (this.latestDay === undefined) this.latestDay = latestServiceDay(this.db);
    return this.latestDay;
  }

  // ---- issuing ----

  /** `printOn`: the device whose printer gets the ticket's print job, born in the same transaction. */
  issue(
    input: { fieldId: number; priority: boolean; source: TicketSource; lang?: TicketLang | undefined },
    actor: Actor,
    printOn: number | null = null,
  ): IssuedTicket {
    return this.write((now, day) => {
      const field = getField(this.db, input.fieldId);
      if (!field) throw new HubError('FIELD_NOT_FOUND');
      if (!field.active) throw new HubError('FIELD_INACTIVE');
      const s = this.settings.get();
      if (!isOpenAt(now, s.timezone, s.openingHours)) throw new HubError('OUTSIDE_HOURS');
      const number = this.nextNumber(field, day);
      const id = insertTicket(this.db, {
        serviceDay: day,
        issueFieldId: field.id,
        number,
        fieldId: field.id,
        priority: input.priority,
        source: input.source,
        status: 'waiting',
        issuedAt: now,
        queuedAt: now,
        calledAt: null,
        firstCalledAt: null,
        servingAt: null,
        finishedAt: null,
        counterId: null,
        staffId: actor.staffId,
        targetCounterId: null,
        callCount: 0,
        transferCount: 0,
        deviceId: actor.deviceId,
      });
      const printJobId = printOn === null ? null : insertPrintJob(this.db, id, printOn, now, { lang: input.lang ?? 'vi' });
      const ticket = this.mustGet(id);
      this.emit('ticket:issued', ticket, actor, [field.id]);
      return { ...this.withWait(ticket, now), printJobId };
    });
  }

  private nextNumber(field: FieldRecord, day: string): number {
    const next = this.numberAfter(field, day);
    if (next === null) throw new HubError('FIELD_FULL');
    return next;
  }

  /**
   * The field's next number today, or null when none is left (range used up, or the daily limit
   * reached): above every number issued today inside its range, by any field, so a number is given
   * once a day whatever the configuration did (a range moved, a field replaced by another).
   */
  private numberAfter(field: FieldRecord, day: string): number | null {
    const last = lastNumberInRange(this.db, day, field.rangeStart, field.rangeEnd);
    const next = last === null ? field.rangeStart : last + 1;
    if (next > field.rangeEnd) return null;
    if (field.dailyLimit !== null && countIssued(this.db, day, field.id) >= field.dailyLimit) return null;
    return next;
  }

  /** A ticket by id with its wait (what a kiosk shows for a scanned ticket QR). */
  ticketWithWait(id: number): TicketWithWait {
    const t = getTicket(this.db, id);
    if (!t) throw new HubError('TICKET_NOT_FOUND');
    return this.withWait(t);
  }

  /** People ahead and the estimated wait, from the field's live service rate. */
  withWait(ticket: TicketRecord, now = this.clock()): TicketWithWait {
    if (ticket.status !== 'waiting') return { ticket: ticketToWire(ticket), peopleAhead: 0, estimatedWaitMin: 0 };
    // The general line's order is the law's with the priority rule (callOrder.ts): the estimate counts the same.
    const ahead =
      ticket.targetCounterId !== null
        ? peopleAhead(this.db, ticket)
        : aheadUnderRule(ticket, waitingAhead(this.db, ticket), this.settings.get().priorityMaxInRow);
    return { ticket: ticketToWire(ticket), peopleAhead: ahead, estimatedWaitMin: this.estimateWaitMin(ticket.fieldId, ahead, now) };
  }

  /** A field's waiting line as screens show it; events carry it, so screens need not ask again. */
  fieldLoad(fieldId: number, line = waitingInField(this.db, fieldId), now = this.clock()): FieldLoad {
    const openCounters = openCountersServing(this.db, fieldId);
    const field = getField(this.db, fieldId);
    return {
      fieldId,
      waiting: line.waiting,
      oldestWaitingSince: line.oldestQueuedAt,
      estimatedWaitMin: this.estimate(fieldId, line.waiting, openCounters, now),
      openCounters,
      full: field === undefined || this.numberAfter(field, this.serviceDay(now)) === null,
    };
  }

  /** Null when no counter serving the field is open: see waitMinutes. */
  estimateWaitMin(fieldId: number, ahead: number, now = this.clock()): number | null {
    return this.estimate(fieldId, ahead, openCountersServing(this.db, fieldId), now);
  }

  private estimate(fieldId: number, ahead: number, openCounters: number, now: number): number | null {
    if (openCounters === 0 || ahead === 0) return waitMinutes(ahead, openCounters, 0, 0);
    return waitMinutes(ahead, openCounters, this.paceMs(fieldId, now), paceFloorMs(getField(this.db, fieldId)?.serviceMin ?? 10));
  }

  /**
   * Median service time of the field's latest tickets, or its configured minutes until enough
   * have been served. Re-measured at most every few seconds: every ticket issued asks for it.
   */
  private paceMs(fieldId: number, now: number): number {
    const cached = this.paceCache.get(fieldId);
    if (cached && now >= cached.at && now - cached.at < PACE_TTL_MS) return cached.ms;
    const samples = recentServiceTimes(this.db, fieldId, now - SERVICE_WINDOW_MS, SERVICE_SAMPLE);
    const ms = (samples.length >= MIN_SAMPLES ? median(samples) : null) ?? (getField(this.db, fieldId)?.serviceMin ?? 10) * 60_000;
    this.paceCache.set(fieldId, { at: now, ms });
    return ms;
  }

  // ---- counters ----

  open(counterId: number, staffId: number, sessionHolderIsActive: (staffId: number) => boolean): CounterRecord {
    return this.write(() => {
      const counter = this.counterOrThrow(counterId);
      if (!counter.active) throw new HubError('COUNTER_INACTIVE');
      if (counter.state !== 'closed' && counter.staffId !== null && counter.staffId !== staffId && sessionHolderIsActive(counter.staffId)) {
        throw new HubError('COUNTER_TAKEN');
      }
      const keptPauseAt = counter.state === 'paused' && counter.staffId === staffId ? counter.pausedAt : null;
      const pause = keptPauseAt !== null ? { at: keptPauseAt, reason: counter.pauseReason ?? 'other' } : null;
      setCounterState(this.db, counterId, pause ? 'paused' : 'open', staffId, this.clock(), pause);
      return this.emitCounter('counter:opened', counterId, staffId);
    });
  }

  close(counterId: number, staffId: number, force = false): void {
    this.write(() => {
      const counter = this.counterOrThrow(counterId);
      if (!force && currentAtCounter(this.db, counterId)) throw new HubError('ALREADY_SERVING');
      if (counter.state === 'closed') return;
      setCounterState(this.db, counterId, 'closed', null, null);
      this.emitCounter('counter:closed', counterId, staffId);
    });
  }

  pause(counterId: number, staffId: number, reason: PauseReason = 'other'): CounterRecord {
    return this.write((now) => {
      const counter = this.counterOrThrow(counterId);
      if (counter.state !== 'open') throw new HubError(counter.state === 'paused' ? 'COUNTER_PAUSED' : 'NOT_AT_COUNTER');
      setCounterState(this.db, counterId, 'paused', counter.staffId, counter.openedAt, { at: now, reason });
      return this.emitCounter('counter:paused', counterId, staffId);
    });
  }

  resume(counterId: number, staffId: number): CounterRecord {
    return this.write(() => {
      const counter = this.counterOrThrow(counterId);
      if (counter.state === 'open') return counter;
      if (counter.state !== 'paused') throw new HubError('NOT_AT_COUNTER');
      setCounterState(this.db, counterId, 'open', counter.staffId, counter.openedAt);
      return this.emitCounter('counter:resumed', counterId, staffId);
    });
  }

  // ---- calling ----

  /**
   * Takes the next ticket for a counter: tickets transferred to it first, then priority citizens
   * across its fields (oldest first) — but after `priorityMaxInRow` priority calls in a row, a citizen
   * without priority if one waits — then the field whose share of today's calls is furthest
   * below its weight (ties by order of preference), then zero-weight fields in order.
   * One synchronous transaction, so two counters can never take the same ticket.
   */
  callNext(actor: Actor): TicketRecord {
    return this.write((now, day) => {
      const counter = this.readyCounter(actor);
      const id = this.chooseNext(counter, day);
      if (id === undefined) throw new HubError('QUEUE_EMPTY');
      return this.callTicket(this.mustGet(id), counter, actor, now, day);
    });
  }

  callGiven(ticketId: number, actor: Actor): TicketRecord {
    return this.write((now, day) => {
      const counter = this.readyCounter(actor);
      const ticket = this.ticketOrThrow(ticketId);
      if (ticket.status !== 'waiting' && ticket.status !== 'no_show') throw new HubError('TICKET_WRONG_STATE');
      if (!canCall(counter, ticket)) throw new HubError('TICKET_NOT_AT_COUNTER');
      return this.callTicket(ticket, counter, actor, now, day);
    });
  }

  private chooseNext(counter: CounterRecord, day: string): number | undefined {
    const targeted = headForCounter(this.db, counter.id);
    if (targeted !== undefined) return targeted;
    const rule = { maxInRow: this.settings.get().priorityMaxInRow, run: counter.priorityRun };
    const due = normalIsDue(rule);
    const heads = counter.fields.flatMap((link, order) => {
      const head = headOfField(this.db, link.fieldId);
      const normal = due && head?.priority ? normalHeadOfField(this.db, link.fieldId) : undefined;
      return head ? [{ fieldId: link.fieldId, weight: link.weight, order, head, normal }] : [];
    });
    if (heads.length === 0) return undefined;
    const needsCalls = (due || !heads.some((h) => h.head.priority)) && heads.filter((h) => h.weight > 0).length > 1;
    return pickNext(heads, needsCalls ? callsToday(this.db, day, counter.id) : new Map(), rule)?.ticket.id;
  }

  private callTicket(ticket: TicketRecord, counter: CounterRecord, actor: Actor, now: number, day: string): TicketRecord {
    const wasNoShow = ticket.status === 'no_show';
    const next: TicketRecord = {
      ...ticket,
      status: 'called',
      calledAt: now,
      firstCalledAt: ticket.firstCalledAt ?? now,
      servingAt: null,
      counterId: counter.id,
      counterNumber: counter.number,
      staffId: actor.staffId,
      targetCounterId: null,
      callCount: ticket.callCount + 1,
    };
    saveTicket(this.db, next);
    countCall(this.db, day, counter.id, ticket.fieldId);
    setPriorityRun(this.db, counter.id, nextRun(counter.priorityRun, ticket.priority));
    this.emit('ticket:called', next, actor, wasNoShow ? [] : [ticket.fieldId]);
    return next;
  }

  recall(ticketId: number, actor: Actor): TicketRecord {
    return this.transition(ticketId, actor, ['called'], 'ticket:recalled', (t) => ({ ...t, callCount: t.callCount + 1 }));
  }

  start(ticketId: number, actor: Actor): TicketRecord {
    return this.transition(ticketId, actor, ['called'], 'ticket:started', (t, now) => ({ ...t, status: 'serving', servingAt: now }));
  }

  finish(ticketId: number, actor: Actor): TicketRecord {
    return this.transition(ticketId, actor, ['called', 'serving'], 'ticket:finished', (t, now) => ({
      ...t,
      status: 'done',
      finishedAt: now,
    }));
  }

  noShow(ticketId: number, actor: Actor): TicketRecord {
    return this.transition(ticketId, actor, ['called'], 'ticket:no-show', (t, now) => ({ ...t, status: 'no_show', finishedAt: now }));
  }

  /** A no-show who came back waits again in their original place. */
  reactivate(ticketId: number, actor: Actor): TicketRecord {
    return this.write(() => {
      const ticket = this.ticketOrThrow(ticketId);
      if (ticket.status !== 'no_show') throw new HubError('TICKET_WRONG_STATE');
      this.checkReach(ticket, actor, true);
      const next: TicketRecord = { ...ticket, status: 'waiting', counterId: null, counterNumber: null, finishedAt: null };
      saveTicket(this.db, next);
      this.emit('ticket:reactivated', next, actor, [next.fieldId]);
      return next;
    });
  }

  /** Back to waiting in another field, or for one counter in particular. */
  transfer(
    ticketId: number,
    target: { fieldId?: number | undefined; counterId?: number | undefined; note?: string | undefined },
    actor: Actor,
  ): TicketRecord {
    return this.write((now) => {
      const ticket = this.ticketOrThrow(ticketId);
      if (ticket.status !== 'called' && ticket.status !== 'serving') throw new HubError('TICKET_WRONG_STATE');
      this.checkReach(ticket, actor, false);
      const fieldId = target.fieldId ?? ticket.fieldId;
      if (target.fieldId === undefined && target.counterId === undefined) throw new HubError('TRANSFER_TARGET_INVALID');
      if (target.counterId === undefined && fieldId === ticket.fieldId) throw new HubError('TRANSFER_TARGET_INVALID');
      if (target.counterId !== undefined && target.counterId === ticket.counterId) throw new HubError('TRANSFER_TARGET_INVALID');
      const field = getField(this.db, fieldId);
      if (!field) throw new HubError('FIELD_NOT_FOUND');
      if (!field.active) throw new HubError('FIELD_INACTIVE');
      if (target.counterId !== undefined) {
        const counter = getCounter(this.db, target.counterId);
        if (!counter) throw new HubError('COUNTER_NOT_FOUND');
        if (!counter.active) throw new HubError('COUNTER_INACTIVE');
      }
      const next: TicketRecord = {
        ...ticket,
        status: 'waiting',
        fieldId,
        counterId: null,
        counterNumber: null,
        servingAt: null,
        targetCounterId: target.counterId ?? null,
        transferCount: ticket.transferCount + 1,
        queuedAt: this.settings.get().transferKeepsPlace ? ticket.queuedAt : now,
      };
      saveTicket(this.db, next);
      this.emit('ticket:transferred', next, actor, [...new Set([ticket.fieldId, fieldId])], ticket.counterId, target.note || undefined);
      return next;
    });
  }

  cancel(ticketId: number, actor: Actor): TicketRecord {
    return this.write((now) => {
      const ticket = this.ticketOrThrow(ticketId);
      if (!['waiting', 'called', 'serving', 'no_show'].includes(ticket.status)) throw new HubError('TICKET_WRONG_STATE');
      this.checkReach(ticket, actor, true);
      const next: TicketRecord = { ...ticket, status: 'cancelled', finishedAt: now };
      saveTicket(this.db, next);
      this.emit('ticket:cancelled', next, actor, [ticket.fieldId], ticket.counterId);
      return next;
    });
  }

  // ---- the manager's floor ----

  /**
   * Closes a counter its officer left open (the console shut, the officer gone): a ticket called
   * or being served there goes back to its line in its original place, and the counter closes.
   */
  closeAbandoned(counterId: number, actor: Actor): CounterRecord {
    return this.write(() => {
      const counter = this.counterOrThrow(counterId);
      if (counter.state === 'closed') throw new HubError('COUNTER_CLOSED');
      const current = currentAtCounter(this.db, counterId);
      if (current) {
        const back: TicketRecord = { ...current, status: 'waiting', counterId: null, counterNumber: null, servingAt: null };
        saveTicket(this.db, back);
        this.emit('ticket:reactivated', back, actor, [back.fieldId], counterId);
      }
      setCounterState(this.db, counterId, 'closed', null, null);
      return this.emitCounter('counter:closed', counterId, actor.staffId ?? 0);
    });
  }

  /**
   * Moves a field's whole waiting line to another field (a field whose officers are away, or a
   * group served elsewhere today): each ticket keeps its number and its place by issue time.
   */
  moveWaiting(fromFieldId: number, toFieldId: number, actor: Actor): number {
    return this.write(() => {
      if (fromFieldId === toFieldId) throw new HubError('TRANSFER_TARGET_INVALID');
      const to = getField(this.db, toFieldId);
      if (!to || !getField(this.db, fromFieldId)) throw new HubError('FIELD_NOT_FOUND');
      if (!to.active) throw new HubError('FIELD_INACTIVE');
      const line = waitingInLine(this.db, fromFieldId);
      for (const ticket of line) {
        const next: TicketRecord = { ...ticket, fieldId: toFieldId, transferCount: ticket.transferCount + 1 };
        saveTicket(this.db, next);
        this.emit('ticket:transferred', next, actor, [fromFieldId, toFieldId], null);
      }
      return line.length;
    });
  }

  /** Today's ticket with a number, for the manager who types it. */
  ticketByNumber(number: number): TicketRecord {
    const t = ticketByNumber(this.db, this.serviceDay(this.clock()), number);
    if (!t) throw new HubError('TICKET_NOT_FOUND');
    return t;
  }

  // ---- plumbing ----

  private transition(
    ticketId: number,
    actor: Actor,
    from: readonly TicketRecord['status'][],
    type: TicketEvent,
    change: (t: TicketRecord, now: number) => TicketRecord,
  ): TicketRecord {
    return this.write((now) => {
      const ticket = this.ticketOrThrow(ticketId);
      if (!from.includes(ticket.status)) throw new HubError('TICKET_WRONG_STATE');
      this.checkReach(ticket, actor, false);
      const next = change(ticket, now);
      saveTicket(this.db, next);
      this.emit(type, next, actor, []);
      return next;
    });
  }

  /**
   * An officer touches only tickets at their own counter — or, for waiting/no-show tickets
   * (`queued`), tickets their counter could call: sent to it, or in the general line of a field it
   * serves (a ticket sent to another counter is that counter's). Supervisors reach every ticket.
   */
  private checkReach(ticket: TicketRecord, actor: Actor, queued: boolean): void {
    if (actor.supervisor) return;
    if (actor.counterId === null) throw new HubError('NOT_AT_COUNTER');
    if (ticket.counterId === actor.counterId && (ticket.status === 'called' || ticket.status === 'serving' || ticket.status === 'no_show'))
      return;
    if (queued && (ticket.status === 'waiting' || ticket.status === 'no_show')) {
      const counter = getCounter(this.db, actor.counterId);
      if (counter && canCall(counter, ticket)) return;
    }
    throw new HubError('TICKET_NOT_AT_COUNTER');
  }

  private readyCounter(actor: Actor): CounterRecord {
    if (actor.counterId === null) throw new HubError('NOT_AT_COUNTER');
    const counter = this.counterOrThrow(actor.counterId);
    if (counter.state === 'paused') throw new HubError('COUNTER_PAUSED');
    if (counter.state !== 'open' || counter.staffId !== actor.staffId) throw new HubError('NOT_AT_COUNTER');
    if (currentAtCounter(this.db, counter.id)) throw new HubError('ALREADY_SERVING');
    return counter;
  }

  private write<T>(fn: (now: number, day: string) => T): T {
    return this.journal.write(() => {
      const now = this.clock();
      const day = this.serviceDay(now);
      if (day !== this.knownDay) this.closeEarlierDays(day, now);
      const result = fn(now, day);
      // Written only once the change stands (a refusal rolls its savepoint back).
      if (this.latestDay === null || (this.latestDay !== undefined && day > this.latestDay)) this.latestDay = day;
      return result;
    });
  }

  /**
   * Tickets still open from an earlier service day are cancelled when the first change of a new
   * day happens, so yesterday's queue never reaches today's counters. No cron job needed.
   */
  private closeEarlierDays(day: string, now: number): void {
    for (const id of openTicketIdsBefore(this.db, day)) {
      const t = this.mustGet(id);
      const next: TicketRecord = { ...t, status: 'cancelled', finishedAt: now };
      saveTicket(this.db, next);
      this.emit('ticket:cancelled', next, { staffId: null, deviceId: null, counterId: null, supervisor: true }, [t.fieldId], t.counterId);
    }
    this.knownDay = day;
  }

  private emit(
    type: TicketEvent,
    ticket: TicketRecord,
    actor: Actor,
    touchedFields: number[],
    counterId = ticket.counterId,
    note?: string,
  ): void {
    const loads = [...new Set(touchedFields)].map((f) => this.fieldLoad(f));
    const waiting = Object.fromEntries(loads.map((l) => [String(l.fieldId), l.waiting]));
    const spokenAt = type === 'ticket:called' || type === 'ticket:recalled' ? ticket.counterNumber : null;
    this.journal.record(
      type,
      {
        ticketId: ticket.id,
        counterId,
        fieldId: ticket.fieldId,
        staffId: actor.staffId,
        deviceId: actor.deviceId,
      },
      {
        ticket: ticketToWire(ticket),
        waiting,
        loads,
        ...(note ? { note } : {}),
        ...(spokenAt !== null ? { announce: this.announce(ticket.number, spokenAt) } : {}),
      },
    );
  }

  /** The words the hall speaks for a call, composed once here so every display says the same. */
  private announce(ticketNumber: number, counterNumber: number): { words: string[]; text: string } {
    const v = this.settings.get().voice;
    const words = composeAnnouncement(v.template, ticketNumber, counterNumber, {
      style: v.numberStyle,
      dialect: v.dialect,
      tuAfterMuoi: v.tuAfterMuoi,
    });
    return { words, text: announcementText(words) };
  }

  private emitCounter(
    type: 'counter:opened' | 'counter:closed' | 'counter:paused' | 'counter:resumed',
    counterId: number,
    staffId: number,
  ): CounterRecord {
    const counter = this.counterOrThrow(counterId);
    this.journal.record(
      type,
      { counterId, staffId },
      {
        counter: {
          id: counter.id,
          number: counter.number,
          state: counter.state,
          staffName: counter.staffName,
          staffId: counter.staffId,
          pauseReason: pauseReasonOf(counter.pauseReason),
          pausedAt: counter.pausedAt,
        },
        // Open counters change the estimates of every field this counter serves.
        loads: counter.fields.map((l) => this.fieldLoad(l.fieldId)),
      },
    );
    return counter;
  }

  private counterOrThrow(id: number): CounterRecord {
    const c = getCounter(this.db, id);
    if (!c) throw new HubError('COUNTER_NOT_FOUND');
    return c;
  }

  private ticketOrThrow(id: number): TicketRecord {
    const t = getTicket(this.db, id);
    if (!t) throw new HubError('TICKET_NOT_FOUND');
    return t;
  }

  private mustGet(id: number): TicketRecord {
    const t = getTicket(this.db, id);
    if (!t) throw new Error(`ticket ${id} vanished inside its own transaction`);
    return t;
  }
}
