// The speaking kiosk ("Hướng dẫn bằng giọng nói", issue #26 part 2): what it says, in clip keys,
// for a citizen who cannot read the screen. Pure: the state and a touch in, the words to say and
// whether to take a ticket out. The renderer plays the words (renderer/src/kiosk/useVoiceGuide.ts).
import { missingWords } from './announcement.ts';
import { clipKey } from './clipKey.ts';
import { readNumber, type ReadingStyle } from './numbers.ts';

/**
 * The kiosk's phrases, as they are said and recorded (clip keys), each one of KIOSK_PHRASES
 * (main/voice/kioskPhrases.ts), the list the recording screen shows the staff.
 */
export const KIOSK_SPEECH = {
  touchToHear: 'chạm vào lĩnh vực để nghe tên',
  touchAgain: 'chạm lần nữa để lấy số',
  yourNumber: 'số của bạn là',
  pleaseWait: 'xin mời chờ',
} as const;

/**
 * "có N lĩnh vực", said before the offer only by a pack that has these (KIOSK_PHRASES does not
 * list them yet): the mode does not wait for them.
 */
export const COUNT_PHRASES = { there: 'có', fields: 'lĩnh vực' } as const;

/** A second touch on the same field this soon takes the ticket; later, the name is said again. */
export const SECOND_TOUCH_MS = 10_000;

/** The part of a field the kiosk speaks: its Vietnamese name, whatever the screen's language. */
export interface SpokenField {
  id: number;
  nameVi: string;
}

/** Which field's name was said last, and when: the one a second touch confirms. */
export interface GuideState {
  readonly heard: { readonly fieldId: number; readonly at: number } | null;
}
export const freshGuide: GuideState = { heard: null };

export interface TouchOutcome {
  state: GuideState;
  /** What to say now (nothing when the ticket is taken: its number is said once it is issued). */
  say: string[];
  take: boolean;
}

/** A field's name as a clip key: "Tư pháp – Hộ tịch" is "tư pháp hộ tịch"; a pack without it says it word by word. */
export const fieldKey = (nameVi: string): string => clipKey(nameVi);

/** A count is read as a number whatever the center's ticket reading ("có mười hai lĩnh vực"). */
const asNumber = (r: ReadingStyle): ReadingStyle => ({ ...r, style: 'number' });

/**
 * On entering the mode: "có N lĩnh vực, chạm vào lĩnh vực để nghe tên, chạm lần nữa để lấy số",
 * the count only where the pack can say it (`clips`: the manifest's keys).
 */
export function offerWords(fieldCount: number, reading: ReadingStyle, clips: ReadonlySet<string>): string[] {
  const count = [COUNT_PHRASES.there, ...readNumber(fieldCount, asNumber(reading)), COUNT_PHRASES.fields];
  const offer = [KIOSK_SPEECH.touchToHear, ',', KIOSK_SPEECH.touchAgain];
  return missingWords(count, clips).length === 0 ? [...count, ',', ...offer] : offer;
}

/** On a touch that does not take a ticket: the field's name. */
export function fieldWords(field: SpokenField): string[] {
  return [fieldKey(field.nameVi)];
}

/** Once the ticket is issued: "số của bạn là" and its number in the center's reading, then "xin mời chờ". */
export function ticketWords(ticketNumber: number, reading: ReadingStyle): string[] {
  return [KIOSK_SPEECH.yourNumber, ...readNumber(ticketNumber, reading), '.', KIOSK_SPEECH.pleaseWait];
}

/**
 * A touch on a field: a first touch says its name, a touch on another field says that one, and a
 * touch on the field just heard, within SECOND_TOUCH_MS, takes the ticket.
 */
export function touchField(state: GuideState, field: SpokenField, now: number, withinMs = SECOND_TOUCH_MS): TouchOutcome {
  const h = state.heard;
  if (h !== null && h.fieldId === field.id && now - h.at >= 0 && now - h.at <= withinMs) return { state: freshGuide, say: [], take: true };
  return { state: { heard: { fieldId: field.id, at: now } }, say: fieldWords(field), take: false };
}

/**
 * Every word a number can be read with: 0–1999 already holds every group pattern (hundreds,
 * "linh"/"lẻ", "mốt", "lăm", "tư", "không trăm" after a thousand) and the thousands word.
 */
function numberWords(reading: ReadingStyle): string[] {
  const words = new Set<string>();
  for (let n = 0; n < 2000; n++) for (const w of readNumber(n, reading)) words.add(w);
  return [...words];
}

/** The clips the kiosk needs with these fields and this reading (tickets end at 999,999: no "triệu"). */
export function neededClips(fields: readonly SpokenField[], reading: ReadingStyle): string[] {
  const all = [...Object.values(KIOSK_SPEECH), ...fields.map((f) => fieldKey(f.nameVi)), ...numberWords(reading)];
  return [...new Set(all)];
}

/**
 * The clips a pack lacks for the kiosk to speak: a phrase it lacks is said word by word (as the
 * player does), so only the words then missing count.
 */
export function missingClips(manifestClips: Iterable<string>, fields: readonly SpokenField[], reading: ReadingStyle): string[] {
  return missingWords(neededClips(fields, reading), new Set(manifestClips));
}

/** The mode is offered only when every word it could say has a clip: never a silent gap. */
export function canSpeak(manifestClips: Iterable<string>, fields: readonly SpokenField[], reading: ReadingStyle): boolean {
  return fields.length > 0 && missingClips(manifestClips, fields, reading).length === 0;
}
