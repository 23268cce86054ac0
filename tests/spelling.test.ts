// One spelling throughout: the forms of Vietnamese administrative documents (hủy, hóa, thủy, tỷ lệ)
// in every string a user sees, never the other placement of the tone mark (huỷ, hoá, thuỷ, tỉ lệ).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { citizenFacingCodes, errorCatalog } from '../main/contract/index.ts';

const roots = ['renderer/src', 'renderer/public/phone', 'main', 'hardware'];
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.(ts|tsx|js|html)$/.test(name) ? [path] : [];
  });
}

/** oa, oe, uy ending a syllable carry the tone on their first vowel (hóa, khỏe, thủy); "qu" is a consonant (quý). */
const otherForm = /(?<![qQ])(?:[oO][áàảãạ]|[oO][éèẻẽẹ]|[uU][ýỳỷỹỵ])(?!\p{L})|\b[tT]ỉ lệ\b/u;

describe('spelling', () => {
  it('uses one placement of the tone mark everywhere', () => {
    const found: string[] = [];
    for (const root of roots)
      for (const file of files(root))
        readFileSync(file, 'utf8')
          .split('\n')
          .forEach((line, i) => {
            const m = otherForm.exec(line);
            if (m) found.push(`${file}:${i + 1}: ${m[0]}`);
          });
    expect(found).toEqual([]);
  });
});

describe('how a citizen is addressed', () => {
  it('never as "bạn" in a message a citizen can meet: "Ông/Bà" or no one (#24)', () => {
    const found = citizenFacingCodes
      .map((code) => [code, errorCatalog[code].vi] as const)
      .filter(([, vi]) => /(?<!\p{L})bạn(?!\p{L})/iu.test(vi));
    expect(found).toEqual([]);
    // The daily limit speaks to the citizen who reached it.
    expect(errorCatalog.PERSON_DAILY_LIMIT.vi).toMatch(/^Ông\/Bà /);
  });
});
