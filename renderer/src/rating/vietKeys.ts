// Typing Vietnamese on a touch screen with no system keyboard: letters (ă â đ ê ô ơ ư among them)
// and five tone keys that put the tone where Vietnamese spelling puts it in the word being typed,
// replacing any tone it had (so a citizen taps the letters, then the tone).
const TONES = { sac: '\u0301', huyen: '\u0300', hoi: '\u0309', nga: '\u0303', nang: '\u0323' } as const;
export type Tone = keyof typeof TONES;

/** The keyboard's letter rows, the Vietnamese vowels and đ last. */
export const KEY_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm', 'ăâđêôơư'];
/** Each tone key: its mark and its Vietnamese name (the same on the keyboard whatever the screen's language). */
export const TONE_KEYS: [Tone, string, string][] = [
  ['sac', '´', 'sắc'],
  ['huyen', '`', 'huyền'],
  ['hoi', '̉ ', 'hỏi'],
  ['nga', '~', 'ngã'],
  ['nang', '.', 'nặng'],
];
const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;
const VOWEL = /^[aăâeêioôơuưy]$/;
const MARKED = /^[ăâêôơư]$/;

const bare = (c: string) => c.normalize('NFD').replace(TONE_MARKS, '').normalize('NFC');

/** `text` with `tone` on the last word's tone-bearing vowel, or unchanged when that word has none. */
export function applyTone(text: string, tone: Tone): string {
  const start = text.lastIndexOf(' ') + 1;
  const word = [...bare(text.slice(start))];
  const lower = word.map((c) => c.toLowerCase());
  // "qu" and "gi" before a vowel are consonants: their u and i never carry the tone.
  let from = 0;
  if ((lower[0] === 'q' && lower[1] === 'u') || (lower[0] === 'g' && lower[1] === 'i' && VOWEL.test(lower[2] ?? ''))) from = 2;
  const isVowel = (i: number) => i >= from && VOWEL.test(lower[i] ?? '');
  let last = lower.length - 1;
  while (last >= from && !isVowel(last)) last--;
  if (last < from) return text;
  // The last run of vowels is the syllable's nucleus; a consonant after it closes the syllable.
  let first = last;
  while (isVowel(first - 1)) first--;
  const run = Array.from({ length: last - first + 1 }, (_, k) => first + k);
  const closed = last < lower.length - 1;
  const marked = run.filter((i) => MARKED.test(lower[i] ?? ''));
  const at = marked.at(-1) ?? (closed || run.length === 1 ? last : run.length === 2 ? first : first + 1);
  // at is one of the run's indices, each a letter of the word
  word[at] = (word[at]! + TONES[tone]).normalize('NFC');
  return text.slice(0, start) + word.join('');
}
