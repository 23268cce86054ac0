import { command, query, type Db, type ReadableDB } from './open.ts';

export interface SessionRecord {
  tokenHash: string;
  staffId: number;
  counterId: number | null;
  createdAt: number;
  expiresAt: number;
  revokedAt: number | null;
  /** Signed in with a published demo password on a hub the LAN can reach: only a password change is allowed. */
  mustChangePassword: boolean;
}

interface SessionRow {
  token_hash: string;
  staff_id: number;
  counter_id: number | null;
  created_at: number;
  expires_at: number;
  revoked_at: number | null;
  must_change_password: number;
}

function rowToSession(r: SessionRow): SessionRecord {
  return {
    tokenHash: r.token_hash,
    staffId: r.staff_id,
    counterId: r.counter_id,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
    mustChangePassword: r.must_change_password === 1,
  };
}

export function insertSession(db: Db, s: SessionRecord): void {
  command<[string, number, number | null, number, number, number | null, number]>(
    db,
    `INSERT INTO sessions (token_hash, staff_id, counter_id, created_at, expires_at, revoked_at, must_change_password)
      VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(s.tokenHash, s.staffId, s.counterId, s.createdAt, s.expiresAt, s.revokedAt, s.mustChangePassword ? 1 : 0);
}

export function getSession(db: ReadableDB, tokenHash: string): SessionRecord | undefined {
  const r = query<[string], SessionRow>(db, 'SELECT * FROM sessions WHERE token_hash = ?').get(tokenHash);
  return r && rowToSession(r);
}

/** Every live session of a member of staff may do nothing but change the password (a demo account on a hub the LAN reaches). */
export function requirePasswordChange(db: Db, staffId: number): number {
  return command<[number]>(
    db,
    'UPDATE sessions SET must_change_password = 1 WHERE staff_id = ? AND revoked_at IS NULL AND must_change_password = 0',
  ).run(staffId).changes;
}

export function setSessionCounter(db: Db, tokenHash: string, counterId: number | null): void {
  command<[number | null, string]>(db, 'UPDATE sessions SET counter_id = ? WHERE token_hash = ?').run(counterId, tokenHash);
}

export function revokeSession(db: Db, tokenHash: string, now: number): void {
  command<[number, string]>(db, 'UPDATE sessions SET revoked_at = ?, counter_id = NULL WHERE token_hash = ? AND revoked_at IS NULL').run(
    now,
    tokenHash,
  );
}

/** Sessions signed in to a counter and still valid at `now`. */
export function sessionsAtCounter(db: Db, counterId: number, now: number): SessionRecord[] {
  return query<[number, number], SessionRow>(db, 'SELECT * FROM sessions WHERE counter_id = ? AND revoked_at IS NULL AND expires_at > ?')
    .all(counterId, now)
    .map(rowToSession);
}

export function revokeSessionsOfStaff(db: Db, staffId: number, now: number): void {
  command<[number, number]>(db, 'UPDATE sessions SET revoked_at = ?, counter_id = NULL WHERE staff_id = ? AND revoked_at IS NULL').run(
    now,
    staffId,
  );
}

export function clearMustChangePassword(db: Db, tokenHash: string): void {
  command<[string]>(db, 'UPDATE sessions SET must_change_password = 0 WHERE token_hash = ?').run(tokenHash);
}

/** Ends every other session of a member of staff (after a password change). */
export function revokeOtherSessionsOfStaff(db: Db, staffId: number, keepTokenHash: string, now: number): void {
  command<[number, number, string]>(
    db,
    'UPDATE sessions SET revoked_at = ?, counter_id = NULL WHERE staff_id = ? AND token_hash <> ? AND revoked_at IS NULL',
  ).run(now, staffId, keepTokenHash);
}
