// Keyboard-mode scanners opened exclusively through node-hid: 8-byte boot keyboard reports
// (modifiers, reserved, six key codes). A key counts when it appears in a report; Enter ends a code.

import { byteAt } from '../bytes.ts';

export type Layout = 'us' | 'de' | 'fr';

const SHIFT = 0x22; // left or right shift in the modifier byte
const RIGHT_ALT = 0x40; // AltGr on German and French layouts
const CTRL_ALT = 0x05; // left Ctrl + left Alt: how Windows scanners often send AltGr
const ENTER = 0x28;
const KEYPAD_ENTER = 0x58;

/** What a key gives: plain, with Shift, with AltGr (undefined: nothing). */
type Key = [string, string, string?];

// Usage IDs of the Keyboard/Keypad page (HID Usage Tables 1.5, chapter 10) on a US keyboard.
const US: Record<number, Key> = {};
'abcdefghijklmnopqrstuvwxyz'.split('').forEach((c, i) => {
  US[0x04 + i] = [c, c.toUpperCase()];
});
'1234567890'.split('').forEach((c, i) => {
  US[0x1e + i] = [c, '!@#$%^&*()'.charAt(i)];
});
Object.assign(US, {
  0x2c: [' ', ' '],
  0x2d: ['-', '_'],
  0x2e: ['=', '+'],
  0x2f: ['[', '{'],
  0x30: [']', '}'],
  0x31: ['\\', '|'],
  0x32: ['\\', '|'], // Non-US # and ~: the key beside Enter on ISO boards, \ | on a US layout
  0x33: [';', ':'],
  0x34: ["'", '"'],
  0x35: ['`', '~'],
  0x36: [',', '<'],
  0x37: ['.', '>'],
  0x38: ['/', '?'],
  0x64: ['\\', '|'], // Non-US \ and |: the key beside left Shift on ISO boards
});
// The keypad, which many scanners use in "numeric keypad" mode: the same on every layout but its decimal key.
const keypad = (decimal: string): Record<number, Key> => {
  const k: Record<number, Key> = { 0x54: ['/', '/'], 0x55: ['*', '*'], 0x56: ['-', '-'], 0x57: ['+', '+'], 0x63: [decimal, decimal] };
  '1234567890'.split('').forEach((c, i) => {
    k[0x59 + i] = [c, c];
  });
  return k;
};
Object.assign(US, keypad('.'));

/** German (T1, QWERTZ), for the characters codes contain; dead keys (^ ´ `) are left out. */
const DE: Record<number, Key> = {
  ...US,
  ...keypad(','),
  0x1c: ['z', 'Z'],
  0x1d: ['y', 'Y'],
  0x14: ['q', 'Q', '@'],
  0x08: ['e', 'E', '€'],
  0x10: ['m', 'M', 'µ'],
  0x1e: ['1', '!'],
  0x1f: ['2', '"', '²'],
  0x20: ['3', '§', '³'],
  0x21: ['4', '$'],
  0x22: ['5', '%'],
  0x23: ['6', '&'],
  0x24: ['7', '/', '{'],
  0x25: ['8', '(', '['],
  0x26: ['9', ')', ']'],
  0x27: ['0', '=', '}'],
  0x2d: ['ß', '?', '\\'],
  0x2f: ['ü', 'Ü'],
  0x30: ['+', '*', '~'],
  0x31: ['#', "'"],
  0x32: ['#', "'"],
  0x33: ['ö', 'Ö'],
  0x34: ['ä', 'Ä'],
  0x36: [',', ';'],
  0x37: ['.', ':'],
  0x38: ['-', '_'],
  0x64: ['<', '>', '|'],
};
delete DE[0x2e]; // ´ and ` are dead keys
delete DE[0x35]; // ^ and ° start a dead key

/** French (AZERTY), likewise. */
const FR: Record<number, Key> = {
  ...US,
  ...keypad('.'),
  0x14: ['a', 'A'],
  0x04: ['q', 'Q'],
  0x1a: ['z', 'Z'],
  0x1d: ['w', 'W'],
  0x33: ['m', 'M'],
  0x10: [',', '?'],
  0x1e: ['&', '1'],
  0x1f: ['é', '2', '~'],
  0x20: ['"', '3', '#'],
  0x21: ["'", '4', '{'],
  0x22: ['(', '5', '['],
  0x23: ['-', '6', '|'],
  0x24: ['è', '7', '`'],
  0x25: ['_', '8', '\\'],
  0x26: ['ç', '9', '^'],
  0x27: ['à', '0', '@'],
  0x2d: [')', '°', ']'],
  0x2e: ['=', '+', '}'],
  0x30: ['$', '£', '¤'],
  0x31: ['*', 'µ'],
  0x32: ['*', 'µ'],
  0x34: ['ù', '%'],
  0x36: [';', '.'],
  0x37: [':', '/'],
  0x38: ['!', '§'],
  0x64: ['<', '>'],
};
delete FR[0x2f]; // ^ ¨ are dead keys
delete FR[0x35]; // ²

const LAYOUTS: Record<Layout, Record<number, Key>> = { us: US, de: DE, fr: FR };

/** Takes report bytes in chunks of any size; calls onCode with each code ended by Enter. */
export class BootKeyboardDecoder {
  private pending: number[] = [];
  private down = new Set<number>();
  private text = '';

  constructor(
    private readonly layout: Layout,
    private readonly onCode: (code: string) => void,
  ) {}

  push(chunk: Uint8Array): void {
    this.pending.push(...chunk);
    while (this.pending.length >= 8) this.report(this.pending.splice(0, 8));
  }

  private report(r: number[]): void {
    const modifiers = byteAt(r, 0); // push() cuts reports of 8 bytes: modifiers, reserved, six keys
    const shifted = (modifiers & SHIFT) !== 0;
    const altGr = (modifiers & RIGHT_ALT) !== 0 || (modifiers & CTRL_ALT) === CTRL_ALT;
    const now = new Set(r.slice(2).filter((k) => k > 0x03)); // 0 none, 1–3 error codes
    for (const key of now) {
      if (this.down.has(key)) continue; // still held from the previous report
      if (key === ENTER || key === KEYPAD_ENTER) {
        if (this.text) this.onCode(this.text);
        this.text = '';
        continue;
      }
      const chars = LAYOUTS[this.layout][key];
      const ch = chars && (altGr ? chars[2] : chars[shifted ? 1 : 0]);
      if (ch) this.text += ch;
    }
    this.down = now;
  }
}

/** The report a scanner sends for one character (press) and the empty one after it (release). */
export function reportsFor(text: string, layout: Layout = 'us'): Uint8Array {
  const table = LAYOUTS[layout];
  const out: number[] = [];
  for (const ch of text) {
    const entry = Object.entries(table).find(([, v]) => v.includes(ch));
    if (!entry) continue;
    const [key, [plain, shifted]] = entry;
    const modifier = plain === ch ? 0 : shifted === ch ? 0x02 : RIGHT_ALT;
    out.push(modifier, 0, Number(key), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  }
  out.push(0, 0, ENTER, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  return Uint8Array.from(out);
}
