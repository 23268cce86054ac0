// Citizens rate the service they just had. One rating per ticket (the database's UNIQUE), only
// from the rating device of the counter that served it, soon after; nothing personal. Ratings
// are append-only and hash-chained: each row's hash covers its content and the previous hash, so
// an edited or deleted row breaks the chain at a place the verification names.
import { createHash } from 'node:crypto';
import type { Db, ReadableDB } from '../../db/open.ts';
import { getTicket, lastFinishedAtCounter, type TicketRecord } from '../../db/tickets.ts';
import { ticketHasEvent } from '../../db/events.ts';
import { insertRating, lastRatingHash, ratingForTicket, ratingsAfter, type RatingRecord } from '../../db/ratings.ts';
import { HubError } from '../base/errors.ts';
import type { Journal } from '../store/journal.ts';
import type { SettingsStore } from '../store/settings.ts';
import type { Clock } from '../base/time.ts';

export const GENESIS = '0'.repeat(64);
/** A rating screen offers the rating this long after the ticket was finished. */
export const RATING_WINDOW_MS = 10 * 60_000;
/**
 * How many of its counter's latest finished tickets a tablet may still speak of: a citizen who began
 * rating keeps their turn while the officer finishes the next one or two (the tablet asks them in turn).
 */
export const RATING_QUEUE = 3;

type Content = Pick<RatingRecord, 'ticketId' | 'counterId' | 'staffId' | 'fieldId' | 'serviceDay' | 'at' | 'level' | 'reasons' | 'comment'>;

/**
 * The hash of a rating: its fields in a fixed order, and the previous rating's hash. A comment is
 * chained too; a rating without one hashes as ratings did before comments existed.
 */
export function ratingHash(prevHash: string, r: Content): string {
  const fields: unknown[] = [r.ticketId, r.counterId, r.staffId, r.fieldId, r.serviceDay, r.at, r.level, r.reasons];
  if (r.comment !== null) fields.push(r.comment);
  const canonical = JSON.stringify(fields);
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

export interface ChainCheck {
  ok: boolean;
  count: number;
  firstBrokenId: number | null;
}

/** Walks the whole chain; names the first rating whose hash or link does not hold. */
export function verifyRatingChain(db: ReadableDB): ChainCheck {
  let prev = GENESIS;
  let count = 0;
  let after = 0;
  for (;;) {
    const page = ratingsAfter(db, after, 5000);
    if (page.length === 0) return { ok: true, count, firstBrokenId: null };
    for (const r of page) {
      if (r.prevHash !== prev || ratingHash(prev, r) !== r.hash) return { ok: false, count, firstBrokenId: r.id };
      prev = r.hash;
      after = r.id;
      count++;
    }
  }
}

export class RatingService {
  constructor(
    private readonly db: Db,
    private readonly journal: Journal,
    private readonly settings: SettingsStore,
    private readonly clock: Clock,
  ) {}

  submit(deviceCounterId: number | null, ticketId: number, level: number, reasons: string[], comment: string | null = null): RatingRecord {
    return this.record(ticketId, level, reasons, comment, (t) => this.checkOffered(deviceCounterId, t));
  }

  /** Checks the level and reasons, then chains the rating: once per ticket, in one transaction. */
  private record(
    ticketId: number,
    level: number,
    reasons: string[],
    comment: string | null,
    allowed: (t: TicketRecord) => void,
  ): RatingRecord {
    const s = this.settings.get().rating;
    if (!s.levels.some((l) => l.value === level)) throw new HubError('VALIDATION', [{ path: ['level'], message: 'unknown level' }]);
    const known = new Set(s.reasons.map((r) => r.code));
    if (reasons.some((r) => !known.has(r))) throw new HubError('VALIDATION', [{ path: ['reasons'], message: 'unknown reason' }]);
    return this.journal.write(() => {
      const t = getTicket(this.db, ticketId);
      if (!t) throw new HubError('TICKET_NOT_FOUND');
      allowed(t);
      if (ratingForTicket(this.db, ticketId)) throw new HubError('ALREADY_RATED');
      const prevHash = lastRatingHash(this.db) ?? GENESIS;
      const content: Content = {
        ticketId,
        counterId: t.counterId,
        staffId: t.staffId,
        fieldId: t.fieldId,
        serviceDay: t.serviceDay,
        at: this.clock(),
        level,
        reasons: [...new Set(reasons)].sort(),
        comment: comment === null || comment.trim() === '' ? null : comment.trim().normalize('NFC'),
      };
      const hash = ratingHash(prevHash, content);
      const id = insertRating(this.db, { ...content, prevHash, hash });
      this.journal.record(
        'rating:submitted',
        { ticketId, counterId: t.counterId, fieldId: t.fieldId, staffId: t.staffId },
        { ticketId, level },
      );
      return { ...content, id, prevHash, hash };
    });
  }

  /** Whether a ticket has its rating already. */
  rated(ticketId: number): boolean {
    return ratingForTicket(this.db, ticketId) !== undefined;
  }

  /** A rating from the citizen's own phone: the signed code proved the ticket; once, after service, on its day. */
  submitFromPhone(ticketId: number, level: number): RatingRecord {
    if (!this.settings.get().rating.onPhone) throw new HubError('FORBIDDEN');
    return this.record(ticketId, level, [], null, (t) => {
      if (t.status !== 'done') throw new HubError('TICKET_WRONG_STATE');
    });
  }

  /** The screen went back to idle without a rating: recorded once, for the response rate. */
  timedOut(deviceCounterId: number | null, ticketId: number): void {
    this.journal.write(() => {
      const t = getTicket(this.db, ticketId);
      if (!t) throw new HubError('TICKET_NOT_AT_COUNTER');
      this.checkOffered(deviceCounterId, t);
      if (ratingForTicket(this.db, ticketId)) throw new HubError('ALREADY_RATED');
      if (ticketHasEvent(this.db, ticketId, 'rating:timed-out')) return; // said already: once is the truth
      this.journal.record('rating:timed-out', { ticketId, counterId: t.counterId, fieldId: t.fieldId, staffId: t.staffId }, { ticketId });
    });
  }

  /**
   * A rating device speaks only of what its screen can have offered: one of the few tickets its own
   * counter finished last, soon after. An older ticket of the same counter is someone else's service.
   */
  private checkOffered(deviceCounterId: number | null, t: TicketRecord): void {
    if (deviceCounterId === null || t.counterId !== deviceCounterId) throw new HubError('TICKET_NOT_AT_COUNTER');
    if (t.status !== 'done' || t.finishedAt === null || this.clock() - t.finishedAt > RATING_WINDOW_MS)
      throw new HubError('TICKET_WRONG_STATE');
    if (!lastFinishedAtCounter(this.db, t.serviceDay, deviceCounterId, RATING_QUEUE).includes(t.id))
      throw new HubError('TICKET_WRONG_STATE');
  }
}
