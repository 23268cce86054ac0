// Sites, their join codes and tokens, the province's staff and sessions, and the live table.
import type { SiteConfig, SiteLevel } from '../../main/contract/index.ts';
import { inTransaction, type Client, type Pool } from './pool.ts';

export interface SiteRecord {
  id: number;
  name: string;
  level: SiteLevel;
  district: string;
  joined: boolean;
  revoked: boolean;
  lastContactAt: number | null;
  ackedSeq: number;
  config: SiteConfig | null;
  /** The center's journal epoch the province follows, and the chain at the mark (main/base/journalChain.ts). */
  epochId: string | null;
  chain: string | null;
}

interface SiteRow {
  id: number;
  name: string;
  level: SiteLevel;
  district: string;
  token_hash: string | null;
  revoked_at: string | null;
  last_contact_at: string | null;
  acked_seq: string;
  config: SiteConfig | null;
  epoch_id: string | null;
  chain: string | null;
}
const toSite = (r: SiteRow): SiteRecord => ({
  id: r.id,
  name: r.name,
  level: r.level,
  district: r.district,
  joined: r.token_hash !== null,
  revoked: r.revoked_at !== null,
  lastContactAt: r.last_contact_at === null ? null : Number(r.last_contact_at),
  ackedSeq: Number(r.acked_seq),
  config: r.config,
  epochId: r.epoch_id,
  chain: r.chain,
});

export async function createSite(pool: Pool, s: { name: string; level: SiteLevel; district: string }, now: number): Promise<SiteRecord> {
  const r = await pool.query<SiteRow>('INSERT INTO sites (name, level, district, created_at) VALUES ($1, $2, $3, $4) RETURNING *', [
    s.name,
    s.level,
    s.district,
    now,
  ]);
  // INSERT … RETURNING gives the one row it inserted
  return toSite(r.rows[0]!);
}

export async function listSites(pool: Pool): Promise<SiteRecord[]> {
  return (await pool.query<SiteRow>('SELECT * FROM sites ORDER BY id')).rows.map(toSite);
}

export async function getSite(pool: Pool, id: number): Promise<SiteRecord | undefined> {
  const r = await pool.query<SiteRow>('SELECT * FROM sites WHERE id = $1', [id]);
  return r.rows[0] && toSite(r.rows[0]);
}

export async function siteByToken(pool: Pool, tokenHash: string): Promise<SiteRecord | undefined> {
  const r = await pool.query<SiteRow>('SELECT * FROM sites WHERE token_hash = $1 AND revoked_at IS NULL', [tokenHash]);
  return r.rows[0] && toSite(r.rows[0]);
}

export async function addJoinCode(pool: Pool, siteId: number, codeHash: string, expiresAt: number): Promise<void> {
  await pool.query('DELETE FROM join_codes WHERE site_id = $1', [siteId]);
  await pool.query('INSERT INTO join_codes (code_hash, site_id, expires_at) VALUES ($1, $2, $3)', [codeHash, siteId, expiresAt]);
}

/**
 * Uses a join code once: the site gets its token (a new one replaces any earlier). A site whose
 * journal moved to another starts afresh in the same transaction: what it held is counted at the
 * new site, so its events are set aside (kept for audit) and its tickets, figures and marks go,
 * and the hub that joins it now sends its journal from the start and is counted here again.
 */
export async function joinWithCode(pool: Pool, codeHash: string, tokenHash: string, now: number): Promise<SiteRecord | undefined> {
  return inTransaction(pool, async (c) => {
    const used = await c.query<{ site_id: number; moved: boolean; epoch_no: number }>(
      `WITH used AS (DELETE FROM join_codes WHERE code_hash = $1 AND expires_at > $2 RETURNING site_id)
        SELECT s.id AS site_id, s.moved_to IS NOT NULL AS moved, s.epoch_no FROM sites s WHERE s.id = (SELECT site_id FROM used) FOR UPDATE`,
      [codeHash, now],
    );
    const site = used.rows[0];
    if (!site) return undefined;
    if (site.moved) await startAfresh(c, site.site_id, site.epoch_no);
    const r = await c.query<SiteRow>(
      'UPDATE sites SET token_hash = $2, joined_at = $3, revoked_at = NULL, last_contact_at = $3 WHERE id = $1 RETURNING *',
      [site.site_id, tokenHash, now],
    );
    return r.rows[0] && toSite(r.rows[0]);
  });
}

