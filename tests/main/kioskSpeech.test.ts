// The speaking kiosk's sequencer (issue #26 part 2): what it says on entering the mode, on each
// touch and after the ticket, and when the mode may be offered at all.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KIOSK_PAGING_PHRASES, KIOSK_PHRASES } from '../../main/voice/kioskPhrases.ts';
import { neededClips as recordingList } from '../../main/voice/clipList.ts';
import { defaultTemplate } from '../../main/voice/announcement.ts';
import {
  KIOSK_PAGING_SPEECH,
  KIOSK_SPEECH,
  PAGE_SLOTS,
  canPage,
  canSpeak,
  fieldKey,
  missingClips,
  neededClips,
  offerWords,
  pagingClips,
  pagingWords,
  priorityWords,
  ticketWords,
  kioskVoice,
} from '../../main/voice/kioskSpeech.ts';
import type { ReadingStyle } from '../../main/voice/numbers.ts';
import { repoRoot } from '../helpers/child.ts';

const north: ReadingStyle = { style: 'number', dialect: 'north', tuAfterMuoi: true };
const south: ReadingStyle = { style: 'number', dialect: 'south', tuAfterMuoi: false };
const digits: ReadingStyle = { style: 'digits', dialect: 'north', tuAfterMuoi: true };
const land = { id: 1, nameVi: 'Đất đai', rangeEnd: 2999 };
const justice = { id: 2, nameVi: 'Tư pháp – Hộ tịch – Chứng thực', rangeEnd: 1999 };

