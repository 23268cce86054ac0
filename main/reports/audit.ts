// The audit trail: who called, transferred, marked absent or cancelled which ticket, who changed
// which setting, read from the journal with the names of staff and counters. The journal holds no
// personal data of citizens, so neither does this.
import type { Db } from '../../db/open.ts';
import { auditEvents } from '../../db/events.ts';
import { listCounters } from '../../db/counters.ts';
import { listStaff } from '../../db/staff.ts';
import { instantOf, shiftDay, type Clock } from '../base/time.ts';
import { auditKinds, AuditQuery, type AuditPage, type JournalEvent } from '../contract/index.ts';
import { ticketNumbers } from '../../db/tickets.ts';
import type { SettingsStore } from '../store/settings.ts';
import { eventToWire } from '../store/journal.ts';

const PAGE = 100;

export class AuditTrail {
  constructor(
    private readonly db: Db,
    private readonly settings: SettingsStore,
    private readonly clock: Clock,
  ) {}

  page(q: ReturnType<typeof AuditQuery.parse>, today: string): AuditPage {
    const tz = this.settings.get().timezone;
    const from = q.from ?? today;
    const to = q.to ?? today;
    const events = auditEvents(this.db, {
      from: instantOf(from, 0, tz),
      to: instantOf(shiftDay(to, 1), 0, tz),
      types: q.kind === 'all' ? null : auditKinds[q.kind],
      staffId: q.staffId ?? null,
      ticketNumber: q.ticketNumber ?? null,
      beforeSeq: q.before ?? null,
      limit: PAGE + 1,
    }).map(eventToWire);
    const shown: JournalEvent[] = events.slice(0, PAGE);
    const staff = new Map(listStaff(this.db).map((s) => [s.id, s.fullName]));
    const counters = new Map(listCounters(this.db).map((c) => [c.id, { vi: c.nameVi, en: c.nameEn }]));
    const numbers = ticketNumbers(
      this.db,
      shown.flatMap((e) => (e.ticketId === null ? [] : [e.ticketId])),
    );
    return {
      from,
      to,
      generatedAt: this.clock(),
      entries: shown.map((event) => ({
        event,
        staffName: event.staffId === null ? null : (staff.get(event.staffId) ?? null),
        counterName: event.counterId === null ? null : (counters.get(event.counterId) ?? null),
        ticketNumber: event.ticketId === null ? null : (numbers.get(event.ticketId) ?? null),
      })),
      nextBefore: events.length > PAGE ? (shown.at(-1)?.seq ?? null) : null,
    };
  }
}