/** A moved site as a new one: no journal, no mark, no epoch, nothing counted; its old events kept aside. */
async function startAfresh(c: Client, siteId: number, epochNo: number): Promise<void> {
  await c.query(
    `WITH gone AS (DELETE FROM events ev WHERE ev.site_id = $1 RETURNING ev.*)
      INSERT INTO superseded_events (site_id, epoch_no, seq, at, ticket_id, type, row)
      SELECT site_id, $2, seq, at, ticket_id, type::text, to_jsonb(gone) FROM gone`,
    [siteId, epochNo],
  );
  for (const table of ['tickets', 'agg_group', 'agg_site_day', 'counters_now', 'site_checkpoints'] as const)
    await c.query(`DELETE FROM ${table} WHERE site_id = $1`, [siteId]);
  await c.query(
    `UPDATE sites SET moved_to = NULL, moved_at = NULL, moved_seq = NULL, acked_seq = 0, chain = NULL, epoch_id = NULL
      WHERE id = $1`,
    [siteId],
  );
}

export async function revokeSite(pool: Pool, id: number, now: number): Promise<boolean> {
  const r = await pool.query('UPDATE sites SET revoked_at = $2, token_hash = NULL WHERE id = $1', [id, now]);
  await pool.query('DELETE FROM join_codes WHERE site_id = $1', [id]);
  return (r.rowCount ?? 0) > 0;
}

// ---- staff ----

export async function countStaff(pool: Pool): Promise<number> {
  // count(*) always returns one row
  return Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM province_staff')).rows[0]!.n);
}

export async function addStaff(pool: Pool, s: { username: string; fullName: string; role: string; passwordHash: string }): Promise<void> {
  await pool.query('INSERT INTO province_staff (username, full_name, role, password_hash) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [
    s.username,
    s.fullName,
    s.role,
    s.passwordHash,
  ]);
}

/**
 * The first province-admin of an empty province, or null when one already exists: the table is
 * locked for the check, so two setup forms sent at once (to one server or two) make one account.
 */
export async function addFirstStaff(
  pool: Pool,
  s: { username: string; fullName: string; role: string; passwordHash: string },
): Promise<number | null> {
  return inTransaction(pool, async (client) => {
    await client.query('LOCK TABLE province_staff IN EXCLUSIVE MODE');
    const r = await client.query<{ id: number }>(
      `INSERT INTO province_staff (username, full_name, role, password_hash)
         SELECT $1, $2, $3, $4 WHERE NOT EXISTS (SELECT 1 FROM province_staff) RETURNING id`,
      [s.username, s.fullName, s.role, s.passwordHash],
    );
    return r.rows[0]?.id ?? null;
  });
}

/** Every live session of the account may now do nothing but change its password; how many there were. */
export async function requirePasswordChange(pool: Pool, staffId: number): Promise<number> {
  const r = await pool.query('UPDATE province_sessions SET must_change_password = true WHERE staff_id = $1 AND NOT must_change_password', [
    staffId,
  ]);
  return r.rowCount ?? 0;
}

export async function staffByUsername(
  pool: Pool,
  username: string,
): Promise<{ id: number; fullName: string; role: 'province-admin' | 'province-viewer'; passwordHash: string } | undefined> {
  const r = await pool.query<{ id: number; full_name: string; role: 'province-admin' | 'province-viewer'; password_hash: string }>(
    'SELECT id, full_name, role, password_hash FROM province_staff WHERE username = $1',
    [username],
  );
  const s = r.rows[0];
  return s && { id: s.id, fullName: s.full_name, role: s.role, passwordHash: s.password_hash };
}

export async function addSession(
  pool: Pool,
  tokenHash: string,
  staffId: number,
  expiresAt: number,
  mustChangePassword: boolean,
): Promise<void> {
  await pool.query('INSERT INTO province_sessions (token_hash, staff_id, expires_at, must_change_password) VALUES ($1, $2, $3, $4)', [
    tokenHash,
    staffId,
    expiresAt,
    mustChangePassword,
  ]);
}

export async function sessionOf(
  pool: Pool,
  tokenHash: string,
  now: number,
): Promise<{ role: 'province-admin' | 'province-viewer'; mustChangePassword: boolean } | undefined> {
  const r = await pool.query<{ role: 'province-admin' | 'province-viewer'; must_change_password: boolean }>(
    `SELECT s.role, x.must_change_password FROM province_sessions x JOIN province_staff s ON s.id = x.staff_id
      WHERE x.token_hash = $1 AND x.expires_at > $2`,
    [tokenHash, now],
  );
  const x = r.rows[0];
  return x && { role: x.role, mustChangePassword: x.must_change_password };
}

