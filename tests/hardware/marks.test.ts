// 58 mm paper (384 dots): every Vietnamese letter must stay distinct from its neighbours in the
// printed picture, at every text size a ticket uses. Letters are drawn left-aligned on their own,
// so two letters of one family share the same base glyph and differ only by their marks; the dots
// that differ are the marks the paper shows.
import { describe, expect, it } from 'vitest';
import { renderRaster, type Bitmap } from '../../hardware/printer/raster.ts';

const families = [
  'aàáảãạăằắẳẵặâầấẩẫậ',
  'AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ',
  'eèéẻẽẹêềếểễệ',
  'EÈÉẺẼẸÊỀẾỂỄỆ',
  'iìíỉĩị',
  'IÌÍỈĨỊ',
  'oòóỏõọôồốổỗộơờớởỡợ',
  'OÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ',
  'uùúủũụưừứửữự',
  'UÙÚỦŨỤƯỪỨỬỮỰ',
  'yỳýỷỹỵ',
  'YỲÝỶỸỴ',
  'dđ',
  'DĐ',
];
/** A mark must print as at least this many dots that its neighbour does not have. */
const MIN_DOTS = 6;

function draw(letter: string, size: 'small' | 'normal' | 'large', bold: boolean, width: number): Bitmap {
  return renderRaster([{ kind: 'text', text: letter, size, bold, align: 'left' }], width);
}

function differingDots(a: Bitmap, b: Bitmap): number {
  let n = 0;
  const h = Math.min(a.height, b.height);
  const rowBytes = Math.ceil(a.width / 8);
  for (let i = 0; i < h * rowBytes; i++) {
    let x = a.data[i]! ^ b.data[i]!;
    while (x) {
      n += x & 1;
      x >>= 1;
    }
  }
  return n;
}

describe('Vietnamese marks on 58 mm paper (384 dots)', () => {
  for (const [size, bold] of [
    ['small', false],
    ['normal', false],
    ['normal', true],
    ['large', true],
  ] as const) {
    it(`${size}${bold ? ' bold' : ''}: every letter differs from every other of its family by ${MIN_DOTS}+ dots`, () => {
      const weak: string[] = [];
      for (const family of families) {
        const letters = [...family];
        const pictures = letters.map((l) => draw(l, size, bold, 384));
        for (let i = 0; i < letters.length; i++) {
          for (let j = i + 1; j < letters.length; j++) {
            const d = differingDots(pictures[i]!, pictures[j]!);
            if (d < MIN_DOTS) weak.push(`${letters[i]}≈${letters[j]} (${d})`);
          }
        }
      }
      expect(weak).toEqual([]);
    });
  }
});
