// Characters a keyboard-wedge scanner can type through UniKey (Telex or VNI, spell check on or
// off) and arrive unchanged. Telex rewrites vowels (aa→â, ow→ơ…), w, dd, and s f r x j z after a
// vowel; VNI rewrites digits after a vowel and d9. With no vowel (a e i o u y), none of w d s f r x
// j z and no bracket, no rule has anything to act on: not the letters, not the digits between
// them, not the '.' separators. Upper case only, so Caps Lock is harmless (codes are read
// case-blind) and a QR holds them in its compact alphanumeric mode.
import { randomBytes } from 'node:crypto';

/** 12 consonants no input method touches, and the ten digits. */
export const SAFE_LETTERS = 'BCGHKLMNPQTV';
export const SAFE_ALPHABET = `0123456789${SAFE_LETTERS}`;

/** `bytes` as `length` characters of the safe alphabet (big-endian base 22, the high part dropped). */
export function safeDigits(bytes: Uint8Array, length: number): string {
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  const base = BigInt(SAFE_ALPHABET.length);
  let out = '';
  for (let i = 0; i < length; i++) {
    out = SAFE_ALPHABET.charAt(Number(n % base)) + out;
    n /= base;
  }
  return out;
}

/** `length` random characters of `alphabet`, uniformly (rejection sampling, no modulo bias). */
export function randomSafe(length: number, alphabet = SAFE_ALPHABET): string {
  const limit = 256 - (256 % alphabet.length);
  let out = '';
  while (out.length < length) {
    for (const b of randomBytes(length * 2)) {
      if (b < limit && out.length < length) out += alphabet[b % alphabet.length];
    }
  }
  return out;
}

/** Whether every character of `text` is one a wedge types unchanged through Telex and VNI. */
export function isSafeText(text: string): boolean {
  return /^[0-9BCGHKLMNPQTV.-]*$/.test(text);
}
