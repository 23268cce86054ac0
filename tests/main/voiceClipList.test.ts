// The clip list of a center's own voice: every number a ticket or counter can carry is sayable
// from it, in both dialects, and it holds the template's phrases, the field names and the kiosk's.
import { describe, expect, it } from 'vitest';
import { neededClips, numberWords, templatePhrases } from '../../main/voice/clipList.ts';
import { composeAnnouncement, defaultTemplate, missingWords } from '../../main/voice/announcement.ts';
import { readNumber, type ReadingStyle } from '../../main/voice/numbers.ts';
import { clipKey } from '../../main/voice/clipKey.ts';
import { KIOSK_PHRASES } from '../../main/voice/kioskPhrases.ts';

// Digit by digit reads the same north and south: one such reading is enough.
const readings: ReadingStyle[] = [
  ...(['north', 'south'] as const).flatMap((dialect) =>
    [true, false].map((tuAfterMuoi) => ({ style: 'number' as const, dialect, tuAfterMuoi })),
  ),
  { style: 'digits', dialect: 'south', tuAfterMuoi: true },
];
const keysOf = (input: Parameters<typeof neededClips>[0]) => new Set(neededClips(input).map((c) => c.key));

describe('the clip list', () => {
  it('every number 0–99999 is sayable from the list, north and south, every style', () => {
    for (const reading of readings) {
      const words = new Set(numberWords(99_999, reading));
      for (let n = 0; n <= 99_999; n++)
        for (const w of readNumber(n, reading)) if (!words.has(w)) throw new Error(`${n} (${JSON.stringify(reading)}): "${w}" not listed`);
    }
  });

  it('up to the highest ticket a field can hold (999999), and into the millions when asked', () => {
    for (const reading of readings) {
      const words = new Set(numberWords(999_999, reading));
      for (let n = 100_000; n <= 999_999; n += 97) for (const w of readNumber(n, reading)) expect(words.has(w), `${n}: ${w}`).toBe(true);
      expect(words.has('triệu')).toBe(false); // no ticket reaches a million
      const millions = new Set(numberWords(5_000_000, reading));
      for (const n of [1_000_000, 1_000_005, 2_345_678, 4_010_101])
        for (const w of readNumber(n, reading)) expect(millions.has(w)).toBe(true);
    }
  });

  it('lists no number word a center never says: a hub with tickets below 1000 needs no nghìn', () => {
    const words = numberWords(999, { style: 'number', dialect: 'north', tuAfterMuoi: true });
    expect(words).not.toContain('nghìn');
    expect(words).not.toContain('ngàn');
    expect(numberWords(99_999, { style: 'number', dialect: 'south', tuAfterMuoi: false })).not.toContain('tư');
    expect(numberWords(99_999, { style: 'number', dialect: 'south', tuAfterMuoi: true })).toEqual(
      expect.arrayContaining(['ngàn', 'lẻ', 'tư', 'lăm', 'mốt']),
    );
    expect(numberWords(99_999, { style: 'number', dialect: 'north', tuAfterMuoi: true })).not.toContain('lẻ');
  });

  it('phrases are the template split as composeAnnouncement splits it, so a recorded phrase is played whole', () => {
    expect(templatePhrases(defaultTemplate)).toEqual(['mời công dân có số thứ tự', 'đến quầy số']);
    const typed = 'Trân trọng kính mời Ông/Bà, số {so} đến quầy {quay}.'.normalize('NFD');
    const phrases = templatePhrases(typed);
    expect(phrases).toEqual(['trân trọng kính mời ông bà', 'số', 'đến quầy']);
    const call = composeAnnouncement(typed, 1234, 5, readings[0]!);
    for (const w of call)
      if (w !== ',' && w !== '.')
        expect(keysOf({ template: typed, reading: readings[0]!, maxTicket: 9999, maxCounter: 9, fieldNames: [] }).has(w)).toBe(true);
  });

  it('a call to any ticket and counter misses nothing once every listed clip is recorded', () => {
    for (const reading of readings) {
      const keys = keysOf({ template: defaultTemplate, reading, maxTicket: 99_999, maxCounter: 99, fieldNames: [] });
      for (const [so, quay] of [
        [0, 1],
        [1024, 24],
        [99_999, 99],
        [50_505, 15],
        [10_001, 21],
      ] as const)
        expect(missingWords(composeAnnouncement(defaultTemplate, so, quay, reading), keys)).toEqual([]);
    }
  });

  it('field names and the kiosk phrases are listed under the shared key rule, each once', () => {
    const clips = neededClips({
      template: defaultTemplate,
      reading: readings[0]!,
      maxTicket: 9999,
      maxCounter: 9,
      fieldNames: ['Đất đai – Xây dựng', 'Tư pháp'.normalize('NFD'), 'tư pháp'],
    });
    expect(clips.filter((c) => c.group === 'field').map((c) => c.key)).toEqual(['đất đai xây dựng', 'tư pháp']);
    expect(clips.filter((c) => c.group === 'kiosk').map((c) => c.key)).toEqual(KIOSK_PHRASES.map(clipKey));
    expect(new Set(clips.map((c) => c.key)).size).toBe(clips.length);
  });

  it("lists the speaking kiosk's counts and page numbers as numbers, up to the fields a kiosk shows (paused ones too)", () => {
    const digits: ReadingStyle = { style: 'digits', dialect: 'north', tuAfterMuoi: true };
    const input = { template: 'Mời số {so}', reading: digits, maxTicket: 999, maxCounter: 9, fieldNames: ['Đất đai', 'Tư pháp'] };
    const numbers = (i: Parameters<typeof neededClips>[0]) =>
      neededClips(i)
        .filter((c) => c.group === 'number')
        .map((c) => c.key);
    // Two fields: their count's words are digits, already listed.
    expect(numbers(input)).not.toContain('mười');
    // Twenty-five fields shown, two of them active: "trang một trên tổng số hai trang, có hai mươi lăm lĩnh vực".
    const shown = numbers({ ...input, shownFields: 25 });
    for (let n = 0; n <= 25; n++) for (const w of readNumber(n, { ...digits, style: 'number' })) expect(shown).toContain(w);
    expect(shown).toEqual(expect.arrayContaining(['mười', 'mươi', 'lăm', 'mốt', 'tư']));
    // The paging phrases are the kiosk's, listed for every center (whether a kiosk pages is its own).
    expect(
      neededClips(input)
        .filter((c) => c.group === 'kiosk')
        .map((c) => c.key),
    ).toEqual(expect.arrayContaining(['trang sau', 'trang trước', 'đang ở', 'trang', 'trên tổng số', 'chạm lần nữa để sang trang']));
  });

  it("lists the priority button's phrases for recording: the speaking kiosk names the priority queue and answers its button (#26)", () => {
    const input = { template: defaultTemplate, reading: readings[0]!, maxTicket: 999, maxCounter: 9, fieldNames: ['Đất đai'] };
    expect(
      neededClips(input)
        .filter((c) => c.group === 'kiosk')
        .map((c) => c.key),
    ).toEqual(
      expect.arrayContaining([
        'người cao tuổi',
        'người khuyết tật',
        'phụ nữ mang thai',
        'chạm vào nút đối tượng ưu tiên ở cuối màn hình',
        'đối tượng ưu tiên',
        'chạm lần nữa để chọn',
        'chạm lần nữa để bỏ chọn',
        'đã chọn đối tượng ưu tiên',
        'đã bỏ chọn đối tượng ưu tiên',
        'xin mời chọn lĩnh vực',
      ]),
    );
  });

  it('the default template needs 20 call clips, north and south alike (the counts the report quotes)', () => {
    const call = (dialect: 'north' | 'south') =>
      neededClips({
        template: defaultTemplate,
        reading: { style: 'number', dialect, tuAfterMuoi: true },
        maxTicket: 99_999,
        maxCounter: 99,
        fieldNames: [],
      })
        .filter((c) => c.group === 'phrase' || c.group === 'number')
        .map((c) => c.key);
    const digits = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'];
    const phrases = ['mời công dân có số thứ tự', 'đến quầy số'];
    expect(new Set(call('north'))).toEqual(new Set([...phrases, ...digits, 'mười', 'mươi', 'mốt', 'tư', 'lăm', 'trăm', 'linh', 'nghìn']));
    expect(new Set(call('south'))).toEqual(new Set([...phrases, ...digits, 'mười', 'mươi', 'mốt', 'tư', 'lăm', 'trăm', 'lẻ', 'ngàn']));
    expect(call('north').slice(0, 12)).toEqual([...phrases, ...digits]);
  });
});
