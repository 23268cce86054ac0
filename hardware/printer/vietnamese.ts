// Vietnamese text for printers' own code pages (text mode).
import iconv from 'iconv-lite';

const CLUSTER = /([A-Za-z])([\u0300-\u036f]+)/g; // a letter and its combining marks
const MODIFIER = /[\u0302\u0306\u031B]/; // circumflex, breve, horn

/**
 * Windows-1258 has the letters with circumflex, breve and horn (â ă ê ô ơ ư đ) as single
 * bytes but the five tone marks only as combining characters, so "Việt" must be sent as
 * V i ê + dot-below + t. Decompose, recompose only the vowel modifiers, keep tones apart.
 */
export function toCp1258Form(text: string): string {
  // NFD puts dot below before the circumflex (ệ = e + ̣ + ̂), so sort each cluster's marks.
  return text.normalize('NFD').replace(CLUSTER, (_m, base: string, marks: string) => {
    const all = [...marks];
    const modifiers = all.filter((c) => MODIFIER.test(c)).join('');
    const tones = all.filter((c) => !MODIFIER.test(c)).join('');
    return (base + modifiers).normalize('NFC') + tones;
  });
}

export function encodeVietnamese(text: string, encoding: 'cp1258' | 'tcvn'): Uint8Array {
  if (encoding === 'cp1258') return new Uint8Array(iconv.encode(toCp1258Form(text), 'windows1258'));
  return new Uint8Array(iconv.encode(text.normalize('NFC'), 'tcvn'));
}

export function decodeVietnamese(bytes: Uint8Array, encoding: 'cp1258' | 'tcvn'): string {
  return iconv.decode(Buffer.from(bytes), encoding === 'cp1258' ? 'windows1258' : 'tcvn').normalize('NFC');
}

/** True if every tone mark of the text survives a round trip through the encoding. */
export function survivesEncoding(text: string, encoding: 'cp1258' | 'tcvn'): boolean {
  return decodeVietnamese(encodeVietnamese(text, encoding), encoding) === text.normalize('NFC');
}
