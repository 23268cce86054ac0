import { randomBytes, scrypt, timingSafeEqual, createHash } from 'node:crypto';
import { randomSafe, SAFE_LETTERS } from '../../hardware/scanner/safeCodes.ts';

// scrypt from Node's own crypto: memory-hard, no native dependency to build for Electron.
const N = 16384;
const R = 8;
const P = 1;
const KEYLEN = 32;

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEYLEN, { N: n, r, p, maxmem: 64 * 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

/** `scrypt$N$r$p$salt$hash`, base64url parts: the parameters travel with the hash. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, N, R, P);
  return ['scrypt', N, R, P, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await derive(password, Buffer.from(salt, 'base64url'), Number(n), Number(r), Number(p));
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A bearer token for a session or a device; only its hash is stored. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

// Letters UniKey (Telex or VNI) leaves as typed, on a PC where the code is typed or scanned: no
// vowel, none of w d s f r x j z (../../hardware/scanner/safeCodes.ts); and no 0 or 1, read aloud
// across a hall. 20 characters: 10 of them (43 bits) for a pairing code, as 8 of the old 32 gave 40.
const CODE_ALPHABET = `${SAFE_LETTERS}23456789`;

export function newPairingCode(length = 10): string {
  return randomSafe(length, CODE_ALPHABET);
}
