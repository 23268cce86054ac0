// One spelling throughout: the forms of Vietnamese administrative documents (hủy, hóa, thủy, tỷ lệ)
// in every string a user sees, never the other placement of the tone mark (huỷ, hoá, thuỷ, tỉ lệ).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
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

describe('one term for each thing (#24)', () => {
  /**
   * The words dropped for each thing: a code that pairs a device (or a center with its province) is
   * "mã ghép nối"; a wait the center sets is a "mục tiêu" ("quy định" only for a legal rule); a site
   * reporting to the province is an "điểm giao dịch".
   */
  const dropped: Array<[RegExp, string]> = [
    [/mã kết nối/iu, 'mã ghép nối'],
    [/quá (?:thời gian |mức )?quy định|(?:thời gian|mức) chờ (?:theo )?quy định/iu, 'mục tiêu'],
    [/điểm một cửa/iu, 'điểm giao dịch'],
  ];

  it('uses one word for the pairing code, the target wait and the site, in every text a user sees', () => {
    const found: string[] = [];
    for (const root of [...roots, 'province'])
      for (const file of files(root))
        readFileSync(file, 'utf8')
          .split('\n')
          .forEach((line, i) => {
            for (const [variant, term] of dropped) {
              const m = variant.exec(line);
              if (m) found.push(`${file}:${i + 1}: "${m[0]}" (say "${term}")`);
            }
          });
    expect(found).toEqual([]);
  });
});

describe('words live in the typed text tables (#24)', () => {
  /** A Vietnamese letter that English does not have: a string holding one is a Vietnamese phrase. */
  const vietnamese = /[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/iu;
  /** Names the same in every language: the product, file formats, character sets. */
  const names = new Set(['motcua', 'Excel (.xlsx)', 'PDF', 'CSV', 'Windows-1258', 'TCVN-3']);
  /** Attributes a person reads or hears (a screen reader reads aria-label and alt). */
  const readAttributes = new Set(['aria-label', 'title', 'alt', 'placeholder']);

  /** Text a user would see or hear written in a .tsx file rather than in a *Text.ts table. */
  function inlineText(file: string): string[] {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
    const found: string[] = [];
    const at = (n: ts.Node, text: string) =>
      found.push(`${file}:${source.getLineAndCharacterOfPosition(n.getStart()).line + 1}: ${text.trim()}`);
    const visit = (n: ts.Node): void => {
      if (ts.isJsxText(n) && /\p{L}/u.test(n.text)) {
        const text = n.text.trim();
        // A key's name on a key cap (<kbd>H</kbd>) is the key, not a word.
        const inKbd = ts.isJsxElement(n.parent) && n.parent.openingElement.tagName.getText(source) === 'kbd';
        if (!names.has(text) && !inKbd) at(n, text);
      } else if (ts.isStringLiteralLike(n) || ts.isTemplateLiteralToken(n)) {
        const attribute = ts.isJsxAttribute(n.parent) ? n.parent.name.getText(source) : null;
        if (vietnamese.test(n.text)) at(n, n.text);
        // An English-only label for a screen reader or a tooltip: a word, not a code or an address.
        else if (attribute && readAttributes.has(attribute) && /(?<![\w/:.])[a-z]{2,}(?![\w:/])/u.test(n.text)) at(n, n.text);
      }
      ts.forEachChild(n, visit);
    };
    visit(source);
    return found;
  }

  it('no Vietnamese phrase, JSX text or read-aloud label is written inside a .tsx file', () => {
    const tsx = files('renderer/src').filter((f) => f.endsWith('.tsx'));
    expect(tsx.length).toBeGreaterThan(20);
    expect(tsx.flatMap(inlineText)).toEqual([]);
  });
});
