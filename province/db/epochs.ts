// The SQL of a center's journal epochs: the chain at the site's mark, the checkpoints, and the
// recovery when a center's journal could not continue what the province held.
import type { JournalMove, JournalRecovery, LostTicket } from '../../main/contract/index.ts';
import { CHECKPOINT_EVERY, RECENT_MARKS } from '../../main/base/journalChain.ts';
import type { Client, Pool } from './pool.ts';

export interface SiteChain {
  epochNo: number;
  epochId: string | null;
  /** The chain at the site's mark; null where the province does not know it. */
  chain: string | null;
}

/** Call with the site's row locked (lockSite). */
export async function siteChain(c: Client, siteId: number): Promise<SiteChain> {
  const r = await c.query<{ epoch_no: number; epoch_id: string | null; chain: string | null }>(
    'SELECT epoch_no, epoch_id, chain FROM sites WHERE id = $1',
    [siteId],
  );
  // the caller holds the site's row locked (lockSite): it exists
  const row = r.rows[0]!;
  return { epochNo: row.epoch_no, epochId: row.epoch_id, chain: row.chain };
}

export async function setSiteChain(c: Client, siteId: number, chain: string | null, epochId: string | null): Promise<void> {
  await c.query('UPDATE sites SET chain = $2, epoch_id = COALESCE($3, epoch_id) WHERE id = $1', [siteId, chain, epochId]);
}

/**
 * The chain at every 256th sequence, kept for good, and at each push's mark, kept while recent:
 * a hub restored from a recent backup offers the mark it had, and the province finds it exactly.
 */
export async function saveCheckpoints(
  c: Client,
  siteId: number,
  points: readonly { seq: number; chain: string }[],
  prune: boolean,
): Promise<void> {
  if (points.length === 0) return;
  // A push ending on a 256th sequence names it twice (kept checkpoint and mark); one INSERT may
  // touch a row once, so the last naming wins.
  const bySeq = new Map(points.map((p) => [p.seq, p.chain]));
  await c.query(
    `INSERT INTO site_checkpoints (site_id, seq, chain) SELECT $1, * FROM unnest($2::bigint[], $3::text[])
      ON CONFLICT (site_id, seq) DO UPDATE SET chain = EXCLUDED.chain`,
    [siteId, [...bySeq.keys()], [...bySeq.values()]],
  );
  if (prune)
    await c.query('DELETE FROM site_checkpoints WHERE site_id = $1 AND seq % $3 <> 0 AND seq < $2', [
      siteId,
      // points is not empty: returned above when it is
      points[points.length - 1]!.seq - RECENT_MARKS,
      CHECKPOINT_EVERY,
    ]);
}

/** The highest of the center's checkpoints the province holds alike (0: none). */
export async function commonCheckpoint(
  c: Client,
  siteId: number,
  upTo: number,
  points: readonly { seq: number; chain: string }[],
): Promise<number> {
  if (points.length === 0) return 0;
  const r = await c.query<{ seq: string | null }>(
    `SELECT max(k.seq) AS seq FROM site_checkpoints k JOIN unnest($2::bigint[], $3::text[]) AS h(seq, chain)
      ON h.seq = k.seq AND h.chain = k.chain WHERE k.site_id = $1 AND k.seq <= $4`,
    [siteId, points.map((p) => p.seq), points.map((p) => p.chain), upTo],
  );
  return Number(r.rows[0]?.seq ?? 0);
}

/**
 * Starts a new epoch for a site whose center's journal parted from what the province held after
 * `common`. Counting is by service day: every ticket of the first day the parted events touch, and
 * of the days after, is taken out of the figures with the days' aggregates, and the center sends
 * its journal again from the first event of those tickets (tickets of earlier days keep their
 * state: the events sent again for them change nothing). The parted events stay, aside.
 */
