import { aggregate, command, query, type Db, type ReadableDB } from './open.ts';

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

export function listStaff(db: ReadableDB): StaffRecord[] {
  return query<[], StaffRow>(db, 'SELECT * FROM staff ORDER BY role, username')
    .all()
    .map((r) => publicStaff(rowToStaff(r)));
}

export function getStaff(db: ReadableDB, id: number): StaffWithHash | undefined {
  const r = query<[number], StaffRow>(db, 'SELECT * FROM staff WHERE id = ?').get(id);
  return r && rowToStaff(r);
}

export function getStaffByUsername(db: ReadableDB, username: string): StaffWithHash | undefined {
  const r = query<[string], StaffRow>(db, 'SELECT * FROM staff WHERE username = ?').get(username);
  return r && rowToStaff(r);
}

export function insertStaff(db: Db, s: Omit<StaffWithHash, 'id'>, now: number): StaffRecord {
  const info = command<[string, string, string, string, number, number]>(
    db,
    `INSERT INTO staff (username, full_name, role, password_hash, active, created_at)
      VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(s.username, s.fullName, s.role, s.passwordHash, s.active ? 1 : 0, now);
  return publicStaff({ ...s, id: Number(info.lastInsertRowid) });
}

export function updateStaff(db: Db, s: StaffWithHash): void {
  command<[string, string, string, string, number, number]>(
    db,
    'UPDATE staff SET username = ?, full_name = ?, role = ?, password_hash = ?, active = ? WHERE id = ?',
  ).run(s.username, s.fullName, s.role, s.passwordHash, s.active ? 1 : 0, s.id);
}

export function countActiveAdmins(db: ReadableDB): number {
  return aggregate<[], { n: number }>(db, "SELECT COUNT(*) AS n FROM staff WHERE role = 'admin' AND active = 1").get().n;
}

export function countStaff(db: ReadableDB): number {
  return aggregate<[], { n: number }>(db, 'SELECT COUNT(*) AS n FROM staff').get().n;
}

export function setPasswordHash(db: Db, staffId: number, passwordHash: string): void {
  command<[string, number]>(db, 'UPDATE staff SET password_hash = ? WHERE id = ?').run(passwordHash, staffId);
}
