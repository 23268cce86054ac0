// Who is calling: staff sessions and paired devices, sign-in, pairing, and the actor the engine sees.
import { deviceToWire } from '../store/toWire.ts';
import type { Device, DeviceKind, JournalEvent, Me, PairingCreated } from '../contract/index.ts';
import type { Db } from '../../db/open.ts';
import {
  countStaff,
  getStaff,
  getStaffByUsername,
  insertStaff,
  publicStaff,
  setPasswordHash,
  type StaffRecord,
  type StaffWithHash,
} from '../../db/staff.ts';
import {
  clearMustChangePassword,
  getSession,
  insertSession,
  requirePasswordChange,
  revokeOtherSessionsOfStaff,
  revokeSession,
  sessionsAtCounter,
  setSessionCounter,
  type SessionRecord,
} from '../../db/sessions.ts';
import {
  consumePairingCode,
  getDevice,
  getDeviceByToken,
  insertDevice,
  insertPairingCode,
  listDevices,
  revokeDevice,
  setDeviceToken,
  touchDevice,
  type DeviceRecord,
} from '../../db/devices.ts';
import { getCounter } from '../../db/counters.ts';
import { HubError } from '../base/errors.ts';
import type { Actor, QueueEngine } from '../queue/engine.ts';
import type { Journal } from '../store/journal.ts';
import { hashPassword, hashToken, newPairingCode, newToken, verifyPassword } from '../base/passwords.ts';
import { FailureLimiter } from '../base/rateLimit.ts';
import { DoorCodes } from '../base/doorCodes.ts';
import { demoAccounts } from './demoAccounts.ts';
import type { Clock } from '../base/time.ts';

export type Principal =
  | { kind: 'staff'; role: StaffRecord['role']; staff: StaffRecord; session: SessionRecord }
  | { kind: 'device'; role: DeviceKind; device: DeviceRecord };

export { inFours } from '../base/doorCodes.ts';

export const SESSION_MS = 12 * 60 * 60 * 1000; // one working day
export const PAIRING_CODE_MS = 15 * 60 * 1000;
const DEVICE_TOUCH_MS = 60_000;
/** Passwords printed in the README and at every demo start: never good enough for a reachable hub. */
const publishedPasswords = new Set(demoAccounts.map((a) => a.password));

export class AccessControl {
  private readonly loginFailures = new FailureLimiter(5, 5 * 60_000);
  private readonly ipFailures = new FailureLimiter(30, 5 * 60_000);
  private readonly pairFailures = new FailureLimiter(10, 5 * 60_000);
  /** Hash of a password nobody has, so unknown usernames cost the same time as wrong passwords. */
  private readonly decoyHash: Promise<string> = hashPassword(newToken());

  /** The setup code, and on a hub the LAN reaches the claim code a demo password's replacement needs. */
  private readonly codes: DoorCodes;
  /** Counts committed changes that may have taken a token's rights away (see `changesAccess`). */
  private accessEpoch = 0;

  constructor(
    private readonly db: Db,
    private readonly journal: Journal,
    private readonly engine: QueueEngine,
    private readonly clock: Clock,
    /** The hub listens beyond loopback: published demo passwords must then be changed at sign-in. */
    private readonly exposed = false,
    /** Whether a request comes from the server PC itself (its own screen needs no code from its own console). */
    fromServerPc: (ip: string) => boolean = () => false,
  ) {
    journal.subscribe((events) => {
      if (events.some(changesAccess)) this.accessEpoch++;
    });
    this.codes = new DoorCodes({ published: publishedPasswords, exposed, fromServerPc, failures: this.pairFailures });
  }

  /**
   * The code that must go with replacing a published demo password on a hub the LAN reaches, so
   * the first stranger to sign in as `admin` cannot make the center theirs. Null on loopback.
   */
  claimCode(): string | null {
    return this.codes.claimCode();
  }

  /**
   * On a hub the LAN reaches: sessions of accounts still holding a published password (signed in
   * while the hub listened on loopback only) may do nothing but change it. Returns how many were held back.
   */
  async holdDemoSessions(): Promise<number> {
    if (!this.exposed) return 0;
    let held = 0;
    for (const a of demoAccounts) {
      const staff = getStaffByUsername(this.db, a.username);
      if (staff && (await verifyPassword(a.password, staff.passwordHash))) held += requirePasswordChange(this.db, staff.id);
    }
    return held;
  }

