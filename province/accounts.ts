// The province's own accounts: who holds a token (a site's or a member of staff's), signing in
// with the hub's failure limits, the published demo account, changing a password, new staff. The
// setup code that creates the first province-admin and the claim code a demo password's
// replacement needs on a province others reach are the hub's own (main/base/doorCodes.ts).
import type { ProvinceRole } from '../main/contract/index.ts';
import { HubError } from '../main/base/errors.ts';
import { hashPassword, hashToken, newToken, verifyPassword } from '../main/base/passwords.ts';
import { FailureLimiter } from '../main/base/rateLimit.ts';
import { DoorCodes } from '../main/base/doorCodes.ts';
import type { Clock } from '../main/base/time.ts';
import type { Pool } from './db/pool.ts';
import {
  addFirstStaff,
  addSession,
  addStaff,
  countStaff,
  requirePasswordChange,
  sessionOf,
  sessionStaff,
  setStaffPassword,
  siteByToken,
  staffByUsername,
  type SiteRecord,
} from './db/sites.ts';

const SESSION_MS = 12 * 3_600_000;

export type ProvincePrincipal =
  { kind: 'site'; site: SiteRecord } | { kind: 'staff'; role: ProvinceRole; tokenHash: string; mustChangePassword: boolean };

/** Its password is printed in the README and at every start: never enough for a province others reach. */
export const demoProvinceAdmin = { username: 'tinh', password: 'motcua-tinh', fullName: 'Cán bộ Trung tâm tỉnh' };

type SignedIn = { token: string; fullName: string; role: ProvinceRole; mustChangePassword: boolean };

export class ProvinceAccounts {
  // The hub's limits (main/auth/access.ts): per address and name, and per address.
  private readonly loginFailures = new FailureLimiter(5, 5 * 60_000);
  private readonly ipFailures = new FailureLimiter(30, 5 * 60_000);
  /** Hash of a password nobody has, so unknown usernames cost the same time as wrong passwords. */
  private readonly decoyHash: Promise<string> = hashPassword(newToken());
  private readonly codes: DoorCodes;

  constructor(
    private readonly pool: Pool,
    private readonly clock: Clock,
    /** The server listens beyond loopback: the demo password must be changed before anything else. */
    private readonly exposed: boolean,
    /** Whether a request comes from the server PC itself (its own browser needs no code from its own console). */
    fromServerPc: (ip: string) => boolean = () => false,
  ) {
    this.codes = new DoorCodes({ published: new Set([demoProvinceAdmin.password]), exposed, fromServerPc });
  }

  /** On a province others reach: the code, printed at start, that replacing the demo password needs. */
  claimCode(): string | null {
    return this.codes.claimCode();
  }

  /** True until the first province-admin exists (a province started without the demo account). */
  async setupNeeded(): Promise<boolean> {
    return (await countStaff(this.pool)) === 0;
  }

  /** The code that creates the first province-admin, made once while none exists; null once set up. */
  async setupCode(): Promise<string | null> {
    return this.codes.setupCode(await this.setupNeeded());
  }

  /** The setup code made and not used yet, as the server printed it. */
  pendingSetupCode(): string | null {
    return this.codes.pendingSetupCode();
  }

  async completeSetup(input: { code: string; username: string; fullName: string; password: string }, ip: string): Promise<SignedIn> {
    const now = this.clock();
    // No code held while none is needed: a form sent at the same time as the winning one is told so.
    if (!(await this.setupNeeded()) || this.codes.pendingSetupCode() === null) throw new HubError('SETUP_DONE');
    this.codes.checkSetup(input.code, ip, now);
    if (this.codes.isPublished(input.password)) throw new HubError('PASSWORD_TOO_WEAK');
    const passwordHash = await hashPassword(input.password);
    // Two forms sent at once (to this server or another on the same database): the first wins.
    const id = await addFirstStaff(this.pool, { username: input.username, fullName: input.fullName, role: 'province-admin', passwordHash });
    if (id === null) throw new HubError('SETUP_DONE');
    this.codes.setupDone();
    const token = newToken();
    await addSession(this.pool, hashToken(token), id, now + SESSION_MS, false);
    return { token, fullName: input.fullName, role: 'province-admin', mustChangePassword: false };
  }

  /** Whether the demo account still has its published password (the province is still a demo). */
  async demoPasswordInUse(): Promise<boolean> {
    const staff = await staffByUsername(this.pool, demoProvinceAdmin.username);
    return staff !== undefined && (await verifyPassword(demoProvinceAdmin.password, staff.passwordHash));
  }

