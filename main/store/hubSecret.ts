// The hub's own secret: it signs ticket codes (printed QR, and later the phone link) and keys the
// hashes of scanned codes. Made once, kept in settings, so codes printed yesterday still read today.
import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/open.ts';
import { readSettings, writeSettings } from '../../db/settings.ts';
import type { Journal } from './journal.ts';

export function loadHubSecret(db: Db, journal: Journal): string {
  const stored = readSettings(db).hubSecret;
  if (typeof stored === 'string' && stored.length >= 32) return stored;
  const secret = randomBytes(32).toString('hex');
  journal.write(() => writeSettings(db, { hubSecret: secret }));
  return secret;
}
