// What a scan at the kiosk means, and issuing from it. Nothing personal is kept: a CCCD gives
// an age (for the priority offer) and, when a daily limit is set, a keyed hash of its number
// for today only. The scanned text itself is never stored or logged.
import { createHmac } from 'node:crypto';
import type { IssuedTicket, ScanResult, TicketLang } from '../contract/index.ts';
import type { Db } from '../../db/open.ts';
import { getTicket } from '../../db/tickets.ts';
import { lastJobForTicket } from '../../db/printJobs.ts';
import { appointmentUsed, countTicketForPerson, markAppointmentUsed, purgePersonCountsBefore, ticketsForPerson } from '../../db/scans.ts';
import { ageOn, cccdDateProblem, classifyScan, type CccdData } from '../../hardware/scanner/payloads.ts';
import { HubError } from '../base/errors.ts';
import type { Actor, QueueEngine } from '../queue/engine.ts';
import type { Journal } from '../store/journal.ts';
import type { SettingsStore } from '../store/settings.ts';
import { codeInScan, readTicketCode } from '../queue/ticketCode.ts';
import type { Clock } from '../base/time.ts';
import type { Appointments } from '../queue/appointments.ts';

export class ScanService {
  private purgedFor: string | null = null;

  constructor(
    private readonly db: Db,
    private readonly journal: Journal,
    private readonly engine: QueueEngine,
    private readonly settings: SettingsStore,
    private readonly secret: string,
    private readonly clock: Clock,
    private readonly appointments: Appointments,
  ) {}

  read(text: string): ScanResult {
    const s = this.settings.get().scan;
    const found = classifyScan(codeInScan(text), s.dossierRoutes);
    switch (found.kind) {
      case 'cccd': {
        const day = this.engine.serviceDay();
        this.purgeOldDays(day);
        this.refuseImpossibleDates(found.data);
        const age = this.ageOf(found.data);
        const used = s.dailyLimitPerPerson > 0 ? ticketsForPerson(this.db, day, this.personHash(day, found.data)) : 0;
        return {
          kind: 'cccd',
          age,
          offerPriority: age >= s.priorityAge,
          remainingToday: s.dailyLimitPerPerson > 0 ? Math.max(0, s.dailyLimitPerPerson - used) : null,
        };
      }
      case 'dossier':
        // classifyScan matched one of these same routes: found.route is its index
        return { kind: 'dossier', fieldId: s.dossierRoutes[found.route]!.fieldId };
      case 'appointment': {
        const a = this.appointments.read(found.code);
        if (appointmentUsed(this.db, a.codeHash)) throw new HubError('APPOINTMENT_USED');
        return { kind: 'appointment', fieldId: a.fieldId, priority: a.priority, expiresAt: a.expiresAt };
      }
      case 'ticket': {
        const ref = readTicketCode(this.secret, found.code);
        const t = ref ? getTicket(this.db, ref.id) : undefined;
        if (!ref || !t || t.number !== ref.number) throw new HubError('SCAN_UNKNOWN');
        return { kind: 'ticket', status: this.engine.withWait(t), lastPrintJobId: lastJobForTicket(this.db, t.id) };
      }
      case 'unknown':
        throw new HubError('SCAN_UNKNOWN');
    }
  }

  /** Issues the ticket a scan leads to, its checks and bookkeeping in the same transaction. */
  issue(
    text: string,
    choice: { fieldId?: number | undefined; priority?: boolean | undefined; lang?: TicketLang | undefined },
    actor: Actor,
    printOn: number | null,
  ): IssuedTicket {
    const s = this.settings.get().scan;
    const found = classifyScan(codeInScan(text), s.dossierRoutes);
    return this.journal.write(() => {
      switch (found.kind) {
        case 'cccd': {
          this.refuseImpossibleDates(found.data);
          if (choice.fieldId === undefined) throw new HubError('SCAN_NEEDS_FIELD');
          const day = this.engine.serviceDay();
          this.purgeOldDays(day);
          if (s.dailyLimitPerPerson > 0) {
            const hash = this.personHash(day, found.data);
            if (ticketsForPerson(this.db, day, hash) >= s.dailyLimitPerPerson) throw new HubError('PERSON_DAILY_LIMIT');
            countTicketForPerson(this.db, day, hash);
          }
          return this.engine.issue(
            { fieldId: choice.fieldId, priority: choice.priority === true, source: 'scan', lang: choice.lang },
            actor,
            printOn,
          );
        }
        case 'dossier':
          // classifyScan matched one of these same routes: found.route is its index
          return this.engine.issue(
            { fieldId: s.dossierRoutes[found.route]!.fieldId, priority: choice.priority === true, source: 'scan', lang: choice.lang },
            actor,
            printOn,
          );
        case 'appointment': {
          const a = this.appointments.read(found.code);
          if (appointmentUsed(this.db, a.codeHash)) throw new HubError('APPOINTMENT_USED');
          const issued = this.engine.issue(
            { fieldId: a.fieldId, priority: a.priority, source: 'appointment', lang: choice.lang },
            actor,
            printOn,
          );
          markAppointmentUsed(this.db, a.codeHash, issued.ticket.id, this.clock());
          return issued;
        }
        case 'ticket':
        case 'unknown':
          throw new HubError('SCAN_UNKNOWN');
      }
    });
  }

  /** Keyed by the day too, so yesterday's hashes could not be linked to today's even if kept. */
  private personHash(day: string, d: CccdData): string {
    return createHmac('sha256', this.secret).update(`${day}|${d.idNumber}`).digest('base64url');
  }

  /** A misread or forged card: a birth or issue date after today. */
  private refuseImpossibleDates(d: CccdData): void {
    const problem = cccdDateProblem(d, this.today());
    if (problem) throw new HubError('CCCD_DATE_INVALID', { problem });
  }

  private ageOf(d: CccdData): number {
    return ageOn(d.birthDate, this.today());
  }

  /** Today's service day (YYYY-MM-DD) as numbers. */
  private today(): { year: number; month: number; day: number } {
    const [year, month, day] = this.engine.serviceDay().split('-').map(Number);
    if (year === undefined || month === undefined || day === undefined) throw new Error('a service day is YYYY-MM-DD');
    return { year, month, day };
  }

  private purgeOldDays(day: string): void {
    if (this.purgedFor === day) return;
    this.journal.write(() => purgePersonCountsBefore(this.db, day));
    this.purgedFor = day;
  }
}
