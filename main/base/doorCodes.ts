// The one-time codes a server prints at start, shared by the hub (main/auth/access.ts) and the
// province (province/accounts.ts) so both doors hold by the same rules: the setup code that creates
// the first admin of an empty installation, and, on a server the network reaches, the claim code
// without which a published demo password cannot be replaced (else the first stranger to sign in
// with it makes the installation theirs). Wrong codes count against the caller's address.
import { timingSafeEqual } from 'node:crypto';
import { HubError } from './errors.ts';
import { newPairingCode } from './passwords.ts';
import { FailureLimiter } from './rateLimit.ts';

/** A one-time code (setup, claim) as shown to a person: ABCD-EFGH-IJ; typed back, dashes and spaces are ignored. */
export const inFours = (code: string): string => code.replace(/(.{4})(?=.)/g, '$1-');

/** Whether an address (to listen on, or a caller's) is this machine only. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * Whether a caller is the server PC itself, whose own screen needs no code from its own console:
 * loopback, or the addresses given (tests give none to act as a LAN peer from 127.0.0.1).
 */
export function serverPcTest(addresses?: readonly string[]): (ip: string) => boolean {
  return (ip) => {
    const plain = ip.replace(/^::ffff:/, '');
    return addresses ? addresses.includes(plain) : isLoopbackHost(plain);
  };
}

export class DoorCodes {
  private pendingSetup: string | null = null;
  private readonly claim: string | null;
  private readonly published: ReadonlySet<string>;
  private readonly exposed: boolean;
  private readonly fromServerPc: (ip: string) => boolean;
  private readonly failures: FailureLimiter;

  constructor(opts: {
    /** Passwords printed in the README and at every demo start. */
    published: ReadonlySet<string>;
    /** The server listens beyond loopback. */
    exposed: boolean;
    fromServerPc: (ip: string) => boolean;
    /** Wrong codes per address (the hub counts them with its pairing codes'). */
    failures?: FailureLimiter;
  }) {
    this.published = opts.published;
    this.exposed = opts.exposed;
    this.fromServerPc = opts.fromServerPc;
    this.failures = opts.failures ?? new FailureLimiter(10, 5 * 60_000);
    this.claim = opts.exposed ? newPairingCode(12) : null;
  }

  isPublished(password: string): boolean {
    return this.published.has(password);
  }

  /** A sign-in with this password may do nothing but change it: it is published and others reach the server. */
  mustChange(password: string): boolean {
    return this.exposed && this.published.has(password);
  }

  /** The code a published password's replacement needs on a server the network reaches; null on loopback. */
  claimCode(): string | null {
    return this.claim;
  }

  /** Refuses replacing a published `current` password from another machine without the claim code. */
  checkClaim(current: string, given: string | undefined, ip: string, now: number): void {
    if (this.claim !== null && this.published.has(current) && !this.fromServerPc(ip)) this.check(this.claim, given ?? '', ip, now);
  }

  /** The code that creates the first admin while the installation is empty: made once, kept until used. */
  setupCode(needed: boolean): string | null {
    if (!needed) return null;
    this.pendingSetup ??= newPairingCode(12);
    return this.pendingSetup;
  }

  /** The setup code made and not used yet (a server that learns it is set up elsewhere still holds it). */
  pendingSetupCode(): string | null {
    return this.pendingSetup;
  }

  checkSetup(given: string, ip: string, now: number): void {
    this.check(this.pendingSetup, given, ip, now);
  }

  /** The first admin exists: the setup code is spent. */
  setupDone(): void {
    this.pendingSetup = null;
  }

  private check(expected: string | null, given: string, ip: string, now: number): void {
    const wait = this.failures.retryAfter(ip, now);
    if (wait > 0) throw new HubError('TOO_MANY_ATTEMPTS', { retryAfterMs: wait });
    const typed = given.replace(/[-\s]/g, '').toUpperCase();
    if (expected === null || typed.length !== expected.length || !timingSafeEqual(Buffer.from(typed), Buffer.from(expected))) {
      this.failures.fail(ip, now);
      throw new HubError('SETUP_CODE_INVALID');
    }
  }
}
