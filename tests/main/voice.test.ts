import { describe, expect, it } from 'vitest';
import { readNumber, type ReadingStyle } from '../../main/voice/numbers.ts';
import { composeAnnouncement, announcementText, defaultTemplate, missingWords } from '../../main/voice/announcement.ts';

const north: ReadingStyle = { style: 'number', dialect: 'north', tuAfterMuoi: true };
const south: ReadingStyle = { style: 'number', dialect: 'south', tuAfterMuoi: true };

describe('Vietnamese numbers', () => {
  it.each([
    [0, 'không'],
    [1, 'một'],
    [4, 'bốn'],
    [5, 'năm'],
    [10, 'mười'],
    [11, 'mười một'],
    [14, 'mười bốn'],
    [15, 'mười lăm'],
    [20, 'hai mươi'],
    [21, 'hai mươi mốt'],
    [24, 'hai mươi tư'],
    [25, 'hai mươi lăm'],
    [55, 'năm mươi lăm'],
    [91, 'chín mươi mốt'],
    [100, 'một trăm'],
    [101, 'một trăm linh một'],
    [104, 'một trăm linh bốn'],
    [105, 'một trăm linh năm'],
    [110, 'một trăm mười'],
    [111, 'một trăm mười một'],
    [115, 'một trăm mười lăm'],
    [121, 'một trăm hai mươi mốt'],
    [999, 'chín trăm chín mươi chín'],
    [1000, 'một nghìn'],
    [1001, 'một nghìn không trăm linh một'],
    [1005, 'một nghìn không trăm linh năm'],
    [1010, 'một nghìn không trăm mười'],
    [1015, 'một nghìn không trăm mười lăm'],
    [1023, 'một nghìn không trăm hai mươi ba'],
    [1100, 'một nghìn một trăm'],
    [1234, 'một nghìn hai trăm ba mươi tư'],
    [2004, 'hai nghìn không trăm linh bốn'],
    [9999, 'chín nghìn chín trăm chín mươi chín'],
    [15000, 'mười lăm nghìn'],
    [21001, 'hai mươi mốt nghìn không trăm linh một'],
    [105000, 'một trăm linh năm nghìn'],
    [123456, 'một trăm hai mươi ba nghìn bốn trăm năm mươi sáu'],
    [1000000, 'một triệu'],
    [1000005, 'một triệu không trăm nghìn không trăm linh năm'],
  ])('%i → %s (northern)', (n, words) => {
    expect(readNumber(n, north).join(' ')).toBe(words);
  });

  it.each([
    [105, 'một trăm lẻ năm'],
    [1023, 'một ngàn không trăm hai mươi ba'],
    [2004, 'hai ngàn không trăm lẻ bốn'],
    [15000, 'mười lăm ngàn'],
  ])('%i → %s (southern)', (n, words) => {
    expect(readNumber(n, south).join(' ')).toBe(words);
  });

  it('bốn instead of tư when the center prefers it; digit by digit', () => {
    expect(readNumber(24, { ...north, tuAfterMuoi: false }).join(' ')).toBe('hai mươi bốn');
    expect(readNumber(1023, { ...north, style: 'digits' }).join(' ')).toBe('một không hai ba');
    expect(readNumber(4015, { ...north, style: 'digits' }).join(' ')).toBe('bốn không một năm');
  });

  it('refuses what it cannot read', () => {
    expect(() => readNumber(-1)).toThrow(RangeError);
    expect(() => readNumber(1.5)).toThrow(RangeError);
  });
});

describe('announcements', () => {
  it('the default call, as phrases and words', () => {
    const words = composeAnnouncement(defaultTemplate, 1023, 5, north);
    expect(words).toEqual(['mời công dân có số thứ tự', 'một', 'nghìn', 'không', 'trăm', 'hai', 'mươi', 'ba', 'đến quầy số', 'năm']);
    expect(announcementText(words)).toBe('Mời công dân có số thứ tự một nghìn không trăm hai mươi ba đến quầy số năm');
  });

  it('digit-by-digit tickets still read the counter as a number', () => {
    expect(announcementText(composeAnnouncement(defaultTemplate, 2015, 12, { ...north, style: 'digits' }))).toBe(
      'Mời công dân có số thứ tự hai không một năm đến quầy số mười hai',
    );
  });
});

describe('what a voice pack can say', () => {
  it('a phrase the pack has is whole; one it lacks is said word by word; words it lacks are named once', () => {
    const clips = new Set(['xin mời', 'số', 'đến', 'quầy', 'một', 'hai']);
    expect(missingWords(['xin mời', 'số', 'một'], clips)).toEqual([]);
    // Word by word means every word: the hall's player does not look for shorter phrases inside.
    expect(missingWords(['xin mời công dân', 'số', 'hai', 'đến quầy'], clips)).toEqual(['xin', 'mời', 'công', 'dân']);
    expect(missingWords(['để làm thủ tục', 'làm'], clips)).toEqual(['để', 'làm', 'thủ', 'tục']);
  });
});
