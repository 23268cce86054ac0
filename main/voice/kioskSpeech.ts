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
  // The priority queue, which blind and disabled citizens are themselves entitled to: the offer
  // names it and where its button is, and the button answers touches as a field does.
  elderly: 'người cao tuổi',
  disabled: 'người khuyết tật',
  pregnant: 'phụ nữ mang thai',
  touchPriority: 'chạm vào nút đối tượng ưu tiên ở cuối màn hình',
  priority: 'đối tượng ưu tiên',
  touchToChoose: 'chạm lần nữa để chọn',
  touchToUnchoose: 'chạm lần nữa để bỏ chọn',
  priorityChosen: 'đã chọn đối tượng ưu tiên',
  priorityUnchosen: 'đã bỏ chọn đối tượng ưu tiên',
  chooseField: 'xin mời chọn lĩnh vực',
} as const;

/**
 * What the paging buttons and a page say, each one of KIOSK_PAGING_PHRASES: needed only by a kiosk
 * whose fields take more than one page ("Trang sau", "Trang trước"), which the kiosk alone knows.
 */
export const KIOSK_PAGING_SPEECH = {
  next: 'trang sau',
  previous: 'trang trước',
  youAreOn: 'đang ở',
  page: 'trang',
  ofTotal: 'trên tổng số',
  touchToTurn: 'chạm lần nữa để sang trang',
} as const;

/**
 * The slots of the paging sentences, which the kiosk fills with `numbers` (it alone knows its pages):
 * the page it shows, how many pages, how many fields that page shows. The renderer spells them too
 * (renderer/src/kiosk/voiceTouch.ts); tests/renderer/voiceTouch.test.ts fills this module's answer.
 */
export const PAGE_SLOTS = { page: '{page}', pages: '{pages}', count: '{count}' } as const;

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

/** Who the priority queue is for, as the button says it: "người cao tuổi, người khuyết tật, phụ nữ mang thai". */
const priorityWho = [KIOSK_SPEECH.elderly, ',', KIOSK_SPEECH.disabled, ',', KIOSK_SPEECH.pregnant];

/**
 * On entering the mode: "có N lĩnh vực, chạm vào lĩnh vực để nghe tên, chạm lần nữa để lấy số,
 * người cao tuổi, người khuyết tật, phụ nữ mang thai, chạm vào nút đối tượng ưu tiên ở cuối màn hình".
 */
export function offerWords(fieldCount: number, reading: ReadingStyle): string[] {
  const count = [KIOSK_SPEECH.there, ...readNumber(fieldCount, asNumber(reading)), KIOSK_SPEECH.fields];
  return [...count, ',', KIOSK_SPEECH.touchToHear, ',', KIOSK_SPEECH.touchAgain, '.', ...priorityWho, ',', KIOSK_SPEECH.touchPriority];
}

/**
 * What the priority button ("Đối tượng ưu tiên") says, as a field does. A first touch says what it
 * is and what a second does: `touch` while it is not chosen ("đối tượng ưu tiên, người cao tuổi, …,
 * chạm lần nữa để chọn"), `touchChosen` while it is ("đã chọn đối tượng ưu tiên, chạm lần nữa để bỏ
 * chọn"). The second touch turns it and says the new state: `chosen` ("đã chọn đối tượng ưu tiên,
 * xin mời chọn lĩnh vực") or `unchosen`.
 */
export function priorityWords() {
  const S = KIOSK_SPEECH;
  return {
    touch: [S.priority, ',', ...priorityWho, ',', S.touchToChoose],
    touchChosen: [S.priorityChosen, ',', S.touchToUnchoose],
    chosen: [S.priorityChosen, ',', S.chooseField],
    unchosen: [S.priorityUnchosen, ',', S.chooseField],
  };
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

/** "trang hai trên tổng số ba trang", with the numbers as slots. */
const pagePlace = [KIOSK_PAGING_SPEECH.page, PAGE_SLOTS.page, KIOSK_PAGING_SPEECH.ofTotal, PAGE_SLOTS.pages, KIOSK_PAGING_SPEECH.page];

/**
 * The paging sentences, for a kiosk showing `shown` fields (taking tickets or not) over pages. A
 * first touch of "Trang sau" says `next`, then `where` ("đang ở trang một trên tổng số ba trang"),
 * then `again` ("chạm lần nữa để sang trang") when there is a page that way; arriving on a page
 * says `arrive` ("trang hai trên tổng số ba trang, có mười hai lĩnh vực"). `numbers[n]` is n read
 * as a number (pages and counts are numbers whatever the ticket reading), from 0 to `shown`.
 */
export function pagingWords(shown: number, reading: ReadingStyle) {
  return {
    next: [KIOSK_PAGING_SPEECH.next],
    previous: [KIOSK_PAGING_SPEECH.previous],
    where: [',', KIOSK_PAGING_SPEECH.youAreOn, ...pagePlace],
    again: [',', KIOSK_PAGING_SPEECH.touchToTurn],
    arrive: [...pagePlace, ',', KIOSK_SPEECH.there, PAGE_SLOTS.count, KIOSK_SPEECH.fields],
    numbers: Array.from({ length: Math.max(0, shown) + 1 }, (_, n) => readNumber(n, asNumber(reading))),
  };
}

/**
 * The clips paging needs besides neededClips': its phrases and every number up to the fields shown
 * (a page's number, the pages, a page's count), read as numbers, as the recording screen lists them.
 */
export function pagingClips(shown: number, reading: ReadingStyle): string[] {
  return [...new Set([...Object.values(KIOSK_PAGING_SPEECH), ...numberWords(Math.max(0, shown), asNumber(reading))])];
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

/**
 * Whether the pack can also say the paging words: a kiosk whose fields take more than one page
 * offers the mode only then. A center whose fields fit one page needs none of them, and whether
 * they fit is known only on the kiosk (its orientation, its text size, how long the names are).
 */
export function canPage(manifestClips: Iterable<string>, fields: readonly SpokenField[], shown: number, reading: ReadingStyle): boolean {
  const clips = new Set(manifestClips);
  return canSpeak(clips, fields, reading) && missingWords(pagingClips(shown, reading), clips).length === 0;
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
    priority: priorityWords(),
    // The kiosk shows the paused fields too: its pages and their counts are of every button.
    paging: {
      available: canPage(clips, fields, fields.length + paused.length, reading),
      ...pagingWords(fields.length + paused.length, reading),
    },
  };
}
