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

/** The sentence the words make, for subtitles and logs. */
export function announcementText(words: readonly string[]): string {
  const s = words.join(' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}