  /** Changes when a token may have lost its rights: a request that waited compares before and after. */
  get epoch(): number {
    return this.accessEpoch;
  }

  resolve(token: string | undefined): Principal | null {
    if (!token) return null;
    const tokenHash = hashToken(token);
    const now = this.clock();
    const session = getSession(this.db, tokenHash);
    if (session) {
      if (session.revokedAt !== null || session.expiresAt <= now) return null;
      const staff = getStaff(this.db, session.staffId);
      if (!staff || !staff.active) return null;
      return { kind: 'staff', role: staff.role, staff: publicStaff(staff), session };
    }
    const device = getDeviceByToken(this.db, tokenHash);
    if (!device) return null;
    this.touch(device.id, device.lastSeenAt, now);
    return { kind: 'device', role: device.kind, device };
  }

  /** A device was heard from (its socket's heartbeat). */
  touchDevice(deviceId: number): void {
    const device = getDevice(this.db, deviceId);
    if (device && !device.revoked) this.touch(deviceId, device.lastSeenAt, this.clock());
  }

  /** Throttled: a display polls often, the disk need not hear it every time. */
  private touch(deviceId: number, lastSeenAt: number | null, now: number): void {
    if (lastSeenAt === null || now - lastSeenAt > DEVICE_TOUCH_MS) touchDevice(this.db, deviceId, now);
  }

  async login(username: string, password: string, ip: string): Promise<{ token: string; me: Me }> {
    const now = this.clock();
    const key = `${ip}|${username.toLowerCase()}`;
    const wait = Math.max(this.loginFailures.retryAfter(key, now), this.ipFailures.retryAfter(ip, now));
    if (wait > 0) throw new HubError('TOO_MANY_ATTEMPTS', { retryAfterMs: wait });
    // Counted before the hash, as a failure until proven otherwise: guesses sent in parallel all
    // pass the check above before any hash ends, so counting afterwards would let them all through.
    this.loginFailures.fail(key, now);
    this.ipFailures.fail(ip, now);
    const staff = getStaffByUsername(this.db, username);
    const ok = await verifyPassword(password, staff?.passwordHash ?? (await this.decoyHash));
    if (!staff || !ok || !staff.active) throw new HubError('BAD_CREDENTIALS');
    this.loginFailures.succeed(key);
    this.ipFailures.forgiveOne(ip, now);
    return this.startSession(staff, this.codes.mustChange(password));
  }

  /** True until the first admin exists: a real installation starts empty and is set up once. */
  setupNeeded(): boolean {
    return countStaff(this.db) === 0;
  }

  /** The code that creates the first admin, printed by the hub at start; null once set up. */
  setupCode(): string | null {
    return this.codes.setupCode(this.setupNeeded());
  }

  async completeSetup(
    input: { code: string; username: string; fullName: string; password: string },
    ip: string,
  ): Promise<{ token: string; me: Me }> {
    const now = this.clock();
    if (!this.setupNeeded()) throw new HubError('SETUP_DONE');
    this.codes.checkSetup(input.code, ip, now);
    if (this.codes.isPublished(input.password)) throw new HubError('PASSWORD_TOO_WEAK');
    const hash = await hashPassword(input.password);
    const staff = this.journal.write(() => {
      if (!this.setupNeeded()) throw new HubError('SETUP_DONE'); // two forms sent at once: the first wins
      const created = insertStaff(
        this.db,
        { username: input.username, fullName: input.fullName, role: 'admin', active: true, passwordHash: hash },
        now,
      );
      this.journal.record('config:changed', { staffId: created.id }, { entity: 'staff', id: created.id, action: 'created' });
      // the row exists: inserted just above in this same transaction
      return getStaff(this.db, created.id)!;
    });
    this.codes.setupDone();
    return this.startSession(staff, false);
  }

