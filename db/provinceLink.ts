import { command, query, type Db, type ReadableDB } from './open.ts';

export interface ProvinceLinkRecord {
  url: string;
  siteId: number;
  siteName: string;
  token: string;
  ackedSeq: number;
  shareNames: boolean;
  configHash: string | null;
  joinedAt: number;
  lastPushAt: number | null;
  lastError: string | null;
  lastErrorAt: number | null;
  catalogueVersion: number | null;
  /** The hub journal's epoch at the province, and the chain at `ackedSeq` (null: not known yet). */
  epoch: string | null;
  chain: string | null;
  /** The latest recovery the province made of this journal (JSON of the contract's JournalRecovery). */
  recovery: string | null;
  /** The province found this journal under another site and took it over (JSON of the contract's JournalMove). */
  journalMove: string | null;
}

interface Row {
  url: string;
  site_id: number;
  site_name: string;
  token: string;
  acked_seq: number;
  share_names: number;
  config_hash: string | null;
  joined_at: number;
  last_push_at: number | null;
  last_error: string | null;
  last_error_at: number | null;
  catalogue_version: number | null;
  epoch: string | null;
  chain: string | null;
  recovery: string | null;
  journal_move: string | null;
}

export function getProvinceLink(db: ReadableDB): ProvinceLinkRecord | null {
  const r = query<[], Row>(db, 'SELECT * FROM province_link WHERE id = 1').get();
  return r
    ? {
        url: r.url,
        siteId: r.site_id,
        siteName: r.site_name,
        token: r.token,
        ackedSeq: r.acked_seq,
        shareNames: r.share_names === 1,
        configHash: r.config_hash,
        joinedAt: r.joined_at,
        lastPushAt: r.last_push_at,
        lastError: r.last_error,
        lastErrorAt: r.last_error_at,
        catalogueVersion: r.catalogue_version,
        epoch: r.epoch,
        chain: r.chain,
        recovery: r.recovery,
        journalMove: r.journal_move,
      }
    : null;
}

export function setProvinceLink(
  db: Db,
  l: Pick<ProvinceLinkRecord, 'url' | 'siteId' | 'siteName' | 'token' | 'shareNames' | 'joinedAt' | 'epoch' | 'chain'>,
): void {
  command<[string, number, string, string, number, number, string | null, string | null]>(
    db,
    `INSERT OR REPLACE INTO province_link (id, url, site_id, site_name, token, acked_seq, share_names, joined_at, epoch, chain)
      VALUES (1, ?, ?, ?, ?, 0, ?, ?, ?, ?)`,
  ).run(l.url, l.siteId, l.siteName, l.token, l.shareNames ? 1 : 0, l.joinedAt, l.epoch, l.chain);
}

export function dropProvinceLink(db: Db): void {
  command<[]>(db, 'DELETE FROM province_link').run();
}

export function setShareNames(db: Db, share: boolean): void {
  command<[number]>(db, 'UPDATE province_link SET share_names = ?, config_hash = NULL WHERE id = 1').run(share ? 1 : 0);
}

export function recordPush(db: Db, ackedSeq: number, chain: string, configHash: string | null, at: number): void {
  command<[number, string, string | null, number]>(
    db,
    'UPDATE province_link SET acked_seq = ?, chain = ?, config_hash = COALESCE(?, config_hash), last_push_at = ?, last_error = NULL WHERE id = 1',
  ).run(ackedSeq, chain, configHash, at);
}

/** Where the province stands, checked against this journal: its mark and the chain there. */
export function setMark(db: Db, ackedSeq: number, chain: string | null): void {
  command<[number, string | null]>(db, 'UPDATE province_link SET acked_seq = ?, chain = ? WHERE id = 1').run(ackedSeq, chain);
}

/** A new epoch the province took: send again from its mark; the recovery is kept for the manager. */
export function setEpoch(db: Db, epoch: string, ackedSeq: number, chain: string, recovery: string): void {
  command<[string, number, string, string]>(
    db,
    'UPDATE province_link SET epoch = ?, acked_seq = ?, chain = ?, recovery = ?, config_hash = NULL WHERE id = 1',
  ).run(epoch, ackedSeq, chain, recovery);
}

/**
 * The chain at every `every`th sequence, kept for good, and at each push's mark while it is among
 * the latest `recent` sequences: offered to the province when the two journals must find where
 * they part.
 */
export function saveCheckpoints(db: Db, points: readonly { seq: number; chain: string }[], every: number, recent: number): void {
  const put = command<[number, string]>(db, 'INSERT OR REPLACE INTO province_checkpoints (seq, chain) VALUES (?, ?)');
  for (const p of points) put.run(p.seq, p.chain);
  const last = points[points.length - 1];
  if (last && points.some((p) => p.seq % every === 0))
    command<[number, number]>(db, 'DELETE FROM province_checkpoints WHERE seq % ? <> 0 AND seq < ?').run(every, last.seq - recent);
}

/** The latest checkpoints at or below a sequence, newest first. */
export function checkpointsUpTo(db: ReadableDB, seq: number, limit: number): { seq: number; chain: string }[] {
  return query<[number, number], { seq: number; chain: string }>(
    db,
    'SELECT seq, chain FROM province_checkpoints WHERE seq <= ? ORDER BY seq DESC LIMIT ?',
  ).all(seq, limit);
}

export function setJournalMove(db: Db, move: string): void {
  command<[string]>(db, 'UPDATE province_link SET journal_move = ? WHERE id = 1').run(move);
}

export function recordPushError(db: Db, error: string, at: number): void {
  command<[string, number]>(db, 'UPDATE province_link SET last_error = ?, last_error_at = ? WHERE id = 1').run(error, at);
}

export function setAckedSeq(db: Db, ackedSeq: number): void {
  command<[number]>(db, 'UPDATE province_link SET acked_seq = ? WHERE id = 1').run(ackedSeq);
}

export function setCatalogueVersion(db: Db, version: number): void {
  command<[number]>(db, 'UPDATE province_link SET catalogue_version = ? WHERE id = 1').run(version);
}
