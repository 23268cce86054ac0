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
      }
    : null;
}

export function setProvinceLink(
  db: Db,
  l: Pick<ProvinceLinkRecord, 'url' | 'siteId' | 'siteName' | 'token' | 'shareNames' | 'joinedAt'>,
): void {
  command<[string, number, string, string, number, number]>(
    db,
    `INSERT OR REPLACE INTO province_link (id, url, site_id, site_name, token, acked_seq, share_names, joined_at)
      VALUES (1, ?, ?, ?, ?, 0, ?, ?)`,
  ).run(l.url, l.siteId, l.siteName, l.token, l.shareNames ? 1 : 0, l.joinedAt);
}

export function dropProvinceLink(db: Db): void {
  command<[]>(db, 'DELETE FROM province_link').run();
}

export function setShareNames(db: Db, share: boolean): void {
  command<[number]>(db, 'UPDATE province_link SET share_names = ?, config_hash = NULL WHERE id = 1').run(share ? 1 : 0);
}

export function recordPush(db: Db, ackedSeq: number, configHash: string | null, at: number): void {
  command<[number, string | null, number]>(
    db,
    'UPDATE province_link SET acked_seq = ?, config_hash = COALESCE(?, config_hash), last_push_at = ?, last_error = NULL WHERE id = 1',
  ).run(ackedSeq, configHash, at);
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
