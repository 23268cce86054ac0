// Keyboard-mode scanners opened exclusively through node-hid: 8-byte boot keyboard reports
// (modifiers, reserved, six key codes). A key counts when it appears in a report; Enter ends a code.

export type Layout = 'us' | 'de' | 'fr';

const SHIFT = 0x22; // left or right shift in the modifier byte
const ENTER = 0x28;
const KEYPAD_ENTER = 0x58;

// Usage IDs 0x04–0x38 on a US keyboard: [plain, shifted].
const US: Record<number, [string, string]> = {};
'abcdefghijklmnopqrstuvwxyz'.split('').forEach((c, i) => { US[0x04 + i] = [c, c.toUpperCase()]; });
'1234567890'.split('').forEach((c, i) => { US[0x1e + i] = [c, '!@#$%^&*()'[i]!]; });
Object.assign(US, {
  0x2c: [' ', ' '], 0x2d: ['-', '_'], 0x2e: ['=', '+'], 0x2f: ['[', '{'], 0x30: [']', '}'], 0x31: ['\\', '|'],
  0x33: [';', ':'], 0x34: ["'", '"'], 0x35: ['`', '~'], 0x36: [',', '<'], 0x37: ['.', '>'], 0x38: ['/', '?'],
});
// Keypad digits, common on scanners set to "numeric keypad" mode.
'1234567890'.split('').forEach((c, i) => { US[0x59 + i] = [c, c]; });

/** Where German and French layouts differ from US for what codes contain (letters, digits, | . - /). */
const DE: Record<number, [string, string]> = {
  ...US, 0x1c: ['z', 'Z'], 0x1d: ['y', 'Y'], 0x1e: ['1', '!'], 0x1f: ['2', '"'], 0x23: ['6', '&'], 0x24: ['7', '/'],
  0x25: ['8', '('], 0x26: ['9', ')'], 0x27: ['0', '='], 0x36: [',', ';'], 0x37: ['.', ':'], 0x38: ['-', '_'], 0x64: ['<', '>'],
};
const FR: Record<number, [string, string]> = {
  ...US, 0x14: ['a', 'A'], 0x04: ['q', 'Q'], 0x1a: ['z', 'Z'], 0x1d: ['w', 'W'], 0x33: ['m', 'M'], 0x10: [',', '?'],
  0x1e: ['&', '1'], 0x1f: ['é', '2'], 0x20: ['"', '3'], 0x21: ["'", '4'], 0x22: ['(', '5'], 0x23: ['-', '6'],
  0x24: ['è', '7'], 0x25: ['_', '8'], 0x26: ['ç', '9'], 0x27: ['à', '0'], 0x36: [';', '.'], 0x37: [':', '/'],
};
const LAYOUTS: Record<Layout, Record<number, [string, string]>> = { us: US, de: DE, fr: FR };

/** Takes report bytes in chunks of any size; calls onCode with each code ended by Enter. */
export class BootKeyboardDecoder {
  private pending: number[] = [];
  private down = new Set<number>();
  private text = '';

  constructor(private readonly layout: Layout, private readonly onCode: (code: string) => void) {}

  push(chunk: Uint8Array): void {
    this.pending.push(...chunk);
    while (this.pending.length >= 8) this.report(this.pending.splice(0, 8));
  }

  private report(r: number[]): void {
    const shifted = (r[0]! & SHIFT) !== 0;
    const now = new Set(r.slice(2).filter((k) => k > 0x03)); // 0 none, 1–3 error codes
    for (const key of now) {
      if (this.down.has(key)) continue; // still held from the previous report
      if (key === ENTER || key === KEYPAD_ENTER) {
        if (this.text) this.onCode(this.text);
        this.text = '';
        continue;
      }
      const chars = LAYOUTS[this.layout][key];
      if (chars) this.text += chars[shifted ? 1 : 0];
    }
    this.down = now;
  }
}

/** The report a scanner sends for one character (press) and the empty one after it (release). */
export function reportsFor(text: string, layout: Layout = 'us'): Uint8Array {
  const table = LAYOUTS[layout];
  const out: number[] = [];
  for (const ch of text) {
    const entry = Object.entries(table).find(([, v]) => v[0] === ch || v[1] === ch);
    if (!entry) continue;
    const [key, [plain]] = entry;
    out.push(plain === ch ? 0 : 0x02, 0, Number(key), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  }
  out.push(0, 0, ENTER, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  return Uint8Array.from(out);
}