  /** A member of staff changes their own password; their other sessions end. */
  async changePassword(
    p: Principal,
    current: string,
    next: string,
    from: { setupCode?: string | undefined; ip: string },
  ): Promise<{ ok: true; me: Me }> {
    if (p.kind !== 'staff') throw new HubError('FORBIDDEN');
    const now = this.clock();
    this.codes.checkClaim(current, from.setupCode, from.ip, now);
    const key = `password|${p.staff.id}`;
    const wait = this.loginFailures.retryAfter(key, now);
    if (wait > 0) throw new HubError('TOO_MANY_ATTEMPTS', { retryAfterMs: wait });
    this.loginFailures.fail(key, now);
    const stored = getStaff(this.db, p.staff.id);
    if (!stored || !(await verifyPassword(current, stored.passwordHash))) throw new HubError('BAD_CREDENTIALS');
    this.loginFailures.succeed(key);
    if (next === current || this.codes.isPublished(next)) throw new HubError('PASSWORD_TOO_WEAK');
    const hash = await hashPassword(next);
    this.journal.write(() => {
      setPasswordHash(this.db, p.staff.id, hash);
      clearMustChangePassword(this.db, p.session.tokenHash);
      revokeOtherSessionsOfStaff(this.db, p.staff.id, p.session.tokenHash, now);
      this.journal.record('config:changed', { staffId: p.staff.id }, { entity: 'staff', id: p.staff.id, action: 'password-changed' });
    });
    return { ok: true, me: { ...this.staffMe(p), mustChangePassword: false } };
  }

  private startSession(staff: StaffWithHash, mustChangePassword: boolean): { token: string; me: Me } {
    const token = newToken();
    const now = this.clock();
    const session: SessionRecord = {
      tokenHash: hashToken(token),
      staffId: staff.id,
      counterId: null,
      createdAt: now,
      expiresAt: now + SESSION_MS,
      revokedAt: null,
      mustChangePassword,
    };
    this.journal.write(() => {
      insertSession(this.db, session);
      this.journal.record('staff:signed-in', { staffId: staff.id }, { staffId: staff.id, username: staff.username });
    });
    return { token, me: { kind: 'staff', staff: publicStaff(staff), counterId: null, expiresAt: session.expiresAt, mustChangePassword } };
  }

  logout(p: Principal): void {
    if (p.kind !== 'staff') return;
    this.journal.write(() => {
      const counterId = this.counterOf(p);
      // Signing out must not leave a citizen "being served" at a closed counter.
      if (counterId !== null) this.engine.close(counterId, p.staff.id);
      revokeSession(this.db, p.session.tokenHash, this.clock());
      this.journal.record('staff:signed-out', { staffId: p.staff.id }, { staffId: p.staff.id, username: p.staff.username });
    });
  }

  pair(code: string, ip: string): { token: string; me: Me } {
    const now = this.clock();
    const wait = this.pairFailures.retryAfter(ip, now);
    if (wait > 0) throw new HubError('TOO_MANY_ATTEMPTS', { retryAfterMs: wait });
    const token = newToken();
    const device = this.journal.write(() => {
      const deviceId = consumePairingCode(this.db, code, now);
      const found = deviceId === undefined ? undefined : getDevice(this.db, deviceId);
      if (!found || deviceId === undefined) return undefined;
      setDeviceToken(this.db, deviceId, hashToken(token), now);
      touchDevice(this.db, deviceId, now); // pairing is contact
      this.journal.record('config:changed', { deviceId }, { entity: 'device', id: deviceId, action: 'paired' });
      return getDevice(this.db, deviceId);
    });
    if (!device) {
      this.pairFailures.fail(ip, now);
      throw new HubError('PAIRING_CODE_INVALID');
    }
    return { token, me: { kind: 'device', device: deviceToWire(device) } };
  }

  createDevice(input: { kind: DeviceKind; name: string; counterId: number | null }, by: number | null): PairingCreated {
    return this.journal.write(() => {
      if (input.counterId !== null && !getCounter(this.db, input.counterId)) throw new HubError('COUNTER_NOT_FOUND');
      // A tablet or board with no counter would silently show counter 1's service.
      if (input.counterId === null && (input.kind === 'rating' || input.kind === 'counter_board'))
        throw new HubError('DEVICE_NEEDS_COUNTER');
      const id = insertDevice(this.db, input, this.clock());
      this.journal.record('config:changed', { deviceId: id, staffId: by }, { entity: 'device', id, action: 'created' });
      return this.issueCode(id, by);
    });
  }

  newCode(deviceId: number, by: number | null): PairingCreated {
    return this.journal.write(() => this.issueCode(deviceId, by));
  }

