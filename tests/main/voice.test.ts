import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readNumber, type ReadingStyle } from '../../main/voice/numbers.ts';
import { composeAnnouncement, announcementText, defaultTemplate, missingWords } from '../../main/voice/announcement.ts';
import { activeLevelDb, readWav } from '../../main/voice/loudness.ts';

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

/** The built-in pack, as the hub and the hall read it. */
const packDir = fileURLToPath(new URL('../../renderer/public/voice/vi-espeak', import.meta.url));
const pack = JSON.parse(readFileSync(join(packDir, 'manifest.json'), 'utf8')) as {
  chime: string;
  levelDbfs: number;
  minClipMs: number;
  pauses: string[];
  clips: Record<string, string>;
};
const packClips = new Set(Object.keys(pack.clips));

describe('what managers type (#23 item 5)', () => {
  const say = (template: string) => composeAnnouncement(template, 1234, 5, north);

  it('the default sentence typed in decomposed Unicode (UniKey "Unicode tổ hợp") is the same sentence', () => {
    const nfd = defaultTemplate.normalize('NFD');
    expect(nfd).not.toBe(defaultTemplate);
    expect(say(nfd)).toEqual(say(defaultTemplate));
    expect(missingWords(say(nfd), packClips)).toEqual([]);
    expect(missingWords(say('Xin mời Ông/Bà có số {so} đến quầy {quay} để làm thủ tục'.normalize('NFD')), packClips)).toEqual([]);
  });

  it('a full stop or a comma is a pause, never a word the pack lacks', () => {
    expect(say('Mời công dân có số thứ tự {so} đến quầy số {quay}.')).toEqual(say(defaultTemplate));
    const words = say('Xin mời công dân, có số {so}, đến quầy số {quay}. Xin cảm ơn!');
    expect(words).toEqual([
      'xin mời công dân',
      ',',
      'có số',
      'một',
      'nghìn',
      'hai',
      'trăm',
      'ba',
      'mươi',
      'tư',
      ',',
      'đến quầy số',
      'năm',
      '.',
      'xin cảm ơn',
    ]);
    expect(announcementText(words)).toBe('Xin mời công dân, có số một nghìn hai trăm ba mươi tư, đến quầy số năm. Xin cảm ơn');
    expect(missingWords(words, packClips)).toEqual([]);
    // A pack without pause clips still says the sentence: the words meet.
    expect(missingWords(words, new Set([...packClips].filter((c) => c !== ',' && c !== '.')))).toEqual([]);
    // Pauses never start or end a call, and several in a row are one.
    expect(say('... {so} ,, ; quầy {quay} !?')).toEqual(['một', 'nghìn', 'hai', 'trăm', 'ba', 'mươi', 'tư', ',', 'quầy', 'năm']);
  });

  it('"Ông/Bà" is read "ông bà"', () => {
    const words = say('Mời Ông/Bà có số thứ tự {so} đến quầy {quay}');
    expect(words[0]).toBe('mời ông bà có số thứ tự');
    expect(missingWords(words, packClips)).toEqual([]);
    expect(say('Mời ÔNG / BÀ số {so}')[0]).toBe('mời ông bà số');
  });

  it('only words truly missing are refused, each named once, whatever the punctuation and Unicode form', () => {
    const words = say('Trân trọng kính mời Ông/Bà, số {so} đến quầy {quay}. Trân trọng!'.normalize('NFD'));
    expect(missingWords(words, packClips)).toEqual(['trân', 'trọng']);
  });
});

describe('the built-in voice pack (#23 item 5)', () => {
  /** The clip as the hall's browser hears it: decoded by opusdec (opus-tools), 16-bit PCM. */
  const decode = (file: string) =>
    readWav(
      execFileSync('opusdec', ['--quiet', '--force-wav', '--rate', '24000', join(packDir, file), '-'], {
        stdio: ['ignore', 'pipe', 'ignore'],
      }),
    );
  const speech = Object.entries(pack.clips).filter(([text]) => !pack.pauses.includes(text));

  it('every clip is within ±1 dB of the pack’s level and none is shorter than the floor (được, tục, tiếp were 54, 60, 97 ms)', () => {
    expect(pack.levelDbfs).toBeLessThan(-12);
    expect(pack.minClipMs).toBeGreaterThanOrEqual(180);
    const off: string[] = [];
    for (const [text, file] of speech) {
      const { samples, sampleRate } = decode(file);
      const level = activeLevelDb(samples, sampleRate);
      const ms = (samples.length / sampleRate) * 1000;
      if (!(Math.abs(level - pack.levelDbfs) <= 1)) off.push(`${text}: ${level.toFixed(2)} dBFS`);
      if (ms < pack.minClipMs - 1) off.push(`${text}: ${ms.toFixed(0)} ms`);
      let peak = 0;
      for (const x of samples) peak = Math.max(peak, Math.abs(x));
      if (peak >= 0.999) off.push(`${text}: clipped`);
    }
    expect(off).toEqual([]);
    expect(speech.length).toBeGreaterThan(80);
  });

  it('the pauses are silence of their length', () => {
    for (const [p, ms] of [
      [',', 250],
      ['.', 500],
    ] as const) {
      const { samples, sampleRate } = decode(pack.clips[p]!);
      expect(activeLevelDb(samples, sampleRate)).toBe(-Infinity);
      expect(Math.abs((samples.length / sampleRate) * 1000 - ms)).toBeLessThan(5);
    }
  });

  it('the active level ignores the silence a short word is padded with', () => {
    const rate = 24000;
    const tone = Float32Array.from({ length: rate / 10 }, (_, i) => 0.1 * Math.sin((2 * Math.PI * 440 * i) / rate));
    const padded = new Float32Array(rate / 2);
    padded.set(tone);
    expect(activeLevelDb(tone, rate)).toBeCloseTo(-23.01, 1);
    expect(activeLevelDb(padded, rate)).toBeCloseTo(activeLevelDb(tone, rate), 5);
  });
});
