// Each screen keeps its words in one typed table: every phrase in Vietnamese and English, and a
// phrase that takes values takes the same values in both languages (the compiler checks it).
import type { Lang } from '../api.ts';

export type Phrase<A extends unknown[] = never> = [A] extends [never]
  ? { vi: string; en: string }
  : { vi: (...a: A) => string; en: (...a: A) => string };

/** A fixed phrase, or one built from values: `both((n: number) => \`${n} người\`, (n) => countEn(n, 'person', 'people'))`. */
export function both(vi: string, en: string): { vi: string; en: string };
export function both<A extends unknown[]>(
  vi: (...a: A) => string,
  en: (...a: NoInfer<A>) => string,
): { vi: (...a: A) => string; en: (...a: A) => string };
export function both(vi: unknown, en: unknown): unknown {
  return { vi, en };
}

type Table = Record<string, { vi: unknown; en: unknown }>;
export type Texts<T extends Table> = { readonly [K in keyof T]: T[K]['vi'] };

/** The table in one language: `const t = texts(kioskText, lang); t.chooseField`. */
export function texts<T extends Table>(table: T, lang: Lang): Texts<T> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(table)) out[k] = v[lang];
  // each key of the table was copied above with its text in `lang`
  return out as Texts<T>;
}

const english = new Intl.PluralRules('en');

/** A duration in words, never mistaken for a time of day: "8 phút 07 giây", "1 giờ 05 phút". */
export function durationWords(ms: number, lang: 'vi' | 'en'): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const two = (n: number) => String(n).padStart(2, '0');
  if (h > 0) return lang === 'vi' ? `${h} giờ ${two(m)} phút` : `${h} h ${two(m)} min`;
  return lang === 'vi' ? `${m} phút ${two(s % 60)} giây` : `${m} min ${two(s % 60)} s`;
}

/** An English count with the right noun: 1 person, 2 people. Vietnamese nouns do not change with number. */
export function countEn(n: number, one: string, other: string): string {
  return `${n} ${english.select(n) === 'one' ? one : other}`;
}
