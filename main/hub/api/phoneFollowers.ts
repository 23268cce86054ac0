// Citizens' phones following their tickets. A phone is never sent journal events (they name other
// citizens' tickets and carry officers' notes): when its ticket or its line changes, it is sent its
// ticket's state, computed once per ticket however many phones follow it, off the path that
// delivers calls to the hall, and at most about once a second for a line that keeps moving.
import { isCounterEvent, isTicketEvent, type ErrorCode, type JournalEvent, type PublicTicket } from '../../contract/index.ts';
import type { Journal } from '../../store/journal.ts';

/** What the hub knows of phone codes and their tickets (main/queue/phoneTickets.ts). */
export interface PhoneFeed {
  /** The ticket a phone's signed code names, if genuine and for today. */
  resolve(code: string): { ticketId: number; fieldId: number } | null;
  /** That ticket's state, as its own phone may see it. */
  stateOf(ticketId: number): PublicTicket | null;
}

/** Sockets following one ticket: the citizen, a relative, a second tab. More is a script. */
export const MAX_PHONES_PER_TICKET = 4;
/** Phone sockets from one address: a full hall of phones behind the center's Wi-Fi, not a flood. */
export const MAX_PHONES_PER_ADDRESS = 400;
/** How long a moving line waits before its phones are told (a ticket's own change goes at once). */
export const LINE_NEWS_DELAY_MS = 1000;
/** Tickets whose state is read in one turn of the event loop before yielding to other work. */
const STATES_PER_TURN = 50;

interface Follower {
  ip: string;
  ticketId: number;
  fieldId: number;
}

export class PhoneFollowers<S extends object> {
  private readonly followers = new Map<S, Follower>();
  private readonly byTicket = new Map<number, Set<S>>();
  /** Tickets whose phones are owed their state; `true` when the ticket itself changed. */
  private readonly due = new Map<number, boolean>();
  private timer: NodeJS.Timeout | null = null;
  private timerAt = Infinity;
  private flushing = false;
  private closed = false;

  constructor(
    private readonly feed: PhoneFeed,
    private readonly journal: Journal,
    private readonly send: (socket: S, text: string) => void,
  ) {}

  has(socket: S): boolean {
    return this.followers.has(socket);
  }

  /** Takes a phone in, or says why not (too many sockets on one code or from one address). */
  admit(socket: S, ip: string, ticket: { ticketId: number; fieldId: number }): ErrorCode | null {
    if ((this.byTicket.get(ticket.ticketId)?.size ?? 0) >= MAX_PHONES_PER_TICKET) return 'TOO_MANY_ATTEMPTS';
    let fromAddress = 0;
    for (const f of this.followers.values()) if (f.ip === ip) fromAddress++;
    if (fromAddress >= MAX_PHONES_PER_ADDRESS) return 'TOO_MANY_ATTEMPTS';
    this.followers.set(socket, { ip, ...ticket });
    const set = this.byTicket.get(ticket.ticketId) ?? new Set<S>();
    set.add(socket);
    this.byTicket.set(ticket.ticketId, set);
    return null;
  }

  drop(socket: S): void {
    const f = this.followers.get(socket);
    if (!f) return;
    this.followers.delete(socket);
    const set = this.byTicket.get(f.ticketId);
    set?.delete(socket);
    if (set?.size === 0) this.byTicket.delete(f.ticketId);
  }

  /** A phone that just subscribed gets its ticket's state at once: a snapshot, not a replay. */
  sendNow(ticketId: number): void {
    this.due.set(ticketId, true);
    this.schedule(0);
  }

  /** A committed batch: which followed tickets it may have changed. */
  changed(events: readonly JournalEvent[]): void {
    if (this.followers.size === 0) return;
    const tickets = new Set<number>();
    const fields = new Set<number>();
    let everyField = false;
    for (const e of events) {
      if (e.ticketId !== null) tickets.add(e.ticketId);
      if (isTicketEvent(e) || isCounterEvent(e)) {
        if (e.fieldId !== null) fields.add(e.fieldId);
        if (isCounterEvent(e) && e.data.loads === undefined) everyField = true;
        for (const l of e.data.loads ?? []) fields.add(l.fieldId);
        if (isTicketEvent(e)) for (const id of Object.keys(e.data.waiting)) fields.add(Number(id));
      }
    }
    let urgent = false;
    let line = false;
    for (const f of this.followers.values()) {
      if (tickets.has(f.ticketId)) {
        this.due.set(f.ticketId, true);
        urgent = true;
      } else if (everyField || fields.has(f.fieldId)) {
        if (!this.due.has(f.ticketId)) this.due.set(f.ticketId, false);
        line = true;
      }
    }
    if (urgent) this.schedule(0);
    else if (line) this.schedule(LINE_NEWS_DELAY_MS);
  }

  private schedule(delayMs: number): void {
    if (this.closed || this.flushing) return;
    const at = Date.now() + delayMs;
    if (this.timer && this.timerAt <= at) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.timerAt = Infinity;
      void this.flush();
    }, delayMs);
    this.timer.unref();
  }

  /** Reads each due ticket's state once and sends it to every phone following it. */
  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      // Read only committed rows: a batch still open could yet roll back.
      while (this.journal.pending) await this.journal.settled().catch(() => undefined);
      let inTurn = 0;
      for (const [ticketId] of this.due) {
        if (this.closed) return;
        this.due.delete(ticketId);
        const sockets = this.byTicket.get(ticketId);
        if (!sockets) continue;
        const state = this.feed.stateOf(ticketId);
        if (!state) continue;
        const text = JSON.stringify({ type: 'ticket', ticket: state });
        for (const socket of sockets) {
          const f = this.followers.get(socket);
          if (f) f.fieldId = state.fieldId; // a transfer moves the ticket to another line
          this.send(socket, text);
        }
        if (++inTurn >= STATES_PER_TURN) {
          inTurn = 0;
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
      }
    } finally {
      this.flushing = false;
    }
    // Changes that came in while flushing: their own ticket at once, lines after the usual pause.
    if (this.due.size > 0) this.schedule([...this.due.values()].some(Boolean) ? 0 : LINE_NEWS_DELAY_MS);
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
