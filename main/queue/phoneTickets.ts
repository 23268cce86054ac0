// The ticket on the citizen's phone: its QR opens /t/<signed code> on the hub, which answers for
// that ticket only, on its own service day, and lets the page follow it live.
import type { PublicTicket } from '../contract/index.ts';
import type { Db } from '../../db/open.ts';
import { getTicket } from '../../db/tickets.ts';
import { getField } from '../../db/fields.ts';
import { openCountersServing } from '../../db/counters.ts';
import { HubError } from '../base/errors.ts';
import type { Journal } from '../store/journal.ts';
import type { SettingsStore } from '../store/settings.ts';
import type { QueueEngine } from './engine.ts';
import { AS_SCANNED, codeInScan, readTicketCode, ticketCode, ticketQrPayload } from './ticketCode.ts';
import type { RatingService } from './ratings.ts';

export class PhoneTickets {
  constructor(
    private readonly db: Db,
    private readonly journal: Journal,
    private readonly engine: QueueEngine,
    private readonly settings: SettingsStore,
    private readonly secret: string,
    private readonly ratings: RatingService,
  ) {}

  /** The phone link of a ticket, or null when the center has not set the address phones use. */
  linkFor(t: { id: number; serviceDay: string; number: number }): string | null {
    const base = this.settings.get().phoneBaseUrl;
    return base ? ticketQrPayload(ticketCode(this.secret, t), base) : null;
  }

  /** What the ticket's printed QR holds: its phone link, or its code alone when the center has no phone address. */
  qrFor(t: { id: number; serviceDay: string; number: number }): string {
    return ticketQrPayload(ticketCode(this.secret, t), this.settings.get().phoneBaseUrl);
  }

  /** The ticket a code (or a phone link) names, if genuine and for today. */
  resolve(codeOrLink: string): { ticketId: number; fieldId: number } | null {
    const ref = readTicketCode(this.secret, codeInScan(codeOrLink), { ...AS_SCANNED });
    if (!ref || ref.serviceDay !== this.engine.serviceDay()) return null;
    const t = getTicket(this.db, ref.id);
    return t && t.number === ref.number ? { ticketId: t.id, fieldId: t.fieldId } : null;
  }

  /** The ticket a genuine code (or link) names, whatever its day, as one key for its budget; null for a guess. */
  budgetKey(codeOrLink: string): string | null {
    const ref = readTicketCode(this.secret, codeInScan(codeOrLink), { ...AS_SCANNED });
    return ref ? `${ref.serviceDay}.${ref.id}` : null;
  }

  /** The citizen rates from their phone: the code proves the ticket; the rules are the ratings' own. */
  rate(codeOrLink: string, level: number): void {
    const t = this.resolve(codeOrLink);
    if (!t)
      throw new HubError(readTicketCode(this.secret, codeInScan(codeOrLink), { ...AS_SCANNED }) ? 'TICKET_EXPIRED' : 'TICKET_NOT_FOUND');
    this.ratings.submitFromPhone(t.ticketId, level);
  }

  read(codeOrLink: string): PublicTicket {
    const ref = readTicketCode(this.secret, codeInScan(codeOrLink), { ...AS_SCANNED });
    if (!ref) throw new HubError('TICKET_NOT_FOUND');
    if (ref.serviceDay !== this.engine.serviceDay()) throw new HubError('TICKET_EXPIRED');
    const state = this.stateOf(ref.id, ref.number);
    if (!state) throw new HubError('TICKET_NOT_FOUND');
    return state;
  }

  /**
   * What the phone of one ticket may see: its own state and its line's anonymous figures. The
   * event stream sends it again whenever the line moves; `number` guards against a stale id.
   */
  stateOf(ticketId: number, number?: number): PublicTicket | null {
    return this.db
      .transaction(() => {
        const t = getTicket(this.db, ticketId);
        if (!t || (number !== undefined && t.number !== number)) return null;
        const field = getField(this.db, t.fieldId);
        const rating = this.settings.get().rating;
        const wait = this.engine.withWait(t);
        return {
          ticketId: t.id,
          fieldId: t.fieldId,
          centerName: this.settings.get().centerName,
          number: t.number,
          fieldVi: field?.nameVi ?? '',
          fieldEn: field?.nameEn ?? '',
          priority: t.priority,
          status: t.status,
          peopleAhead: wait.peopleAhead,
          estimatedWaitMin: wait.estimatedWaitMin,
          noCounterOpen: t.status === 'waiting' ? wait.estimatedWaitMin === null : openCountersServing(this.db, t.fieldId) === 0,
          counterNumber: t.counterNumber,
          rateWith: t.status === 'done' && rating.onPhone && !this.ratings.rated(t.id) ? rating.levels : null,
          head: this.journal.head(),
        };
      })
      .deferred();
  }
}
