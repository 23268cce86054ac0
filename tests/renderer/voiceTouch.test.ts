// Voice guidance's two touches (#26 part 2): a first touch says a field's name, the same field
// again soon enough takes the ticket.
import { describe, expect, it } from 'vitest';
import { SECOND_TOUCH_MS, freshGuide, touchField, type GuideState } from '../../renderer/src/kiosk/voiceTouch.ts';

describe('two touches take a ticket', () => {
  it('a first touch is heard, another field is heard instead, the same one again takes the ticket', () => {
    let s: GuideState = freshGuide;
    const a = touchField(s, 1, 1000);
    expect(a).toEqual({ state: { heard: { fieldId: 1, at: 1000 } }, take: false });
    s = a.state;
    const b = touchField(s, 2, 3000);
    expect(b).toEqual({ state: { heard: { fieldId: 2, at: 3000 } }, take: false });
    const again = touchField(b.state, 2, 5000);
    expect(again).toEqual({ state: freshGuide, take: true });
    // After a ticket, the next touch starts over: it is heard, not taken.
    expect(touchField(again.state, 2, 5500).take).toBe(false);
  });

  it('a second touch too late is heard again instead of taking a ticket', () => {
    const first = touchField(freshGuide, 1, 0);
    expect(touchField(first.state, 1, SECOND_TOUCH_MS).take).toBe(true);
    const late = touchField(first.state, 1, SECOND_TOUCH_MS + 1);
    expect(late).toEqual({ state: { heard: { fieldId: 1, at: SECOND_TOUCH_MS + 1 } }, take: false });
    expect(touchField(late.state, 1, SECOND_TOUCH_MS + 2).take).toBe(true);
  });

  it('a clock set back never confirms a touch', () => {
    const first = touchField(freshGuide, 1, 10_000);
    expect(touchField(first.state, 1, 9_000).take).toBe(false);
  });
});
