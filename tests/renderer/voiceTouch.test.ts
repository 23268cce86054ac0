// Voice guidance's two touches (#26 part 2): a first touch says a field's name, the same field
// again soon enough takes the ticket; a paging button likewise says itself, then turns the page.
import { describe, expect, it } from 'vitest';
import {
  SECOND_TOUCH_MS,
  freshGuide,
  pageButtonWords,
  pageWords,
  priorityButtonWords,
  touchField,
  touchPageButton,
  touchPriority,
  type GuideState,
} from '../../renderer/src/kiosk/voiceTouch.ts';
import { kioskVoice, neededClips } from '../../main/voice/kioskSpeech.ts';
import type { ReadingStyle } from '../../main/voice/numbers.ts';

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

describe('the paging buttons in voice guidance', () => {
  it('a first touch is said, the same button again soon enough turns, and never where there is no page that way', () => {
    const first = touchPageButton(freshGuide, 'next', true, 1000);
    expect(first).toEqual({ state: { heard: { button: 'next', at: 1000 } }, turn: false });
    expect(touchPageButton(first.state, 'next', true, 1000 + SECOND_TOUCH_MS)).toEqual({ state: freshGuide, turn: true });
    // The other button, or a field, in between: a first touch again.
    expect(touchPageButton(first.state, 'previous', true, 2000).turn).toBe(false);
    const field = touchField(first.state, 7, 2000);
    expect(field.take).toBe(false);
    expect(touchPageButton(field.state, 'next', true, 3000).turn).toBe(false);
    // A field heard, then a paging button: the field's second touch is a first one again.
    const button = touchPageButton(touchField(freshGuide, 7, 0).state, 'next', true, 100);
    expect(touchField(button.state, 7, 200).take).toBe(false);
    // The first page's "Trang trước": said each time, never turning.
    const none = touchPageButton(freshGuide, 'previous', false, 0);
    expect(touchPageButton(none.state, 'previous', false, 10).turn).toBe(false);
    // Too late, or a clock set back: said again.
    expect(touchPageButton(first.state, 'next', true, 1001 + SECOND_TOUCH_MS).turn).toBe(false);
    expect(touchPageButton(first.state, 'next', true, 999).turn).toBe(false);
  });

  it("fills the hub's paging words with the page, the pages and the page's count", () => {
    const north: ReadingStyle = { style: 'number', dialect: 'north', tuAfterMuoi: true };
    const fields = Array.from({ length: 30 }, (_, i) => ({ id: i + 1, nameVi: `Lĩnh vực ${i + 1}`, rangeEnd: 1999 }));
    const { paging } = kioskVoice('center', new Set(neededClips(fields, north)), fields, north, null, [{ id: 99, nameVi: 'Xây dựng' }]);
    expect(pageButtonWords(paging, 'next', { page: 1, pages: 3, count: 12 }, true)).toEqual([
      'trang sau',
      ',',
      'đang ở',
      'trang',
      'một',
      'trên tổng số',
      'ba',
      'trang',
      ',',
      'chạm lần nữa để sang trang',
    ]);
    // No page that way: where the citizen is, and no offer to turn.
    expect(pageButtonWords(paging, 'previous', { page: 1, pages: 3, count: 12 }, false)).toEqual([
      'trang trước',
      ',',
      'đang ở',
      'trang',
      'một',
      'trên tổng số',
      'ba',
      'trang',
    ]);
    expect(pageWords(paging, { page: 3, pages: 3, count: 31 })).toEqual([
      'trang',
      'ba',
      'trên tổng số',
      'ba',
      'trang',
      ',',
      'có',
      'ba',
      'mươi',
      'mốt',
      'lĩnh vực',
    ]);
  });
});

describe('the priority button takes two touches too', () => {
  it('a first touch is heard, a second soon after turns it; a field between makes the next a first one again', () => {
    const first = touchPriority(freshGuide, 1000);
    expect(first).toEqual({ state: { heard: { priority: true, at: 1000 } }, toggle: false });
    const second = touchPriority(first.state, 2000);
    expect(second).toEqual({ state: freshGuide, toggle: true });
    // After it turned, the next touch starts over.
    expect(touchPriority(second.state, 2500).toggle).toBe(false);
    // Too late, or with a field heard in between, it is said again.
    expect(touchPriority(first.state, 1000 + SECOND_TOUCH_MS + 1).toggle).toBe(false);
    const field = touchField(first.state, 7, 1500);
    expect(touchPriority(field.state, 1600).toggle).toBe(false);
    // And a field after the priority button is a first touch of the field: no ticket.
    expect(touchField(first.state, 7, 1500).take).toBe(false);
    // A clock set back never confirms.
    expect(touchPriority(first.state, 900).toggle).toBe(false);
  });

  it("says what it is and what a second touch does, then the state it left, with the hub's words", () => {
    const reading: ReadingStyle = { style: 'number', dialect: 'north', tuAfterMuoi: true };
    const land = { id: 1, nameVi: 'Đất đai', rangeEnd: 2999 };
    const words = kioskVoice('center', new Set(neededClips([land], reading)), [land], reading, null).priority;
    expect(priorityButtonWords(words, false, false)).toEqual([
      'đối tượng ưu tiên',
      ',',
      'người cao tuổi',
      ',',
      'người khuyết tật',
      ',',
      'phụ nữ mang thai',
      ',',
      'chạm lần nữa để chọn',
    ]);
    expect(priorityButtonWords(words, false, true)).toEqual(['đã chọn đối tượng ưu tiên', ',', 'xin mời chọn lĩnh vực']);
    expect(priorityButtonWords(words, true, false)).toEqual(['đã chọn đối tượng ưu tiên', ',', 'chạm lần nữa để bỏ chọn']);
    expect(priorityButtonWords(words, true, true)).toEqual(['đã bỏ chọn đối tượng ưu tiên', ',', 'xin mời chọn lĩnh vực']);
  });
});
