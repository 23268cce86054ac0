// A call, spoken: the center's template with the ticket and counter numbers read aloud.
import { readNumber, type ReadingStyle } from './numbers.ts';

export const defaultTemplate = 'Mời công dân có số thứ tự {so} đến quầy số {quay}';

/**
 * Pauses in a call: a voice pack may hold a clip of silence for each (the built-in one does); a
 * pack without them plays the words on either side back to back, so a pause is never "missing".
 * `,` is a short breath (comma, semicolon, colon, dash, brackets), `.` a full stop (. ! ? …).
 */
export const PAUSES = [',', '.'] as const;
export type Pause = (typeof PAUSES)[number];
export const isPause = (w: string | undefined): w is Pause => PAUSES.some((p) => p === w);

const FULL_STOP = /[.!?…]+/g;
const BREATH = /[,;:()[\]{}]+|\s[-–—]+\s|^[-–—]+\s|\s[-–—]+$/g;

/**
 * A literal part of a template as the hall says it: NFC (UniKey's "Unicode tổ hợp" types
 * decomposed letters), lower case, "Ông/Bà" read "ông bà", punctuation turned into pauses, other
 * signs (quotes, a hyphen inside a word) read as a space. Phrases stay whole between pauses.
 */
function literalWords(part: string): string[] {
  const marked = part
    .normalize('NFC')
    .toLocaleLowerCase('vi')
    .replace(FULL_STOP, ' \u0002 ')
    .replace(BREATH, ' \u0001 ')
    .replace(/[^\p{L}\p{M}\p{N}\u0001\u0002]+/gu, ' ');
  const out: string[] = [];
  for (const piece of marked.split(/([\u0001\u0002])/)) {
    if (piece === '\u0001') out.push(',');
    else if (piece === '\u0002') out.push('.');
    else {
      const phrase = piece.trim().replace(/\s+/g, ' ');
      if (phrase) out.push(phrase);
    }
  }
  return out;
}

/** One pause between words, the longer one when several meet; none before the first word or after the last. */
function tidyPauses(words: string[]): string[] {
  const out: string[] = [];
  for (const w of words) {
    const last = out.at(-1);
    if (!isPause(w)) out.push(w);
    else if (last === undefined) continue;
    else if (last === ',' || last === '.') out[out.length - 1] = last === '.' || w === '.' ? '.' : ',';
    else out.push(w);
  }
  while (isPause(out.at(-1))) out.pop();
  return out;
}

/**
 * The phrases, words and pauses to play, in order. Literal parts of the template stay whole
 * phrases (a voice pack records them in one breath); numbers become words. Counters are read as numbers.
 */
export function composeAnnouncement(template: string, ticketNumber: number, counterNumber: number, reading: ReadingStyle): string[] {
  const out: string[] = [];
  for (const part of template.normalize('NFC').split(/(\{so\}|\{quay\})/)) {
    if (part === '{so}') out.push(...readNumber(ticketNumber, reading));
    else if (part === '{quay}') out.push(...readNumber(counterNumber, { ...reading, style: 'number' }));
    else out.push(...literalWords(part));
  }
  return tidyPauses(out);
}

/**
 * The words of a call a voice pack cannot say: a phrase it has is said whole, one it lacks word
 * by word (as the hall's player does), and a word it lacks would be silently skipped. Pauses are
 * never missing: without a clip for one, the words around it meet.
 */
export function missingWords(words: readonly string[], clips: ReadonlySet<string>): string[] {
  const missing: string[] = [];
  for (const w of words) {
    if (isPause(w) || clips.has(w)) continue;
    for (const single of w.split(' ')) if (!clips.has(single) && !missing.includes(single)) missing.push(single);
  }
  return missing;
}

/** The sentence the words make, for subtitles and logs. */
export function announcementText(words: readonly string[]): string {
  const cap = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);
  let text = '';
  words.forEach((w, i) => {
    if (isPause(w)) text += w;
    else text += (i > 0 ? ' ' : '') + (i === 0 || words[i - 1] === '.' ? cap(w) : w);
  });
  return text;
}