  /**
   * On a province others reach: sessions of the demo account still on its published password
   * (signed in while the province listened on loopback only) may do nothing but change it.
   */
  async holdDemoSessions(): Promise<number> {
    if (!this.exposed) return 0;
    const staff = await staffByUsername(this.pool, demoProvinceAdmin.username);
    if (!staff || !(await verifyPassword(demoProvinceAdmin.password, staff.passwordHash))) return 0;
    return requirePasswordChange(this.pool, staff.id);
  }

  /** A province with no staff yet gets the demo account (its password is published: change it). */
  async seedDemoAdmin(): Promise<boolean> {
    if ((await countStaff(this.pool)) > 0) return false;
    await addStaff(this.pool, {
      username: demoProvinceAdmin.username,
      fullName: demoProvinceAdmin.fullName,
      role: 'province-admin',
      passwordHash: await hashPassword(demoProvinceAdmin.password),
    });
    return true;
  }

  async principalOf(token: string | undefined): Promise<ProvincePrincipal | null> {
    if (!token) return null;
    const hash = hashToken(token);
    const site = await siteByToken(this.pool, hash);
    if (site) return { kind: 'site', site };
    const session = await sessionOf(this.pool, hash, this.clock());
    return session ? { kind: 'staff', role: session.role, tokenHash: hash, mustChangePassword: session.mustChangePassword } : null;
  }

  async login(username: string, password: string, ip: string): Promise<SignedIn> {
    const now = this.clock();
    const key = `${ip}|${username.toLowerCase()}`;
    const wait = Math.max(this.loginFailures.retryAfter(key, now), this.ipFailures.retryAfter(ip, now));
    if (wait > 0) throw new HubError('TOO_MANY_ATTEMPTS', { retryAfterMs: wait });
    // Counted before the hash, as a failure until proven otherwise: guesses sent in parallel all
    // pass the check above before any hash ends, so counting afterwards would let them all through.
    this.loginFailures.fail(key, now);
    this.ipFailures.fail(ip, now);
    const staff = await staffByUsername(this.pool, username);
    const ok = await verifyPassword(password, staff?.passwordHash ?? (await this.decoyHash));
    if (!staff || !ok) throw new HubError('BAD_CREDENTIALS');
    this.loginFailures.succeed(key);
    this.ipFailures.forgiveOne(ip, now);
    const token = newToken();
    const mustChange = this.codes.mustChange(password);
    await addSession(this.pool, hashToken(token), staff.id, now + SESSION_MS, mustChange);
    return { token, fullName: staff.fullName, role: staff.role, mustChangePassword: mustChange };
  }

  /**
   * A new password (at least 10 characters, not the published demo one); every session of the
   * account ends. Replacing the demo password on a province others reach needs the claim code.
   */
  async changePassword(
    tokenHash: string,
    current: string,
    next: string,
    from: { setupCode?: string | undefined; ip: string },
  ): Promise<void> {
    const now = this.clock();
    const who = await sessionStaff(this.pool, tokenHash, now);
    if (!who) throw new HubError('UNAUTHENTICATED');
    this.codes.checkClaim(current, from.setupCode, from.ip, now);
    const key = `password|${who.id}`;
    const wait = this.loginFailures.retryAfter(key, now);
    if (wait > 0) throw new HubError('TOO_MANY_ATTEMPTS', { retryAfterMs: wait });
    this.loginFailures.fail(key, now);
    const staff = await staffByUsername(this.pool, who.username);
    if (!staff || !(await verifyPassword(current, staff.passwordHash))) throw new HubError('BAD_CREDENTIALS');
    this.loginFailures.succeed(key);
    if (next === current || this.codes.isPublished(next)) throw new HubError('PASSWORD_TOO_WEAK');
    await setStaffPassword(this.pool, staff.id, await hashPassword(next));
  }

  async addStaff(input: { username: string; fullName: string; role: ProvinceRole; password: string }): Promise<void> {
    if (await staffByUsername(this.pool, input.username))
      throw new HubError('CONFLICT', [{ path: ['username'], message: 'username taken' }]);
    if (this.codes.isPublished(input.password)) throw new HubError('PASSWORD_TOO_WEAK');
    await addStaff(this.pool, { ...input, passwordHash: await hashPassword(input.password) });
  }
}
