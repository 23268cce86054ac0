// A text message's characters (3GPP TS 23.038): the GSM 7-bit default alphabet, 160 characters a
// part, which every handset shows; or UCS-2, 70 a part, for a center that wants its diacritics.
// Vietnamese in GSM-7 is written without accents (đ → d), as Vietnamese SMS commonly is.

/** The GSM 7-bit default alphabet's basic set, in code order; 0x1B is the escape to the extension table. */
const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** The extension table: each costs two septets (escape + code). */
const GSM7_EXTENSION = '\f^{}\\[~]|€';

const basic = new Set([...GSM7_BASIC].filter((ch) => ch !== '\u001b'));
const extension = new Set(GSM7_EXTENSION);
/**
 * What a modem in text mode can take in its GSM character set: the basic set less the codes that
 * end or abort the text there (Ξ is 0x1A, Ctrl-Z; the escape 0x1B), and less line breaks.
 */
const textModeSafe = new Set([...basic].filter((ch) => !'Ξ\n\r'.includes(ch)));

export type SmsEncoding = 'gsm7' | 'ucs2';

/** Characters (septets or UTF-16 units) in one part, and in each part of a concatenated message. */
export const PART_SIZE = { gsm7: { single: 160, multi: 153 }, ucs2: { single: 70, multi: 67 } } as const;

/**
 * Typographic punctuation a name or a field may hold ("Bà Rịa – Vũng Tàu"), in plain ASCII: dashes
 * and minus to '-', curly quotes to straight ones, the ellipsis to '...', odd spaces to a space.
 */
const PLAIN_PUNCTUATION: Record<string, string> = {
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2013': '-',
  '\u2014': '-',
  '\u2015': '-',
  '\u2212': '-',
  '\u2018': "'",
  '\u2019': "'",
  '\u201a': "'",
  '\u201b': "'",
  '\u2032': "'",
  '\u00b4': "'",
  '\u0060': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u201e': '"',
  '\u201f': '"',
  '\u2033': '"',
  '\u00ab': '"',
  '\u00bb': '"',
  '\u2039': "'",
  '\u203a': "'",
  '\u2026': '...',
  '\u2022': '-',
  '\u00b7': '-',
  '\u00a0': ' ',
  '\u2002': ' ',
  '\u2003': ' ',
  '\u2009': ' ',
  '\u202f': ' ',
  '\u200b': '',
};
const punctuation = new RegExp(`[${Object.keys(PLAIN_PUNCTUATION).join('')}]`, 'g');

/**
 * Vietnamese without its accents, for GSM-7: diacritics dropped, đ → d, Đ → D (Unicode NFD, then the
 * combining marks removed), and typographic punctuation in plain ASCII (– → -, “ ” → ", … → ...).
 */
export function unaccented(text: string): string {
  return text
    .replace(punctuation, (ch) => PLAIN_PUNCTUATION[ch] ?? ch)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');
}

/** Septets a text takes in GSM-7, or null if a character is outside the alphabet. */
export function gsm7Length(text: string): number | null {
  let n = 0;
  for (const ch of text) {
    if (basic.has(ch)) n += 1;
    else if (extension.has(ch)) n += 2;
    else return null;
  }
  return n;
}

export interface EncodedSms {
  encoding: SmsEncoding;
  /** What the modem is given: for GSM-7 the unaccented text, for UCS-2 the text as it is. */
  text: string;
  /** Septets (GSM-7) or UTF-16 units (UCS-2). */
  units: number;
  parts: number;
}

function partsOf(units: number, size: { single: number; multi: number }): number {
  return units <= size.single ? 1 : Math.ceil(units / size.multi);
}

/**
 * The text as it is sent: `gsm7` removes the accents, then keeps only what a modem's text mode
 * takes of the alphabet's basic set (anything else becomes '?'); `ucs2` keeps every character.
 */
export function encodeSms(text: string, encoding: SmsEncoding): EncodedSms {
  if (encoding === 'ucs2') return { encoding, text, units: text.length, parts: partsOf(text.length, PART_SIZE.ucs2) };
  const plain = [...unaccented(text).replace(/\s+/g, ' ')].map((ch) => (textModeSafe.has(ch) ? ch : '?')).join('');
  // every character was just made one of the alphabet's
  const units = gsm7Length(plain)!;
  return { encoding, text: plain, units, parts: partsOf(units, PART_SIZE.gsm7) };
}

/** UCS-2 as AT+CSCS="UCS2" takes strings: four hex digits per UTF-16 unit (3GPP TS 27.007, +CSCS). */
export function ucs2Hex(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += text.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0');
  return out;
}

/** The text in the modem's GSM character set (AT+CSCS="GSM"): each character its code in the basic set. */
export function gsm7Bytes(text: string): Uint8Array {
  const codes = [...text].map((ch) => {
    const code = GSM7_BASIC.indexOf(ch);
    if (code < 0 || !textModeSafe.has(ch)) throw new RangeError(`not sendable in GSM text mode: ${JSON.stringify(ch)}`);
    return code;
  });
  return Uint8Array.from(codes);
}
