import { describe, expect, it } from 'vitest';
import { applyTone } from '../../renderer/src/rating/vietKeys.ts';

describe('tones on the tablet keyboard follow Vietnamese spelling', () => {
  it.each([
    ['chơ', 'huyen', 'chờ'],
    ['chờ lâu', 'sac', 'chờ lấu'],
    ['chờ lấu', 'nang', 'chờ lậu'], // a new tone replaces the old one
    ['thu tuc', 'nang', 'thu tục'],
    ['nhanh', 'huyen', 'nhành'],
    ['đươc', 'nang', 'được'], // ươ: on ơ
    ['mua', 'sac', 'múa'], // open syllable, two vowels: the first
    ['hoang', 'huyen', 'hoàng'], // closed syllable: the last vowel
    ['quy', 'sac', 'quý'], // qu is a consonant
    ['gia', 'sac', 'giá'], // gi is a consonant
    ['khuyu', 'hoi', 'khuỷu'], // three vowels: the middle
    ['Hai long', 'sac', 'Hai lóng'],
  ] as const)('%s + %s → %s', (typed, tone, expected) => {
    expect(applyTone(typed, tone)).toBe(expected);
  });

  it('a word with no vowel, or nothing typed, is left as it is', () => {
    expect(applyTone('', 'sac')).toBe('');
    expect(applyTone('hm', 'sac')).toBe('hm');
    expect(applyTone('chờ ', 'sac')).toBe('chờ ');
  });
});
