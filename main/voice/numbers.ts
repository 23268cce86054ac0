// Vietnamese numbers as they are read aloud. Pure: words in, words out.

export interface ReadingStyle {
  /** "1023": "một nghìn không trăm hai mươi ba", or digit by digit "một không hai ba". */
  style: 'number' | 'digits';
  /** North: nghìn, linh. South: ngàn, lẻ. */
  dialect: 'north' | 'south';
  /** 24: "hai mươi tư" (true) or "hai mươi bốn" (false). */
  tuAfterMuoi: boolean;
}

export const defaultReading: ReadingStyle = { style: 'number', dialect: 'north', tuAfterMuoi: true };

const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'];

/** The word of a digit 0–9. */
function digit(d: number): string {
  const word = DIGITS[d];
  if (word === undefined) throw new RangeError(`not a digit: ${d}`);
  return word;
}

/** 0–999, with `full` when a higher group precedes it (then "không trăm" and "linh" are said). */
function readTriple(n: number, full: boolean, r: ReadingStyle): string[] {
  const h = Math.floor(n / 100);
  const t = Math.floor((n % 100) / 10);
  const u = n % 10;
  const words: string[] = [];
  if (h > 0 || full) words.push(digit(h), 'trăm');
  if (t === 0) {
    if (u > 0 && (h > 0 || full)) words.push(r.dialect === 'north' ? 'linh' : 'lẻ', digit(u));
    else if (u > 0) words.push(digit(u));
    return words;
  }
  if (t === 1) words.push('mười');
  else words.push(digit(t), 'mươi');
  if (u === 0) return words;
  if (u === 1)
    words.push(t === 1 ? 'một' : 'mốt'); // mười một, hai mươi mốt
  else if (u === 5)
    words.push('lăm'); // mười lăm, hai mươi lăm
  else if (u === 4 && t > 1 && r.tuAfterMuoi)
    words.push('tư'); // hai mươi tư, but mười bốn
  else words.push(digit(u));
  return words;
}

export function readNumber(n: number, r: ReadingStyle = defaultReading): string[] {
  if (!Number.isInteger(n) || n < 0 || n > 999_999_999) throw new RangeError(`cannot read ${n}`);
  if (r.style === 'digits') return [...String(n)].map((d) => digit(Number(d)));
  if (n === 0) return ['không'];
  const millions = Math.floor(n / 1_000_000);
  const thousands = Math.floor((n % 1_000_000) / 1000);
  const rest = n % 1000;
  const words: string[] = [];
  if (millions > 0) words.push(...readTriple(millions, false, r), 'triệu');
  if (thousands > 0) words.push(...readTriple(thousands, millions > 0, r), r.dialect === 'north' ? 'nghìn' : 'ngàn');
  else if (millions > 0 && rest > 0) words.push('không', 'trăm', r.dialect === 'north' ? 'nghìn' : 'ngàn');
  if (rest > 0) words.push(...readTriple(rest, millions > 0 || thousands > 0, r));
  return words;
}
