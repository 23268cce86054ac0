// What a touch on a field does in voice guidance (#26 part 2): a first touch says the field's name,
// a touch on another field says that one, and a touch on the field just heard, soon enough, takes
// the ticket. Pure: the state and a touch in, the next state and whether to take the ticket out.

/** A second touch on the same field this soon takes the ticket; later, the name is said again. */
export const SECOND_TOUCH_MS = 10_000;

/** Which field's name was said last, and when: the one a second touch confirms. */
export interface GuideState {
  readonly heard: { readonly fieldId: number; readonly at: number } | null;
}
export const freshGuide: GuideState = { heard: null };

/** `take` false: say the field's name (the ticket's number is said once it is issued). */
export function touchField(
  state: GuideState,
  fieldId: number,
  now: number,
  withinMs = SECOND_TOUCH_MS,
): { state: GuideState; take: boolean } {
  const h = state.heard;
  // A clock set back never confirms: the touch is a first one.
  if (h !== null && h.fieldId === fieldId && now >= h.at && now - h.at <= withinMs) return { state: freshGuide, take: true };
  return { state: { heard: { fieldId, at: now } }, take: false };
}
