// The speaking kiosk ("Hướng dẫn bằng giọng nói", issue #26 part 2): what it says, in clip keys,
// for a citizen who cannot read the screen, and whether the pack can say it all. Pure; the hub
// answers it as 'kiosk:voice', and the kiosk plays it (renderer/src/kiosk/useVoiceGuide.ts, where
// renderer/src/kiosk/voiceTouch.ts decides what a touch does).
import { missingWords } from './announcement.ts';
import { clipKey } from './clipKey.ts';
import { numberWords } from './clipList.ts';
import { readNumber, type ReadingStyle } from './numbers.ts';

/**
 * The kiosk's phrases, as they are said and recorded (clip keys), each one of KIOSK_PHRASES
 * (main/voice/kioskPhrases.ts), the list the recording screen shows the staff.
 */
export const KIOSK_SPEECH = {
  there: 'có',
  fields: 'lĩnh vực',
  touchToHear: 'chạm vào lĩnh vực để nghe tên',
  touchAgain: 'chạm lần nữa để lấy số',
  yourNumber: 'số của ông bà là',
  pleaseWait: 'xin mời chờ',
  notTaking: 'tạm ngừng nhận số',
} as const;

/** The part of a field the kiosk speaks: its Vietnamese name, whatever the screen's language. */
export interface SpokenField {
  id: number;
  nameVi: string;
  /** Its last ticket number: the number words needed are those up to the highest field's. */
  rangeEnd: number;
}

/** A field's name as a clip key: "Tư pháp – Hộ tịch" is "tư pháp hộ tịch"; a pack without it says it word by word. */
export const fieldKey = (nameVi: string): string => clipKey(nameVi);

/** A count is read as a number whatever the center's ticket reading ("có mười hai lĩnh vực"). */
const asNumber = (r: ReadingStyle): ReadingStyle => ({ ...r, style: 'number' });

/** On entering the mode: "có N lĩnh vực, chạm vào lĩnh vực để nghe tên, chạm lần nữa để lấy số". */
export function offerWords(fieldCount: number, reading: ReadingStyle): string[] {
  const count = [KIOSK_SPEECH.there, ...readNumber(fieldCount, asNumber(reading)), KIOSK_SPEECH.fields];
  return [...count, ',', KIOSK_SPEECH.touchToHear, ',', KIOSK_SPEECH.touchAgain];
}

/** On a touch that does not take a ticket: the field's name. */
export function fieldWords(field: SpokenField): string[] {
  return [fieldKey(field.nameVi)];
}

/**
 * On a touch of a field that gives no number now (paused, or full for the day): its name, when the
 * pack can say it (a paused field's name is not on the recording list), then that it is not taking
 * tickets. Its button is disabled for sighted citizens; a blind citizen touching it must hear why.
 */
export function notTakingWords(nameVi: string, clips: ReadonlySet<string>): string[] {
  const name = fieldKey(nameVi);
  return [...(missingWords([name], clips).length === 0 ? [name, ','] : []), KIOSK_SPEECH.notTaking];
}

/** Once the ticket is issued: "số của ông bà là" and its number in the center's reading, then "xin mời chờ". */
export function ticketWords(ticketNumber: number, reading: ReadingStyle): string[] {
  return [KIOSK_SPEECH.yourNumber, ...readNumber(ticketNumber, reading), '.', KIOSK_SPEECH.pleaseWait];
}

/** The clips the kiosk needs with these fields and this reading: the same number words as the recording screen lists (clipList.ts). */
export function neededClips(fields: readonly SpokenField[], reading: ReadingStyle): string[] {
  const maxTicket = Math.max(0, ...fields.map((f) => f.rangeEnd));
  const all = [
    ...Object.values(KIOSK_SPEECH),
    ...fields.map((f) => fieldKey(f.nameVi)),
    ...numberWords(maxTicket, reading),
    ...readNumber(fields.length, asNumber(reading)),
  ];
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

/** What the kiosk needs to speak, composed at the hub (the renderer reads no voice module): the wire's KioskVoice. */
export function kioskVoice(
  pack: string,
  clips: ReadonlySet<string>,
  fields: readonly SpokenField[],
  reading: ReadingStyle,
  ticketNumber: number | null,
  /** Fields shown paused on the kiosk: touched in the mode, they say they take no tickets. */
  paused: readonly { id: number; nameVi: string }[] = [],
) {
  // Its shape is the wire's KioskVoice (main/contract/endpoints.ts), checked where the hub answers
  // 'kiosk:voice': this room imports no other, so it is not named here.
  return {
    pack,
    available: canSpeak(clips, fields, reading),
    offer: offerWords(fields.length, reading),
    fields: fields.map((f) => ({ fieldId: f.id, words: fieldWords(f) })),
    notTaking: [...fields, ...paused].map((f) => ({ fieldId: f.id, words: notTakingWords(f.nameVi, clips) })),
    ticket: ticketNumber === null ? null : ticketWords(ticketNumber, reading),
  };
}