  private issueCode(deviceId: number, by: number | null): PairingCreated {
    const device = getDevice(this.db, deviceId);
    if (!device) throw new HubError('DEVICE_NOT_FOUND');
    const code = newPairingCode();
    const expiresAt = this.clock() + PAIRING_CODE_MS;
    insertPairingCode(this.db, code, deviceId, expiresAt);
    this.journal.record('config:changed', { deviceId, staffId: by }, { entity: 'device', id: deviceId, action: 'pairing-created' });
    return { device: deviceToWire(device), code, expiresAt };
  }

  listDevices(): Device[] {
    return listDevices(this.db).map(deviceToWire);
  }

  revoke(deviceId: number, by: number | null): Device {
    return this.journal.write(() => {
      if (!getDevice(this.db, deviceId)) throw new HubError('DEVICE_NOT_FOUND');
      revokeDevice(this.db, deviceId, this.clock());
      this.journal.record('config:changed', { deviceId, staffId: by }, { entity: 'device', id: deviceId, action: 'revoked' });
      // the row exists: found above in this same transaction
      return deviceToWire(getDevice(this.db, deviceId)!);
    });
  }

  /** Binds an officer's session to a counter (leaving any other counter they held). */
  openCounter(p: Principal, counterId: number): void {
    if (p.kind !== 'staff') throw new HubError('FORBIDDEN');
    const now = this.clock();
    this.journal.write(() => {
      const previous = this.counterOf(p);
      // Moving to another counter closes this one, which is refused while a citizen is served here.
      if (previous !== null && previous !== counterId) this.engine.close(previous, p.staff.id);
      this.engine.open(counterId, p.staff.id, (holder) => sessionsAtCounter(this.db, counterId, now).some((s) => s.staffId === holder));
      setSessionCounter(this.db, p.session.tokenHash, counterId);
    });
  }

  closeCounter(p: Principal): void {
    const counterId = this.requireCounter(p);
    this.journal.write(() => {
      this.engine.close(counterId, p.kind === 'staff' ? p.staff.id : 0);
      if (p.kind === 'staff') setSessionCounter(this.db, p.session.tokenHash, null);
    });
  }

  /** The counter an officer really holds now: their session's, if the counter still names them. */
  counterOf(p: Principal): number | null {
    if (p.kind !== 'staff' || p.session.counterId === null) return null;
    const counter = getCounter(this.db, p.session.counterId);
    return counter && counter.staffId === p.staff.id && counter.state !== 'closed' ? counter.id : null;
  }

  requireCounter(p: Principal): number {
    const id = this.counterOf(p);
    if (id === null) throw new HubError('NOT_AT_COUNTER');
    return id;
  }

  /** A manager closes a counter its officer left open; the officer's console goes back to choosing one. */
  closeAbandoned(counterId: number, p: Principal): void {
    this.journal.write(() => {
      this.engine.closeAbandoned(counterId, this.actorOf(p));
      for (const s of sessionsAtCounter(this.db, counterId, this.clock())) setSessionCounter(this.db, s.tokenHash, null);
    });
  }

  actorOf(p: Principal): Actor {
    if (p.kind === 'device') return { staffId: null, deviceId: p.device.id, counterId: null, supervisor: false };
    return { staffId: p.staff.id, deviceId: null, counterId: this.counterOf(p), supervisor: p.role === 'admin' || p.role === 'manager' };
  }

  me(p: Principal): Me {
    if (p.kind === 'device') return { kind: 'device', device: deviceToWire(p.device) };
    return this.staffMe(p);
  }

  private staffMe(p: Extract<Principal, { kind: 'staff' }>): Extract<Me, { kind: 'staff' }> {
    return {
      kind: 'staff',
      staff: p.staff,
      counterId: this.counterOf(p),
      expiresAt: p.session.expiresAt,
      mustChangePassword: p.session.mustChangePassword,
    };
  }
}

/** Events after which a token may no longer be good (revoked device, deactivated or demoted staff, sign-out). */
export function changesAccess(e: JournalEvent): boolean {
  if (e.type === 'staff:signed-out') return true;
  return e.type === 'config:changed' && (e.data.entity === 'staff' || e.data.entity === 'device');
}

export function isSupervisor(p: Principal): boolean {
  return p.role === 'admin' || p.role === 'manager';
}

/** A session that may do nothing but change its published password. */
export function mustChangePassword(p: Principal): boolean {
  return p.kind === 'staff' && p.session.mustChangePassword;
}

export function staffIdOf(p: Principal): number | null {
  return p.kind === 'staff' ? p.staff.id : null;
}