describe('what the speaking kiosk says', () => {
  it('offers the screen: the count of fields, then how to hear a name and take a number, then who the priority button is for and where', () => {
    expect(offerWords(12, north)).toEqual([
      'có',
      'mười',
      'hai',
      'lĩnh vực',
      ',',
      'chạm vào lĩnh vực để nghe tên',
      ',',
      'chạm lần nữa để lấy số',
      '.',
      'người cao tuổi',
      ',',
      'người khuyết tật',
      ',',
      'phụ nữ mang thai',
      ',',
      'chạm vào nút đối tượng ưu tiên ở cuối màn hình',
    ]);
    // A count is a number even where tickets are read digit by digit.
    expect(offerWords(12, digits).slice(0, 3)).toEqual(['có', 'mười', 'hai']);
    // The count's number words are needed even where every ticket number is read below ten.
    const fewTickets = { id: 3, nameVi: 'Đất đai', rangeEnd: 9 };
    const twelve = Array.from({ length: 12 }, (_, i) => ({ ...fewTickets, id: i + 1 }));
    expect(neededClips(twelve, digits)).toEqual(expect.arrayContaining(['có', 'lĩnh vực', 'mười', 'hai']));
  });

  it('the priority button says what it is and what a second touch does, then the state a second touch leaves, in listed phrases the mode needs', () => {
    const p = priorityWords();
    expect(p.touch).toEqual([
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
    expect(p.touchChosen).toEqual(['đã chọn đối tượng ưu tiên', ',', 'chạm lần nữa để bỏ chọn']);
    expect(p.chosen).toEqual(['đã chọn đối tượng ưu tiên', ',', 'xin mời chọn lĩnh vực']);
    expect(p.unchosen).toEqual(['đã bỏ chọn đối tượng ưu tiên', ',', 'xin mời chọn lĩnh vực']);
    const words = [...Object.values(p).flat(), ...offerWords(1, north)].filter((w) => w !== ',' && w !== '.');
    for (const w of words.filter((w) => !['có', 'một', 'lĩnh vực'].includes(w))) expect(KIOSK_PHRASES).toContain(w);
    expect(neededClips([land], north)).toEqual(expect.arrayContaining(words));
    // Without one of them the mode is not offered: a citizen never meets a silent priority button.
    const all = new Set([...neededClips([land], north)]);
    all.delete('chạm lần nữa để bỏ chọn');
    expect(canSpeak(all, [land], north)).toBe(false);
    expect(kioskVoice('center', new Set(neededClips([land], north)), [land], north, null).priority).toEqual(p);
  });

  it('says only phrases the recording screen lists (KIOSK_PHRASES), and needs them all: the paging ones only to page', () => {
    for (const p of [...Object.values(KIOSK_SPEECH), ...Object.values(KIOSK_PAGING_SPEECH)]) expect(KIOSK_PHRASES).toContain(p);
    expect([...neededClips([land], north), ...pagingClips(1, north)]).toEqual(expect.arrayContaining([...KIOSK_PHRASES]));
    // A kiosk whose fields fit one page says no paging word: the mode needs none of them.
    expect(neededClips([land], north).filter((c) => KIOSK_PAGING_PHRASES.includes(c))).toEqual([]);
    expect(new Set(Object.values(KIOSK_PAGING_SPEECH))).toEqual(new Set(KIOSK_PAGING_PHRASES));
  });

  it('the paging buttons say what they do and where the citizen is, and a page what it offers, with numbers as slots', () => {
    const p = pagingWords(32, north);
    expect(p.next).toEqual(['trang sau']);
    expect(p.previous).toEqual(['trang trước']);
    expect(p.where).toEqual([',', 'đang ở', 'trang', PAGE_SLOTS.page, 'trên tổng số', PAGE_SLOTS.pages, 'trang']);
    expect(p.again).toEqual([',', 'chạm lần nữa để sang trang']);
    expect(p.arrive).toEqual(['trang', '{page}', 'trên tổng số', '{pages}', 'trang', ',', 'có', '{count}', 'lĩnh vực']);
    // Every number to the fields shown, read as a number even where tickets are read digit by digit.
    expect(p.numbers).toHaveLength(33);
    expect(p.numbers[0]).toEqual(['không']);
    expect(p.numbers[12]).toEqual(['mười', 'hai']);
    expect(pagingWords(32, digits).numbers[31]).toEqual(['ba', 'mươi', 'mốt']);
    expect(pagingWords(24, south).numbers[24]).toEqual(['hai', 'mươi', 'bốn']);
  });

  it('reads the number back in the center reading, then a closing phrase', () => {
    expect(ticketWords(1024, north)).toEqual([
      'số của ông bà là',
      'một',
      'nghìn',
      'không',
      'trăm',
      'hai',
      'mươi',
      'tư',
      '.',
      'xin mời chờ',
    ]);
    expect(ticketWords(1024, south)).toEqual([
      'số của ông bà là',
      'một',
      'ngàn',
      'không',
      'trăm',
      'hai',
      'mươi',
      'bốn',
      '.',
      'xin mời chờ',
    ]);
    expect(ticketWords(1024, digits)).toEqual(['số của ông bà là', 'một', 'không', 'hai', 'bốn', '.', 'xin mời chờ']);
  });

  it('names a field by its clip key: NFC, lower case, signs read as a space', () => {
    expect(fieldKey('Tư pháp – Hộ tịch – Chứng thực')).toBe('tư pháp hộ tịch chứng thực');
    expect(fieldKey('Đất đai'.normalize('NFD'))).toBe('đất đai');
  });
});

describe('the mode is offered only when the pack can say it all', () => {
  const fields = [land, justice];

  it('needs the phrases, each field name and every number word of the reading', () => {
    const needed = neededClips(fields, north);
    for (const p of Object.values(KIOSK_SPEECH)) expect(needed).toContain(p);
    expect(needed).toEqual(expect.arrayContaining(['đất đai', 'tư pháp hộ tịch chứng thực']));
    expect(needed).toEqual(expect.arrayContaining(['không', 'một', 'mốt', 'tư', 'lăm', 'mười', 'mươi', 'trăm', 'nghìn', 'linh', 'chín']));
    expect(needed).not.toContain('ngàn');
    expect(neededClips(fields, south)).toEqual(expect.arrayContaining(['ngàn', 'lẻ']));
    expect(neededClips(fields, south)).not.toContain('linh');
    expect(new Set(needed).size).toBe(needed.length);
    // Fields that end below a thousand need no thousands word, as the recording screen lists them.
    const small = [{ ...land, rangeEnd: 999 }];
    expect(neededClips(small, north)).not.toContain('nghìn');
    expect(neededClips(small, north)).toEqual(expect.arrayContaining(['trăm', 'linh', 'mốt']));
  });

  it('needs nothing the recording screen does not list, in either dialect or reading, paging included', () => {
    for (const reading of [north, south, digits]) {
      const listed = recordingList({
        template: defaultTemplate,
        reading,
        maxTicket: 2999,
        maxCounter: 9,
        fieldNames: fields.map((f) => f.nameVi),
      });
      const keys = new Set(listed.map((c) => c.key));
      expect(neededClips(fields, reading).filter((k) => !keys.has(k))).toEqual([]);
      expect(pagingClips(fields.length, reading).filter((k) => !keys.has(k))).toEqual([]);
    }
    // Thirty-four fields, two of them paused, numbers read digit by digit and counters below ten:
    // the counts and pages to thirty-four are still listed.
    const many = Array.from({ length: 32 }, (_, i) => ({ id: i + 1, nameVi: `Lĩnh vực ${i + 1}`, rangeEnd: 999 }));
    const listed = recordingList({
      template: defaultTemplate,
      reading: digits,
      maxTicket: 999,
      maxCounter: 9,
      fieldNames: many.map((f) => f.nameVi),
      shownFields: 34,
    });
    const keys = new Set(listed.map((c) => c.key));
    expect([...neededClips(many, digits), ...pagingClips(34, digits)].filter((k) => !keys.has(k))).toEqual([]);
    expect(canPage(keys, many, 34, digits)).toBe(true);
  });

  it('paging is said only with every paging phrase and number word up to the fields shown, paused ones included', () => {
    const all = neededClips(fields, north);
    const paging = pagingClips(fields.length, north);
    expect(paging).toEqual(expect.arrayContaining([...KIOSK_PAGING_PHRASES, 'không', 'một', 'hai']));
    expect(canPage([...all, ...paging], fields, fields.length, north)).toBe(true);
    expect(canSpeak(all, fields, north)).toBe(true);
    expect(canPage(all, fields, fields.length, north)).toBe(false);
    expect(
      canPage(
        [...all, ...paging].filter((c) => c !== KIOSK_PAGING_SPEECH.ofTotal),
        fields,
        fields.length,
        north,
      ),
    ).toBe(false);
    // Without what the mode itself needs, no paging either.
    expect(
      canPage(
        [...all, ...paging].filter((c) => c !== 'đất đai'),
        fields,
        fields.length,
        north,
      ),
    ).toBe(false);
    // Twelve fields shown (ten, and two paused) where tickets are read digit by digit: "mười" is needed.
    const twelve = pagingClips(12, digits);
    expect(twelve).toEqual(expect.arrayContaining(['mười', 'hai']));
    expect(
      canPage(
        [...neededClips(fields, digits), ...twelve].filter((c) => c !== 'mười'),
        fields,
        12,
        digits,
      ),
    ).toBe(false);
  });

  it('canSpeak is true with every clip, and false when one is missing', () => {
    const all = neededClips(fields, north);
    expect(canSpeak(all, fields, north)).toBe(true);
    expect(
      canSpeak(
        all.filter((c) => c !== 'lăm'),
        fields,
        north,
      ),
    ).toBe(false);
    expect(
      missingClips(
        all.filter((c) => c !== KIOSK_SPEECH.yourNumber),
        fields,
        north,
      ),
    ).toEqual(['số', 'của', 'ông', 'bà', 'là']);
    // A field recorded with the wrong name is missing; one said word by word is not.
    const wordByWord = [...all.filter((c) => c !== 'đất đai'), 'đất', 'đai'];
    expect(canSpeak(wordByWord, fields, north)).toBe(true);
    expect(canSpeak([], [], north)).toBe(false);
  });

  it("answers the kiosk's words in one piece, the ticket's only when asked with a number", () => {
    const all = new Set(neededClips(fields, north));
    const v = kioskVoice('trung-tam', all, fields, north, 21);
    expect(v).toEqual({
      pack: 'trung-tam',
      available: true,
      offer: [
        ...['có', 'hai', 'lĩnh vực', ',', 'chạm vào lĩnh vực để nghe tên', ',', 'chạm lần nữa để lấy số', '.'],
        ...['người cao tuổi', ',', 'người khuyết tật', ',', 'phụ nữ mang thai', ',', 'chạm vào nút đối tượng ưu tiên ở cuối màn hình'],
      ],
      fields: [
        { fieldId: 1, words: ['đất đai'] },
        { fieldId: 2, words: ['tư pháp hộ tịch chứng thực'] },
      ],
      notTaking: [
        { fieldId: 1, words: ['đất đai', ',', 'tạm ngừng nhận số'] },
        { fieldId: 2, words: ['tư pháp hộ tịch chứng thực', ',', 'tạm ngừng nhận số'] },
      ],
      ticket: ['số của ông bà là', 'hai', 'mươi', 'mốt', '.', 'xin mời chờ'],
      paging: { available: false, ...pagingWords(2, north) },
      priority: priorityWords(),
    });
    // With the paging words too, a kiosk that pages may offer the mode; the paused fields are counted as shown.
    const paged = kioskVoice('trung-tam', new Set([...all, ...pagingClips(3, north)]), fields, north, null, [
      { id: 9, nameVi: 'Xây dựng' },
    ]);
    expect(paged.paging).toEqual({ available: true, ...pagingWords(3, north) });
    expect(kioskVoice('trung-tam', new Set(), fields, north, null)).toMatchObject({ available: false, ticket: null });
  });

  it('a paused or full field says its name when the pack has it, and always that it takes no tickets now', () => {
    const all = new Set(neededClips(fields, north));
    expect(KIOSK_PHRASES).toContain(KIOSK_SPEECH.notTaking);
    expect(neededClips(fields, north)).toContain('tạm ngừng nhận số');
    // A paused field is not on the recording list: with no clip of its name, only the phrase is said.
    const v = kioskVoice('trung-tam', all, fields, north, null, [{ id: 9, nameVi: 'Xây dựng' }]);
    expect(v.notTaking.find((f) => f.fieldId === 9)?.words).toEqual(['tạm ngừng nhận số']);
    const named = kioskVoice('trung-tam', new Set([...all, 'xây dựng']), fields, north, null, [{ id: 9, nameVi: 'Xây dựng' }]);
    expect(named.notTaking.find((f) => f.fieldId === 9)?.words).toEqual(['xây dựng', ',', 'tạm ngừng nhận số']);
  });

  it('is not offered with the built-in espeak pack alone (it has no field names)', () => {
    const manifest = JSON.parse(readFileSync(join(repoRoot, 'renderer/public/voice/vi-espeak/manifest.json'), 'utf8')) as {
      clips: Record<string, string>;
    };
    expect(canSpeak(Object.keys(manifest.clips), fields, north)).toBe(false);
    expect(missingClips(Object.keys(manifest.clips), fields, north)).toEqual(expect.arrayContaining(['lĩnh', 'chạm', 'đất', 'đai']));
  });
});
