// Read models for the screens: the kiosk's center info, the live floor, an officer's desk.
import { openAlerts } from '../../db/alerts.ts';
import type { CenterInfo, CounterDesk, DeskTransfer, FieldLoad, Floor } from '../contract/index.ts';
import { lastTicketEvent } from '../../db/events.ts';
import type { Db } from '../../db/open.ts';
import { listFields } from '../../db/fields.ts';
import { callsToday, getCounter, listCounters } from '../../db/counters.ts';
import { currentAtCounter, listNoShows, listWaiting, recentCalls, waitingByField } from '../../db/tickets.ts';
import { alertToWire, counterToWire, ticketToWire } from '../store/toWire.ts';
import type { QueueEngine } from './engine.ts';
import { callOrder } from './callOrder.ts';
import { HubError } from '../base/errors.ts';
import type { Journal } from '../store/journal.ts';
import type { SettingsStore } from '../store/settings.ts';
import { isOpenAt, nextOpening, type Clock } from '../base/time.ts';

const DESK_LIST_LIMIT = 200;
/** Enough waiting tickets to order the desk's list (and count each line) for any real queue. */
const DESK_CANDIDATES = 2000;

export class Views {
  constructor(
    private readonly db: Db,
    private readonly journal: Journal,
    private readonly engine: QueueEngine,
    private readonly settings: SettingsStore,
    private readonly clock: Clock,
  ) {}

  center(): CenterInfo {
    const s = this.settings.get();
    const now = this.clock();
    return {
      centerName: s.centerName,
      centerNameEn: s.centerNameEn,
      address: s.address,
      timezone: s.timezone,
      ticketHeader: s.ticketHeader,
      ticketFooter: s.ticketFooter,
      kioskIdleSeconds: s.kioskIdleSeconds,
      kioskTicketSeconds: s.kioskTicketSeconds,
      smsOptIn: s.sms.enabled,
      voice: s.voice,
      hallNotice: s.hallNotice,
      rating: s.rating,
      openNow: isOpenAt(now, s.timezone, s.openingHours),
      opensAt: isOpenAt(now, s.timezone, s.openingHours) ? null : nextOpening(now, s.timezone, s.openingHours),
      openingHours: s.openingHours,
      serviceDay: this.engine.serviceDay(now),
      fields: listFields(this.db).filter((f) => f.active),
      pausedFields: listFields(this.db)
        .filter((f) => !f.active)
        .map(({ id, code, nameVi, nameEn, sortOrder }) => ({ id, code, nameVi, nameEn, sortOrder })),
      counters: listCounters(this.db)
        .filter((c) => c.active)
        .map(({ id, number, nameVi, nameEn, active, state, fields, staffName }) => ({
          id,
          number,
          nameVi,
          nameEn,
          active,
          state,
          fields,
          staffName,
        })),
    };
  }

  fieldLoads(onlyFields?: readonly number[]): FieldLoad[] {
    const now = this.clock();
    const waiting = new Map(waitingByField(this.db).map((w) => [w.fieldId, w]));
    return listFields(this.db)
      .filter((f) => (onlyFields ? onlyFields.includes(f.id) : f.active))
      .map((f) => this.engine.fieldLoad(f.id, waiting.get(f.id) ?? { fieldId: f.id, waiting: 0, oldestQueuedAt: null }, now));
  }

  /** Read in one snapshot transaction so `head` matches exactly what the rest shows. */
  /** `withAlerts`: a manager's floor carries the open alerts; the hall's screens do not need them. */
  floor(withAlerts = false): Floor {
    return this.db
      .transaction(() => {
        const now = this.clock();
        return {
          head: this.journal.head(),
          serviceDay: this.engine.serviceDay(now),
          now,
          fields: this.fieldLoads(),
          counters: listCounters(this.db)
            .filter((c) => c.active)
            .map((c) => {
              const current = currentAtCounter(this.db, c.id);
              return { counter: counterToWire(c), current: current ? ticketToWire(current) : null };
            }),
          alerts: withAlerts ? openAlerts(this.db).flatMap((a) => alertToWire(a)) : [],
          recentCalls: recentCalls(this.db, 10)
            .filter((t) => t.serviceDay === this.engine.serviceDay(now))
            .map(ticketToWire),
        };
      })
      .deferred();
  }

  desk(counterId: number): CounterDesk {
    const counter = getCounter(this.db, counterId);
    if (!counter) throw new HubError('COUNTER_NOT_FOUND');
    const fieldIds = counter.fields.map((l) => l.fieldId);
    const current = currentAtCounter(this.db, counterId);
    const day = this.engine.serviceDay();
    // What this counter can call: tickets transferred to it, and its fields' general lines.
    const callable = listWaiting(this.db, fieldIds, counterId, DESK_CANDIDATES);
    const targeted = callable.filter((t) => t.targetCounterId === counterId);
    const lines = counter.fields.map((l, order) => ({
      fieldId: l.fieldId,
      weight: l.weight,
      order,
      tickets: callable.filter((t) => t.targetCounterId === null && t.fieldId === l.fieldId),
    }));
    const fields = this.fieldLoads(fieldIds).map((load) => ({
      ...load,
      waiting: lines.find((l) => l.fieldId === load.fieldId)?.tickets.length ?? 0,
    }));
    return {
      counter: counterToWire(counter),
      current: current ? ticketToWire(current) : null,
      fields,
      waiting: callOrder(targeted, lines, callsToday(this.db, day, counterId), DESK_LIST_LIMIT, {
        maxInRow: this.settings.get().priorityMaxInRow,
        run: counter.priorityRun,
      }).map(ticketToWire),
      waitingTotal: callable.length,
      noShows: listNoShows(this.db, day, fieldIds, DESK_LIST_LIMIT).map(ticketToWire),
      transfers: [...(current ? [current] : []), ...callable.slice(0, DESK_LIST_LIMIT)]
        .filter((t) => t.transferCount > 0)
        .flatMap((t) => this.transferOf(t.id)),
    };
  }

  /** Where a transferred ticket came from and the sending officer's note: the journal keeps both. */
  private transferOf(ticketId: number): DeskTransfer[] {
    const e = lastTicketEvent(this.db, ticketId, 'ticket:transferred');
    if (!e) return [];
    const note = e.data !== null && typeof e.data === 'object' && 'note' in e.data ? e.data.note : undefined;
    const from = e.counterId === null ? undefined : getCounter(this.db, e.counterId);
    return [{ ticketId, fromCounterNumber: from?.number ?? null, note: typeof note === 'string' && note ? note : null, at: e.at }];
  }
}
