// What a touch does in voice guidance (#26 part 2): a first touch says a field's name, a touch on
// another field says that one, and a touch on the field just heard, soon enough, takes the ticket.
// The paging buttons ("Trang sau", "Trang trước") work the same way: a first touch says what the
// button does and where the citizen is, a second turns the page, and the new page is said; the
// priority button ("Đối tượng ưu tiên") too: a first touch says what it is and what a second does,
// the second chooses it (or leaves it) and says so. Pure:
// the state and a touch in, the next state and whether to act out; the paging words filled in.
import type { KioskPaging, KioskPriorityWords } from '../../../main/contract/index.ts';

/** A second touch on the same field (or paging button) this soon acts; later, it is said again. */
export const SECOND_TOUCH_MS = 10_000;

export type PageButton = 'next' | 'previous';

/** What was said last, and when: the one a second touch confirms. */
export interface GuideState {
  readonly heard:
    | { readonly fieldId: number; readonly at: number }
    | { readonly button: PageButton; readonly at: number }
    | { readonly priority: true; readonly at: number }
    | null;
}
export const freshGuide: GuideState = { heard: null };

const confirms = (h: NonNullable<GuideState['heard']>, now: number, withinMs: number) => now >= h.at && now - h.at <= withinMs;

/** `take` false: say the field's name (the ticket's number is said once it is issued). */
export function touchField(
  state: GuideState,
  fieldId: number,
  now: number,
  withinMs = SECOND_TOUCH_MS,
): { state: GuideState; take: boolean } {
  const h = state.heard;
  // A clock set back never confirms: the touch is a first one.
  if (h !== null && 'fieldId' in h && h.fieldId === fieldId && confirms(h, now, withinMs)) return { state: freshGuide, take: true };
  return { state: { heard: { fieldId, at: now } }, take: false };
}

/**
 * A touch on a paging button. `canTurn` false (no page that way): it is said, never confirmed.
 * `turn` false: say what it does and where the citizen is.
 */
export function touchPageButton(
  state: GuideState,
  button: PageButton,
  canTurn: boolean,
  now: number,
  withinMs = SECOND_TOUCH_MS,
): { state: GuideState; turn: boolean } {
  const h = state.heard;
  if (canTurn && h !== null && 'button' in h && h.button === button && confirms(h, now, withinMs)) return { state: freshGuide, turn: true };
  return { state: { heard: { button, at: now } }, turn: false };
}

/** A touch on the priority button. `toggle` false: say what it is and what a second touch does. */
export function touchPriority(state: GuideState, now: number, withinMs = SECOND_TOUCH_MS): { state: GuideState; toggle: boolean } {
  const h = state.heard;
  if (h !== null && 'priority' in h && confirms(h, now, withinMs)) return { state: freshGuide, toggle: true };
  return { state: { heard: { priority: true, at: now } }, toggle: false };
}

/**
 * What a touch on the priority button says, `chosen` being the state before the touch: a first
 * touch says what it is and what a second does; a second (`toggled`) says the new state.
 */
export function priorityButtonWords(words: KioskPriorityWords, chosen: boolean, toggled: boolean): string[] {
  if (toggled) return chosen ? words.unchosen : words.chosen;
  return chosen ? words.touchChosen : words.touch;
}

/** Where the citizen is: the page shown (from 1), how many pages, how many fields that page shows. */
export interface PagePlace {
  page: number;
  pages: number;
  count: number;
}

/** The hub's slots in the paging words (PAGE_SLOTS in main/voice/kioskSpeech.ts), filled with `numbers`. */
const SLOTS = { '{page}': 'page', '{pages}': 'pages', '{count}': 'count' } as const;
const isSlot = (w: string): w is keyof typeof SLOTS => Object.hasOwn(SLOTS, w);

function fill(words: readonly string[], place: PagePlace, numbers: readonly (readonly string[])[]): string[] {
  return words.flatMap((w) => (isSlot(w) ? (numbers[place[SLOTS[w]]] ?? []) : [w]));
}

/** A first touch of a paging button: "trang sau, đang ở trang một trên tổng số ba trang, chạm lần nữa để sang trang". */
export function pageButtonWords(paging: KioskPaging, button: PageButton, here: PagePlace, canTurn: boolean): string[] {
  return [...paging[button], ...fill(paging.where, here, paging.numbers), ...(canTurn ? paging.again : [])];
}

/** Arriving on a page (or starting the mode on a paged screen): "trang hai trên tổng số ba trang, có mười hai lĩnh vực". */
export function pageWords(paging: KioskPaging, place: PagePlace): string[] {
  return fill(paging.arrive, place, paging.numbers);
}
