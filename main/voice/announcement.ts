// A call, spoken: the center's template with the ticket and counter numbers read aloud.
import { readNumber, type ReadingStyle } from './numbers.ts';

export const defaultTemplate = 'Mời công dân có số thứ tự {so} đến quầy số {quay}';

/**
 * The phrases and words to play, in order. Literal parts of the template stay whole phrases
 * (a voice pack records them in one breath); numbers become words. Counters are read as numbers.
 */
export function composeAnnouncement(template: string, ticketNumber: number, counterNumber: number, reading: ReadingStyle): string[] {
  const out: string[] = [];
  for (const part of template.split(/(\{so\}|\{quay\})/)) {
    if (part === '{so}') out.push(...readNumber(ticketNumber, reading));
    else if (part === '{quay}') out.push(...readNumber(counterNumber, { ...reading, style: 'number' }));
    else {
      const phrase = part.trim().replace(/\s+/g, ' ').toLowerCase();
      if (phrase) out.push(phrase);
    }
  }
  return out;
}

/**
 * The words of a call a voice pack cannot say: a phrase it has is said whole, one it lacks word
 * by word (as the hall's player does), and a word it lacks would be silently skipped.
 */
export function missingWords(words: readonly string[], clips: ReadonlySet<string>): string[] {
  const missing: string[] = [];
  for (const w of words) {
    if (clips.has(w)) continue;
    for (const single of w.split(' ')) if (!clips.has(single) && !missing.includes(single)) missing.push(single);
  }
  return missing;
}

/** The sentence the words make, for subtitles and logs. */
export function announcementText(words: readonly string[]): string {
  const s = words.join(' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}
