import { TestClock } from './hub.ts';

/**
 * A PC's two clocks: both move with real time; only the wall one can be set. The hub takes its
 * time from the wall clock and checks it against the monotonic one, so a test of a clock that
 * jumps (NTP, a dead CMOS battery, a wrong date typed in) moves them apart by hand.
 */
export class TwoClocks {
  readonly wall: TestClock;
  readonly mono = new TestClock(1_000_000);
  constructor(iso: string) {
    this.wall = new TestClock(Date.parse(iso));
  }
  pass(ms: number): void {
    this.wall.advance(ms);
    this.mono.advance(ms);
  }
  /** Someone (or NTP) sets the wall clock; a second passes meanwhile. */
  setWall(deltaMs: number): void {
    this.wall.advance(deltaMs);
    this.pass(1000);
  }
}
