// The hub's clock: the wall clock while it behaves, a steady one when it jumps.
//
// A PC's wall clock moves by itself: NTP steps it, a dead CMOS battery starts it in 2000, someone
// types a wrong date. The queue must not follow it backwards (later arrivals would be called
// first, a day would open twice) nor leap a day forward (the waiting line would be closed as
// yesterday's). So the hub reads the wall clock and a monotonic one together: while the wall
// clock moves as the monotonic one does (within a tolerance) hub time is the wall's; when they
// part, hub time goes on from the last trusted time at the monotonic rate, and the jump is
// reported. Hub time takes the wall's again by itself when the wall comes back within tolerance,
// or when the hub says taking it is harmless (see `adoptionIsHarmless`). Pure: both clocks and
// the hub's judgement are passed in.
import { serviceDayOf, type Clock } from './time.ts';

/** The wall clock left hub time. */
export interface ClockJump {
  /** Hub time when it was seen. */
  at: number;
  /** Wall time minus hub time (ms): negative when the wall went back. */
  offsetMs: number;
  /** False when hub time is only the journal's last event (the wall was behind it at start). */
  heldTrusted: boolean;
}

export interface SteadyClockOptions {
  /** How far wall and monotonic time may disagree before it is a jump (default 60 s). */
  toleranceMs?: number;
  /** Hub time never starts below this: the time of the journal's last event. */
  floor?: number | null;
  /** The wall clock jumped (also called when a held clock sees the wall jump again). */
  onJump?: (jump: ClockJump) => void;
  /** Hub time follows the wall again: it came back (`agrees`) or was taken as harmless (`adopted`). */
  onRejoin?: (how: 'agrees' | 'adopted', jump: ClockJump, wall: number) => void;
  /** Whether hub time may take the wall's time now although they disagree. */
  canAdopt?: (wall: number, held: number, jump: ClockJump) => boolean;
  /** `canAdopt` is asked at most this often, in monotonic time (default 5 s); `settle` asks now. */
  adoptEveryMs?: number;
}

export class SteadyClock {
  private hub: number;
  private mono: number;
  private held: ClockJump | null = null;
  private lastAdoptCheck = Number.NEGATIVE_INFINITY;
  private readonly tolerance: number;
  private readonly adoptEvery: number;

  /**
   * `monotonic` defaults to the wall clock itself: then the two always agree and hub time is the
   * wall's (a test's hand-moved clock keeps its meaning), apart from the journal floor at start.
   */
  constructor(
    private readonly wall: Clock,
    private readonly monotonic: Clock = wall,
    private readonly opts: SteadyClockOptions = {},
  ) {
    this.tolerance = opts.toleranceMs ?? 60_000;
    this.adoptEvery = opts.adoptEveryMs ?? 5_000;
    const w = wall();
    this.mono = monotonic();
    const floor = opts.floor ?? null;
    if (floor !== null && w < floor - this.tolerance) {
      this.hub = floor;
      this.held = { at: floor, offsetMs: w - floor, heldTrusted: false };
      opts.onJump?.(this.held);
    } else {
      this.hub = floor !== null && this.monotonic !== this.wall ? Math.max(w, floor) : w;
    }
  }

  /** Hub time now, as a plain `Clock` (whole milliseconds when both clocks give whole milliseconds). */
  readonly read: Clock = () => this.now();

  /** The jump hub time is holding against, or null while it follows the wall. */
  get jump(): ClockJump | null {
    return this.held;
  }

  now(): number {
    return this.tick(false);
  }

  /** Reads the clocks and asks `canAdopt` at once if hub time is held (the floor check does). */
  settle(): number {
    return this.tick(true);
  }

  private tick(askNow: boolean): number {
    const w = this.wall();
    const m = this.monotonic();
    const elapsed = m - this.mono;
    // A hand-moved test clock used as both may go back; a real monotonic source never does.
    const steady = this.hub + elapsed;
    this.mono = m;
    if (Math.abs(w - steady) <= this.tolerance) {
      // Following the wall, but never backwards while monotonic time goes forward (small NTP steps).
      this.hub = elapsed >= 0 ? Math.max(w, this.hub) : w;
      if (this.held) {
        const was = this.held;
        this.held = null;
        this.opts.onRejoin?.('agrees', was, w);
      }
      return this.hub;
    }
    this.hub = elapsed >= 0 ? Math.max(steady, this.hub) : steady;
    const offsetMs = w - this.hub;
    if (!this.held) {
      this.held = { at: this.hub, offsetMs, heldTrusted: true };
      this.opts.onJump?.(this.held);
    } else if (Math.abs(offsetMs - this.held.offsetMs) > this.tolerance) {
      this.held = { ...this.held, at: this.hub, offsetMs };
      this.opts.onJump?.(this.held);
    }
    if (this.opts.canAdopt && (askNow || m - this.lastAdoptCheck >= this.adoptEvery || m < this.lastAdoptCheck)) {
      this.lastAdoptCheck = m;
      if (this.opts.canAdopt(w, this.hub, this.held)) {
        const was = this.held;
        this.held = null;
        this.hub = w;
        this.opts.onRejoin?.('adopted', was, w);
      }
    }
    return this.hub;
  }
}

/**
 * Whether hub time may take a wall time it disagrees with: only with no ticket open (nothing
 * waiting, called or served, so no order can change), never to a service day before the last one
 * written, and never across midnight — unless hub time was only the journal's floor (the wall was
 * behind the journal at start, e.g. a dead CMOS battery) and the wall is now ahead of it.
 */
export function adoptionIsHarmless(a: {
  wall: number;
  held: number;
  heldTrusted: boolean;
  ticketsOpen: boolean;
  lastServiceDay: string | null;
  timeZone: string;
}): boolean {
  if (a.ticketsOpen) return false;
  const wallDay = serviceDayOf(a.wall, a.timeZone);
  if (a.lastServiceDay !== null && wallDay < a.lastServiceDay) return false;
  if (wallDay === serviceDayOf(a.held, a.timeZone)) return true;
  return !a.heldTrusted && a.wall > a.held;
}

/** The monotonic clock of this process, in whole milliseconds (hub times are stored as integers). */
export const processMonotonic: Clock = () => Math.floor(performance.now());
