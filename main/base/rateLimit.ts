/** Keys a limiter holds before it forgets the ones that have nothing to remember. */
const SWEEP_AT = 10_000;

/**
 * Counts failures per key in a sliding window; a key with too many recent failures is refused
 * until the oldest of them leaves the window. In memory: a restart forgives, which is acceptable
 * for a LAN appliance and keeps the login path free of disk writes.
 */
export class FailureLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly maxFailures: number,
    private readonly windowMs: number,
  ) {}

  /** Milliseconds until the key may try again, or 0. */
  retryAfter(key: string, now: number): number {
    const recent = this.recent(key, now);
    if (recent.length < this.maxFailures) return 0;
    // the index is at least 0: recent holds maxFailures or more
    return recent[recent.length - this.maxFailures]! + this.windowMs - now;
  }

  fail(key: string, now: number): void {
    const recent = this.recent(key, now);
    recent.push(now);
    this.failures.set(key, recent);
    if (this.failures.size > SWEEP_AT) this.sweep(now);
  }

  succeed(key: string): void {
    this.failures.delete(key);
  }

  /** Takes back one failure counted in advance (the attempt turned out right). */
  forgiveOne(key: string, now: number): void {
    const recent = this.recent(key, now);
    recent.pop();
    if (recent.length === 0) this.failures.delete(key);
    else this.failures.set(key, recent);
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((t) => t > now - this.windowMs);
  }

  private sweep(now: number): void {
    for (const [key, times] of this.failures) if (!times.some((t) => t > now - this.windowMs)) this.failures.delete(key);
  }
}

/**
 * A token bucket per key: `burst` at once, then one every `everyMs`. For devices that act on
 * their own (a kiosk issuing): a person needs seconds per ticket, a script needs none.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly burst: number,
    private readonly everyMs: number,
  ) {}

  /** Takes one token: 0 if granted, else milliseconds until one is there. */
  take(key: string, now: number): number {
    if (this.buckets.size >= SWEEP_AT && !this.buckets.has(key)) this.sweep(now);
    const b = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    const tokens = Math.min(this.burst, b.tokens + Math.max(0, now - b.at) / this.everyMs);
    if (tokens < 1) {
      this.buckets.set(key, { tokens, at: now });
      return Math.ceil((1 - tokens) * this.everyMs);
    }
    this.buckets.set(key, { tokens: tokens - 1, at: now });
    return 0;
  }

  get size(): number {
    return this.buckets.size;
  }

  /** A bucket that has filled up again is the same as none: forgotten, so keys never pile up over months. */
  private sweep(now: number): void {
    for (const [key, b] of this.buckets) if (b.tokens + Math.max(0, now - b.at) / this.everyMs >= this.burst) this.buckets.delete(key);
  }
}

/** Issue limit per kiosk: `burst` tickets at once, then one per `everyMs`; null = none (load tests). */
export interface IssueLimit {
  burst: number;
  everyMs: number;
}
export const DEFAULT_ISSUE_LIMIT: IssueLimit = { burst: 20, everyMs: 2_000 };

/** `MOTCUA_KIOSK_ISSUE_LIMIT`: "off", or "BURST/SECONDS" (e.g. "20/2"). */
export function parseIssueLimit(text: string | undefined): IssueLimit | null {
  if (text === undefined || text === '') return DEFAULT_ISSUE_LIMIT;
  if (text === 'off') return null;
  const m = /^(\d{1,4})\/(\d+(?:\.\d+)?)$/.exec(text);
  if (!m || Number(m[1]) < 1 || Number(m[2]) <= 0) throw new Error(`MOTCUA_KIOSK_ISSUE_LIMIT: "off" or BURST/SECONDS, not ${text}`);
  return { burst: Number(m[1]), everyMs: Number(m[2]) * 1000 };
}
