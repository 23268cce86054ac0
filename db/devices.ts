import { command, fromJson, query, storageFaultOf, type Db, type ReadableDB } from './open.ts';

export type DeviceKindName = 'kiosk' | 'display' | 'rating' | 'counter_board';

export interface DeviceRecord {
  id: number;
  kind: DeviceKindName;
  name: string;
  counterId: number | null;
  paired: boolean;
  pairedAt: number | null;
  lastSeenAt: number | null;
  revoked: boolean;
  /** The printer's settings as stored (JSON-decoded), or null. */
  printer: unknown;
  printerStatus: { ok: boolean; fault: string | null; paperLow?: boolean; at: number } | null;
}

interface DeviceRow {
  id: number;
  kind: DeviceKindName;
  name: string;
  counter_id: number | null;
  token_hash: string | null;
  paired_at: number | null;
  last_seen_at: number | null;
  revoked_at: number | null;
  created_at: number;
  printer_config: string | null;
  printer_status: string | null;
  printer_status_at: number | null;
}

function rowToDevice(r: DeviceRow): DeviceRecord {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    counterId: r.counter_id,
    paired: r.token_hash !== null,
    pairedAt: r.paired_at,
    lastSeenAt: r.last_seen_at,
    revoked: r.revoked_at !== null,
    printer: r.printer_config === null ? null : fromJson(r.printer_config),
    // written by setPrinterStatus below, from this same shape
    printerStatus:
      r.printer_status === null || r.printer_status_at === null
        ? null
        : { ...(JSON.parse(r.printer_status) as { ok: boolean; fault: string | null; paperLow?: boolean }), at: r.printer_status_at },
  };
}

export function listDevices(db: ReadableDB): DeviceRecord[] {
  return query<[], DeviceRow>(db, 'SELECT * FROM devices ORDER BY kind, name').all().map(rowToDevice);
}

export function getDevice(db: ReadableDB, id: number): DeviceRecord | undefined {
  const r = query<[number], DeviceRow>(db, 'SELECT * FROM devices WHERE id = ?').get(id);
  return r && rowToDevice(r);
}

/** A paired, not revoked device holding this token. */
export function getDeviceByToken(db: Db, tokenHash: string): DeviceRecord | undefined {
  const r = query<[string], DeviceRow>(db, 'SELECT * FROM devices WHERE token_hash = ? AND revoked_at IS NULL').get(tokenHash);
  return r && rowToDevice(r);
}

export function insertDevice(db: Db, d: { kind: DeviceKindName; name: string; counterId: number | null }, now: number): number {
  return Number(
    command<[string, string, number | null, number]>(
      db,
      'INSERT INTO devices (kind, name, counter_id, created_at) VALUES (?, ?, ?, ?)',
    ).run(d.kind, d.name, d.counterId, now).lastInsertRowid,
  );
}

export function setDeviceToken(db: Db, id: number, tokenHash: string, now: number): void {
  command<[string, number, number]>(db, 'UPDATE devices SET token_hash = ?, paired_at = ?, revoked_at = NULL WHERE id = ?').run(
    tokenHash,
    now,
    id,
  );
}

export function revokeDevice(db: Db, id: number, now: number): void {
  command<[number, number]>(db, 'UPDATE devices SET revoked_at = ?, token_hash = NULL WHERE id = ?').run(now, id);
  command<[number]>(db, 'DELETE FROM pairing_codes WHERE device_id = ?').run(id);
}

/**
 * A device's last contact is a hint, written on the side of whatever request or heartbeat brought
 * it: on a disk that takes no writes (full, read-only) it is skipped, so a display still reads the
 * floor and a socket's heartbeat never throws.
 */
export function touchDevice(db: Db, id: number, now: number): void {
  try {
    command<[number, number]>(db, 'UPDATE devices SET last_seen_at = ? WHERE id = ?').run(now, id);
  } catch (err) {
    if (storageFaultOf(err) === null) throw err;
  }
}

export function insertPairingCode(db: Db, code: string, deviceId: number, expiresAt: number): void {
  command<[number]>(db, 'DELETE FROM pairing_codes WHERE device_id = ?').run(deviceId);
  command<[string, number, number]>(db, 'INSERT INTO pairing_codes (code, device_id, expires_at) VALUES (?, ?, ?)').run(
    code,
    deviceId,
    expiresAt,
  );
}

/** Marks an unused, unexpired code used and returns its device id, or undefined. */
export function consumePairingCode(db: Db, code: string, now: number): number | undefined {
  const r = query<[string, number], { device_id: number }>(
    db,
    'SELECT device_id FROM pairing_codes WHERE code = ? AND used_at IS NULL AND expires_at > ?',
  ).get(code, now);
  if (!r) return undefined;
  command<[number, string]>(db, 'UPDATE pairing_codes SET used_at = ? WHERE code = ?').run(now, code);
  return r.device_id;
}

export function setPrinterConfig(db: Db, id: number, config: unknown): void {
  command<[string | null, number]>(db, 'UPDATE devices SET printer_config = ? WHERE id = ?').run(
    config === null ? null : JSON.stringify(config),
    id,
  );
}

export function setPrinterStatus(db: Db, id: number, status: { ok: boolean; fault: string | null; paperLow?: boolean }, at: number): void {
  command<[string, number, number]>(db, 'UPDATE devices SET printer_status = ?, printer_status_at = ? WHERE id = ?').run(
    JSON.stringify(status),
    at,
    id,
  );
}

/** Devices whose printer the hub itself drives. */
export function devicesWithPrinters(db: Db): DeviceRecord[] {
  return query<[], DeviceRow>(db, 'SELECT * FROM devices WHERE printer_config IS NOT NULL AND revoked_at IS NULL').all().map(rowToDevice);
}
