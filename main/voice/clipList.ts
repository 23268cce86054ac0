// Every clip a center's own voice pack needs: what the "Thu âm giọng đọc" screen lists for the
// staff to record, and what the hub accepts an upload for. Pure: settings and names in, keys out.
import { composeAnnouncement, isPause } from './announcement.ts';
import { readNumber, type ReadingStyle } from './numbers.ts';
import { clipKey } from './clipKey.ts';
import { KIOSK_PHRASES } from './kioskPhrases.ts';

export type ClipGroup = 'phrase' | 'number' | 'field' | 'kiosk';

export interface NeededClip {
  /** The manifest's key: what the hall's player and the kiosk look a clip up by. */
  key: string;
  group: ClipGroup;
}

export interface ClipListInput {
  template: string;
  reading: ReadingStyle;
  /** The highest ticket number any field can hand out (its rangeEnd). */
  maxTicket: number;
  /** The highest counter number. */
  maxCounter: number;
  /** The fields' Vietnamese names, which the speaking kiosk reads. */
  fieldNames: readonly string[];
  /**
   * How many fields a kiosk shows, paused ones too (default: the names'): the speaking kiosk reads
   * counts and page numbers up to it as numbers, even where tickets are read digit by digit.
   */
  shownFields?: number;
}

/**
 * The numbers whose readings hold every word any number up to `max` can need: every reading is
 * made of groups of three read by one rule (numbers.ts), so 0–1999 shows each group alone and after
 * a higher one ("một nghìn không trăm linh năm"), and a million more when tickets reach millions.
 * Read, not listed by hand, so a change of reading in numbers.ts changes the list with it.
 */
function coveringNumbers(max: number): number[] {
  const out: number[] = [];
  for (let n = 0; n <= Math.min(max, 1999); n++) out.push(n);
  if (max >= 1_000_000) for (let n = 1_000_000; n <= Math.min(max, 1_001_999); n++) out.push(n);
  return out;
}

/** The words the readings of 0…max need, in the order they are first said. */
export function numberWords(max: number, reading: ReadingStyle): string[] {
  const words = new Set<string>();
  for (const n of coveringNumbers(max)) for (const w of readNumber(n, reading)) words.add(w);
  return [...words];
}

/** The literal phrases of a template, whole between pauses, as composeAnnouncement splits them. */
export function templatePhrases(template: string): string[] {
  const phrases: string[] = [];
  for (const part of template.normalize('NFC').split(/\{so\}|\{quay\}/))
    for (const w of composeAnnouncement(part, 0, 0, { style: 'number', dialect: 'north', tuAfterMuoi: true }))
      if (!isPause(w)) phrases.push(w);
  return phrases;
}

/** The clips, each once, in the order the screen shows them: the call's phrases, its numbers, then the kiosk's. */
export function neededClips(input: ClipListInput): NeededClip[] {
  const out: NeededClip[] = [];
  const seen = new Set<string>();
  const add = (key: string, group: ClipGroup) => {
    if (key === '' || seen.has(key)) return;
    seen.add(key);
    out.push({ key, group });
  };
  for (const p of templatePhrases(input.template)) add(p, 'phrase');
  const counters = { ...input.reading, style: 'number' as const }; // counters (and the kiosk's counts) are always read as numbers
  const hasCounter = input.template.includes('{quay}');
  const counts = numberWords(input.shownFields ?? input.fieldNames.length, counters); // the kiosk's "có mười hai lĩnh vực", "trang hai"
  const number = new Set([
    ...numberWords(input.maxTicket, input.reading),
    ...(hasCounter ? numberWords(input.maxCounter, counters) : []),
    ...counts,
  ]);
  for (const w of number) add(w, 'number'); // as first said counting up: không … chín, then mười, lăm, mươi…
  for (const name of input.fieldNames) add(clipKey(name), 'field');
  for (const phrase of KIOSK_PHRASES) add(clipKey(phrase), 'kiosk');
  return out;
}
