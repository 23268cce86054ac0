/**
 * Counts failures per key in a sliding window; a key with too many recent failures is refused
 * until the oldest of them leaves the window. In memory: a restart forgives, which is acceptable
 * for a LAN appliance and keeps the login path free of disk writes.
 */
export class FailureLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly maxFailures: number, private readonly windowMs: number) {}

  /** Milliseconds until the key may try again, or 0. */
  retryAfter(key: string, now: number): number {
    const recent = this.recent(key, now);
    if (recent.length < this.maxFailures) return 0;
    return recent[recent.length - this.maxFailures]! + this.windowMs - now;
  }

  fail(key: string, now: number): void {
    const recent = this.recent(key, now);
    recent.push(now);
    this.failures.set(key, recent);
    if (this.failures.size > 10_000) this.sweep(now);
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