// ---- the live table ----

export interface LiveRow {
  siteId: number;
  waiting: number;
  longestWaitSince: number | null;
  openCounters: number;
  issued: number;
  served: number;
  levels: number[];
}

/** Per site, now: the waiting line of `today`, open counters, today's aggregates. */
export async function liveRows(pool: Pool, today: string, siteId: number | null): Promise<LiveRow[]> {
  const r = await pool.query<{
    id: number;
    waiting: string;
    oldest: string | null;
    open: string;
    issued: number | null;
    served: number | null;
    levels: number[] | null;
  }>(
    `SELECT s.id,
        (SELECT count(*) FROM tickets t WHERE t.site_id = s.id AND t.service_day = $1 AND t.status = 'waiting') AS waiting,
        (SELECT min(issued_at) FROM tickets t WHERE t.site_id = s.id AND t.service_day = $1 AND t.status = 'waiting') AS oldest,
        (SELECT count(*) FROM counters_now c WHERE c.site_id = s.id AND c.state = 'open') AS open,
        d.issued, d.served, d.levels
      FROM sites s LEFT JOIN agg_site_day d ON d.site_id = s.id AND d.day = $1
      WHERE ($2::int IS NULL OR s.id = $2) ORDER BY s.id`,
    [today, siteId],
  );
  return r.rows.map((x) => ({
    siteId: x.id,
    waiting: Number(x.waiting),
    longestWaitSince: x.oldest === null ? null : Number(x.oldest),
    openCounters: Number(x.open),
    issued: x.issued ?? 0,
    served: x.served ?? 0,
    levels: x.levels ?? [],
  }));
}

/** Today's oldest waiting ticket per site and field, for the wait-over-target alert. */
export async function oldestWaitingByField(pool: Pool, today: string): Promise<{ siteId: number; fieldId: number; oldest: number }[]> {
  const r = await pool.query<{ site_id: number; field_id: number; oldest: string }>(
    `SELECT site_id, field_id, min(issued_at) AS oldest FROM tickets WHERE service_day = $1 AND status = 'waiting' GROUP BY site_id, field_id`,
    [today],
  );
  return r.rows.map((x) => ({ siteId: x.site_id, fieldId: x.field_id, oldest: Number(x.oldest) }));
}

// ---- the field catalogue ----

export async function publishCatalogue(pool: Pool, fields: unknown, now: number): Promise<number> {
  const r = await pool.query<{ version: number }>('INSERT INTO catalogue (published_at, fields) VALUES ($1, $2::jsonb) RETURNING version', [
    now,
    JSON.stringify(fields),
  ]);
  // INSERT … RETURNING gives the one row it inserted
  return r.rows[0]!.version;
}

export async function latestCatalogue(pool: Pool): Promise<{ version: number; publishedAt: number; fields: unknown } | null> {
  const r = await pool.query<{ version: number; published_at: string; fields: unknown }>(
    'SELECT version, published_at, fields FROM catalogue ORDER BY version DESC LIMIT 1',
  );
  const c = r.rows[0];
  return c ? { version: c.version, publishedAt: Number(c.published_at), fields: c.fields } : null;
}

export async function acceptCatalogue(pool: Pool, siteId: number, version: number): Promise<void> {
  await pool.query('UPDATE sites SET catalogue_accepted = $2 WHERE id = $1', [siteId, version]);
}

export async function cataloguesAccepted(pool: Pool): Promise<Map<number, number | null>> {
  const r = await pool.query<{ id: number; catalogue_accepted: number | null }>('SELECT id, catalogue_accepted FROM sites');
  return new Map(r.rows.map((x) => [x.id, x.catalogue_accepted]));
}

export async function setStaffPassword(pool: Pool, staffId: number, passwordHash: string): Promise<void> {
  await pool.query('UPDATE province_staff SET password_hash = $2 WHERE id = $1', [staffId, passwordHash]);
  await pool.query('DELETE FROM province_sessions WHERE staff_id = $1', [staffId]);
}

export async function sessionStaff(pool: Pool, tokenHash: string, now: number): Promise<{ id: number; username: string } | undefined> {
  const r = await pool.query<{ id: number; username: string }>(
    'SELECT s.id, s.username FROM province_sessions x JOIN province_staff s ON s.id = x.staff_id WHERE x.token_hash = $1 AND x.expires_at > $2',
    [tokenHash, now],
  );
  return r.rows[0];
}
