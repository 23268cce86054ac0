import { stmt, type Db } from './open.ts';

export type StaffRoleName = 'admin' | 'manager' | 'officer';

export interface StaffRecord {
  id: number;
  username: string;
  fullName: string;
  role: StaffRoleName;
  active: boolean;
}

export interface StaffWithHash extends StaffRecord {
  passwordHash: string;
}

interface StaffRow {
  id: number;
  username: string;
  full_name: string;
  role: StaffRoleName;
  password_hash: string;
  active: number;
  created_at: number;
}

function rowToStaff(r: StaffRow): StaffWithHash {
  return { id: r.id, username: r.username, fullName: r.full_name, role: r.role, active: r.active === 1, passwordHash: r.password_hash };
}

/** Without the hash: what may leave the hub. */
export function publicStaff(s: StaffWithHash): StaffRecord {
  return { id: s.id, username: s.username, fullName: s.fullName, role: s.role, active: s.active };
}

export function listStaff(db: Db): StaffRecord[] {
  return (stmt(db, 'SELECT * FROM staff ORDER BY role, username').all() as StaffRow[]).map((r) => publicStaff(rowToStaff(r)));
}

export function getStaff(db: Db, id: number): StaffWithHash | undefined {
  const r = stmt(db, 'SELECT * FROM staff WHERE id = ?').get(id) as StaffRow | undefined;
  return r && rowToStaff(r);
}

export function getStaffByUsername(db: Db, username: string): StaffWithHash | undefined {
  const r = stmt(db, 'SELECT * FROM staff WHERE username = ?').get(username) as StaffRow | undefined;
  return r && rowToStaff(r);
}

export function insertStaff(db: Db, s: Omit<StaffWithHash, 'id'>, now: number): StaffRecord {
  const info = stmt(
    db,
    `INSERT INTO staff (username, full_name, role, password_hash, active, created_at)
      VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(s.username, s.fullName, s.role, s.passwordHash, s.active ? 1 : 0, now);
  return publicStaff({ ...s, id: Number(info.lastInsertRowid) });
}

export function updateStaff(db: Db, s: StaffWithHash): void {
  stmt(db, 'UPDATE staff SET username = ?, full_name = ?, role = ?, password_hash = ?, active = ? WHERE id = ?').run(
    s.username,
    s.fullName,
    s.role,
    s.passwordHash,
    s.active ? 1 : 0,
    s.id,
  );
}

export function countActiveAdmins(db: Db): number {
  return (stmt(db, "SELECT COUNT(*) AS n FROM staff WHERE role = 'admin' AND active = 1").get() as { n: number }).n;
}

export function countStaff(db: Db): number {
  return (stmt(db, 'SELECT COUNT(*) AS n FROM staff').get() as { n: number }).n;
}

export function setPasswordHash(db: Db, staffId: number, passwordHash: string): void {
  stmt(db, 'UPDATE staff SET password_hash = ? WHERE id = ?').run(passwordHash, staffId);
}