// \`seq / 1024\` finds a site's sequences by the events' index (blocks of 1,024, see schema.ts).
export async function startEpoch(
  c: Client,
  siteId: number,
  e: { epochId: string; common: number; provinceHad: number; oldEpochNo: number; now: number },
): Promise<JournalRecovery> {
  const touched = `SELECT DISTINCT ticket_id FROM events WHERE site_id = $1 AND seq / 1024 >= $2::bigint / 1024 AND seq > $2 AND ticket_id IS NOT NULL`;
  const firstDay = (
    await c.query<{ day: string | null }>(
      `SELECT to_char(min(service_day), 'YYYY-MM-DD') AS day FROM tickets WHERE site_id = $1 AND ticket_id IN (${touched})`,
      [siteId, e.common],
    )
  ).rows[0]?.day;
  let resentFrom = e.common + 1;
  if (firstDay) {
    const r = await c.query<{ seq: string | null }>(
      `SELECT min(ev.seq) AS seq FROM events ev JOIN tickets t ON t.site_id = ev.site_id AND t.ticket_id = ev.ticket_id
        WHERE ev.site_id = $1 AND ev.type = 'ticket:issued' AND ev.seq <= $2 AND t.service_day >= $3
          AND ev.at >= (SELECT min(issued_at) FROM tickets WHERE site_id = $1 AND service_day >= $3)`,
      [siteId, e.common, firstDay],
    );
    if (r.rows[0]?.seq !== null && r.rows[0]?.seq !== undefined) resentFrom = Math.min(resentFrom, Number(r.rows[0].seq));
  }
  const lostRows = await c.query<{ ticket_id: string; number: number; day: string; issued_at: string; status: string; n: string }>(
    `SELECT ticket_id, number, to_char(service_day, 'YYYY-MM-DD') AS day, issued_at, status, count(*) OVER () AS n
      FROM tickets WHERE site_id = $1
        AND ticket_id IN (SELECT ticket_id FROM events WHERE site_id = $1 AND seq / 1024 >= $2::bigint / 1024 AND seq > $2 AND type = 'ticket:issued')
      ORDER BY issued_at, ticket_id LIMIT 200`,
    [siteId, e.common],
  );
  const lost: LostTicket[] = lostRows.rows.map((r) => ({
    ticketId: Number(r.ticket_id),
    number: r.number,
    serviceDay: r.day,
    issuedAt: Number(r.issued_at),
    status: r.status,
  }));
  const lostCount = Number(lostRows.rows[0]?.n ?? 0);
  // Counters the parted events moved: their state is the center's again once it says so.
  await c.query(
    `DELETE FROM counters_now WHERE site_id = $1 AND counter_id IN
      (SELECT counter_id FROM events WHERE site_id = $1 AND seq / 1024 >= $2::bigint / 1024 AND seq > $2 AND counter_id IS NOT NULL AND type::text LIKE 'counter:%')`,
    [siteId, e.common],
  );
  await c.query(
    `WITH moved AS (DELETE FROM events ev WHERE ev.site_id = $1 AND ev.seq / 1024 >= $2::bigint / 1024 AND ev.seq >= $2 RETURNING ev.*)
      INSERT INTO superseded_events (site_id, epoch_no, seq, at, ticket_id, type, row)
      SELECT site_id, $3, seq, at, ticket_id, type::text, to_jsonb(moved) FROM moved`,
    [siteId, resentFrom, e.oldEpochNo],
  );
  if (firstDay) {
    await c.query('DELETE FROM tickets WHERE site_id = $1 AND service_day >= $2', [siteId, firstDay]);
    await c.query('DELETE FROM agg_group WHERE site_id = $1 AND day >= $2', [siteId, firstDay]);
    await c.query('DELETE FROM agg_site_day WHERE site_id = $1 AND day >= $2', [siteId, firstDay]);
  }
  await c.query('DELETE FROM site_checkpoints WHERE site_id = $1 AND seq >= $2', [siteId, resentFrom]);
  const epochNo = e.oldEpochNo + 1;
  await c.query('UPDATE sites SET epoch_no = $2, epoch_id = $3, acked_seq = $4, chain = NULL WHERE id = $1', [
    siteId,
    epochNo,
    e.epochId,
    resentFrom - 1,
  ]);
  const recovery: JournalRecovery = {
    epochNo,
    at: e.now,
    commonSeq: e.common,
    provinceHad: e.provinceHad,
    resentFrom,
    lostCount,
    lost,
  };
  await c.query(
    `INSERT INTO site_epochs (site_id, epoch_no, epoch_id, at, common_seq, province_had, resent_from, lost_count, lost)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb)`,
    [siteId, epochNo, e.epochId, e.now, e.common, e.provinceHad, resentFrom, lostCount, JSON.stringify(lost)],
  );
  return recovery;
}

/** Each site's latest recovery, if any. */
export async function latestRecoveries(pool: Pool, siteId: number | null): Promise<Map<number, JournalRecovery>> {
  const r = await pool.query<{
    site_id: number;
    epoch_no: number;
    at: string;
    common_seq: string;
    province_had: string;
    resent_from: string;
    lost_count: number;
    lost: LostTicket[];
  }>(
    `SELECT DISTINCT ON (site_id) site_id, epoch_no, at, common_seq, province_had, resent_from, lost_count, lost
      FROM site_epochs WHERE ($1::int IS NULL OR site_id = $1) ORDER BY site_id, epoch_no DESC`,
    [siteId],
  );
  return new Map(
    r.rows.map((x) => [
      x.site_id,
      {
        epochNo: x.epoch_no,
        at: Number(x.at),
        commonSeq: Number(x.common_seq),
        provinceHad: Number(x.province_had),
        resentFrom: Number(x.resent_from),
        lostCount: x.lost_count,
        lost: x.lost,
      },
    ]),
  );
}

/**
 * Another site that holds this journal: one whose checkpoints (every 256th sequence, and its
 * recent marks) have the chain a new site's first push computes at that sequence. `spans` gives
 * the chain after each kept event, holding from its sequence to the next one's. A site already
 * moved is not looked at (its journal lives elsewhere); a revoked one is, as its figures still count.
 */
export async function journalHeldElsewhere(
  c: Client,
  siteId: number,
  spans: readonly { lo: number; hi: number; chain: string }[],
): Promise<{ siteId: number; seq: number } | null> {
  if (spans.length === 0) return null;
  const r = await c.query<{ site_id: number; seq: string }>(
    `SELECT k.site_id, k.seq FROM site_checkpoints k
      JOIN unnest($2::bigint[], $3::bigint[], $4::text[]) AS h(lo, hi, chain) ON k.chain = h.chain AND k.seq BETWEEN h.lo AND h.hi
      JOIN sites s ON s.id = k.site_id AND s.moved_to IS NULL
      WHERE k.site_id <> $1 ORDER BY k.seq DESC, k.site_id DESC LIMIT 1`,
    [siteId, spans.map((p) => p.lo), spans.map((p) => p.hi), spans.map((p) => p.chain)],
  );
  const row = r.rows[0];
  return row ? { siteId: row.site_id, seq: Number(row.seq) } : null;
}

/**
 * The journal moves from one site to another (the center's hub joined again to a new site): the
 * old site counts no more, and its token stops (its hub holds the new one).
 */
export async function moveJournal(c: Client, fromId: number, toId: number, seq: number, now: number): Promise<void> {
  await c.query('UPDATE sites SET moved_to = $2, moved_at = $3, moved_seq = $4, token_hash = NULL WHERE id = $1', [fromId, toId, now, seq]);
}

/** Each site whose journal moved away, or that took one over (the latest), with what happened. */
export async function journalMoves(db: Pool | Client, siteId: number | null): Promise<Map<number, JournalMove>> {
  const r = await db.query<{ from_id: number; from_name: string; to_id: number; to_name: string; at: string; acked: string }>(
    `SELECT f.id AS from_id, f.name AS from_name, t.id AS to_id, t.name AS to_name, f.moved_at AS at, f.acked_seq AS acked
      FROM sites f JOIN sites t ON t.id = f.moved_to
      WHERE $1::int IS NULL OR f.id = $1 OR t.id = $1 ORDER BY f.moved_at, f.id`,
    [siteId],
  );
  const out = new Map<number, JournalMove>();
  for (const x of r.rows) {
    const move: JournalMove = {
      fromSiteId: x.from_id,
      fromSiteName: x.from_name,
      toSiteId: x.to_id,
      toSiteName: x.to_name,
      at: Number(x.at),
      fromAckedSeq: Number(x.acked),
    };
    out.set(x.from_id, move);
    out.set(x.to_id, move); // the latest move to a site wins
  }
  return out;
}

/** Sites whose journal moved to another: their figures are counted there. */
export async function movedSites(pool: Pool): Promise<Set<number>> {
  return new Set((await pool.query<{ id: number }>('SELECT id FROM sites WHERE moved_to IS NOT NULL')).rows.map((r) => r.id));
}
