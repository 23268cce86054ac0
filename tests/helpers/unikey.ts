// UniKey's Telex and VNI as a keyboard-wedge scanner meets them: each key goes through the input
// method, which rewrites the word being typed by sending Backspaces and the new letters. A model
// of its rules, written apart from the decoder it tests (hardware/scanner/inputMethods.ts):
// - Telex: aa ee oo → â ê ô; aw ow uw → ă ơ ư (uow → ươ); a lone w → ư; dd → đ; s f r x j add a
//   tone, z removes it. VNI: 6 hat, 7 horn, 8 breve, 9 đ, 1–5 tones, 0 removes it.
// - A mark key acts on the last vowel group of the word (a tone goes where the spelling puts it,
//   and moves while that group grows); the same key again undoes the mark and types the key, and
//   the word is then left alone.
// - Spell check on: a key acts only when the result is a Vietnamese syllable; off: whenever it can.
// - Words end at anything that is neither a letter nor (VNI) a digit.
// - Output precomposed (NFC) or "Unicode tổ hợp" (tone as a combining mark after the letter).

export interface UniKeyOptions {
  method: 'telex' | 'vni';
  spellCheck: boolean;
  output: 'nfc' | 'nfd';
}

interface Letter {
  ch: string;
  hat?: boolean;
  breve?: boolean;
  horn?: boolean;
  stroke?: boolean;
  fromW?: boolean;
}
type Tone = 's' | 'f' | 'r' | 'x' | 'j';
const TONE_MARK: Record<Tone, string> = { s: '\u0301', f: '\u0300', r: '\u0309', x: '\u0303', j: '\u0323' };
const VNI_TONE: Record<string, Tone> = { '1': 's', '2': 'f', '3': 'r', '4': 'x', '5': 'j' };
const isVowel = (c: string) => 'aeiouy'.includes(c.toLowerCase());
const SYLLABLE = /^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?([aăâeêioôơuưy]{1,3})(ch|ng|nh|[cmnpt])?$/;

function letterText(l: Letter): string {
  let s = l.ch;
  if (l.stroke) return l.ch === 'd' ? 'đ' : 'Đ';
  if (l.hat) s += '\u0302';
  if (l.breve) s += '\u0306';
  if (l.horn) s += '\u031b';
  return s.normalize('NFC');
}

class Word {
  letters: Letter[] = [];
  tone: { tone: Tone; group: number } | null = null;
  frozen = false;

  /** [start, end) of each run of vowels. */
  groups(): [number, number][] {
    const out: [number, number][] = [];
    this.letters.forEach((l, i) => {
      if (!isVowel(l.ch)) return;
      const last = out[out.length - 1];
      if (last && last[1] === i) last[1] = i + 1;
      else out.push([i, i + 1]);
    });
    return out;
  }

  lastGroup(): [number, number] | null {
    return this.groups().at(-1) ?? null;
  }

  /** Where the tone of the group starting at `start` goes. */
  tonePosition(start: number): number {
    const g = this.groups().find(([s]) => s === start);
    if (!g) return -1;
    const e = g[1];
    let s = g[0];
    const prev = this.letters[s - 1]?.ch.toLowerCase();
    if (
      e - s > 1 &&
      ((prev === 'q' && this.letters[s]!.ch.toLowerCase() === 'u') || (prev === 'g' && this.letters[s]!.ch.toLowerCase() === 'i'))
    )
      s++;
    const marked = [];
    for (let i = s; i < e; i++) if (this.letters[i]!.hat || this.letters[i]!.breve || this.letters[i]!.horn) marked.push(i);
    if (marked.length > 0) return marked[marked.length - 1]!;
    if (e - s >= 3) return s + 1;
    if (e - s === 2) return e < this.letters.length ? s + 1 : s;
    return s;
  }

  render(output: 'nfc' | 'nfd'): string {
    const at = this.tone ? this.tonePosition(this.tone.group) : -1;
    return this.letters
      .map((l, i) => {
        const base = letterText(l);
        if (i !== at) return base;
        const mark = TONE_MARK[this.tone!.tone];
        return output === 'nfc' ? (base + mark).normalize('NFC') : base + mark;
      })
      .join('');
  }

  /** Whether the word, lower-cased, is a Vietnamese syllable (and a stop final takes only sắc or nặng). */
  valid(): boolean {
    const text = this.letters.map((l) => letterText({ ...l, ch: l.ch.toLowerCase() })).join('');
    if (/^(ngh?|nh|ch|gh?|kh|ph|qu?|th|tr|[bcdđhklmnprstvx])?$/.test(text)) return true; // a syllable begun
    const m = SYLLABLE.exec(text);
    if (!m) return false;
    if (this.tone && /^(c|ch|p|t)$/.test(m[3] ?? '') && !['s', 'j'].includes(this.tone.tone)) return false;
    return true;
  }
}

export class UniKey {
  /** What the text field holds. */
  text = '';
  /** The keys the page saw: characters, and 'Backspace'. */
  readonly events: string[] = [];
  private word = new Word();

  constructor(private readonly opts: UniKeyOptions) {}

  type(text: string): this {
    for (const k of text) this.key(k);
    return this;
  }

  private key(k: string): void {
    const letter = /^[A-Za-z]$/.test(k);
    const wordChar = letter || (/^\d$/.test(k) && this.opts.method === 'vni');
    if (!wordChar && !(this.opts.method === 'telex' && /^\d$/.test(k))) {
      this.word = new Word();
      this.emit(k);
      return;
    }
    const before = this.word.render(this.opts.output);
    if (!this.apply(k)) this.word.letters.push({ ch: k });
    this.replace(before, this.word.render(this.opts.output));
  }

  /** The key as a mark on the word; false when it is typed as a letter. */
  private apply(k: string): boolean {
    const w = this.word;
    if (w.frozen) return false;
    const low = k.toLowerCase();
    const telex = this.opts.method === 'telex';
    if (telex ? 'sfrxj'.includes(low) : low in VNI_TONE) return this.setTone(telex ? (low as Tone) : VNI_TONE[low]!, k);
    if (telex ? low === 'z' : low === '0') {
      if (!w.tone) return false;
      w.tone = null;
      return true;
    }
    if (telex ? 'aeo'.includes(low) : low === '6') return this.mark('hat', telex ? [low] : ['a', 'e', 'o'], k);
    if (telex ? low === 'w' : low === '7' || low === '8') {
      if (!telex && low === '8') return this.mark('breve', ['a'], k);
      if (!telex) return this.mark('horn', ['o', 'u'], k);
      const g = w.lastGroup();
      const has = (c: string) => g && w.letters.slice(g[0], g[1]).some((l) => l.ch.toLowerCase() === c);
      if (g && (has('o') || has('u'))) return this.mark('horn', ['o', 'u'], k);
      if (g && has('a')) return this.mark('breve', ['a'], k);
      if (g) return false;
      // A lone w: ư, where a syllable may start (spell check) or anywhere.
      const letter = { ch: k === 'w' ? 'u' : 'U', horn: true, fromW: true };
      w.letters.push(letter);
      if (this.opts.spellCheck && !w.valid()) {
        w.letters.pop();
        return false;
      }
      return true;
    }
    if (telex ? low === 'd' : low === '9') {
      const i = this.opts.spellCheck
        ? w.letters[0]?.ch.toLowerCase() === 'd'
          ? 0
          : -1
        : w.letters.findLastIndex((l) => l.ch.toLowerCase() === 'd');
      if (i < 0) return false;
      const l = w.letters[i]!;
      if (l.stroke) {
        l.stroke = false;
        w.frozen = true;
        return false;
      }
      l.stroke = true;
      if (this.opts.spellCheck && !w.valid()) {
        l.stroke = false;
        return false;
      }
      return true;
    }
    return false;
  }

  private setTone(tone: Tone, k: string): boolean {
    const w = this.word;
    const g = w.lastGroup();
    if (!g) return false;
    void k;
    if (w.tone && w.tone.tone === tone) {
      w.tone = null;
      w.frozen = true;
      return false;
    }
    const previous = w.tone;
    w.tone = { tone, group: g[0] };
    if (this.opts.spellCheck && !w.valid()) {
      w.tone = previous;
      return false;
    }
    return true;
  }

  private mark(kind: 'hat' | 'breve' | 'horn', on: string[], k: string): boolean {
    const w = this.word;
    void k;
    const g = w.lastGroup();
    if (!g) return false;
    const targets: Letter[] = [];
    for (let i = g[1] - 1; i >= g[0]; i--) if (on.includes(w.letters[i]!.ch.toLowerCase())) targets.unshift(w.letters[i]!);
    if (targets.length === 0) return false;
    // uo + horn: both; otherwise the last letter the key can mark.
    const chosen =
      kind === 'horn' && targets.length === 2 && targets[0]!.ch.toLowerCase() === 'u' && targets[1]!.ch.toLowerCase() === 'o'
        ? targets
        : [targets[targets.length - 1]!];
    if (chosen.every((l) => l[kind])) {
      // "ww": the lone w's ư goes back to the w it was typed as; the second w is gone.
      const lone = chosen.length === 1 && chosen[0]!.fromW ? w.letters.indexOf(chosen[0]!) : -1;
      if (lone >= 0) {
        w.letters[lone] = { ch: chosen[0]!.ch === 'u' ? 'w' : 'W' };
        w.frozen = true;
        return true;
      }
      for (const l of chosen) l[kind] = false;
      w.frozen = true;
      return false;
    }
    const saved = chosen.map((l) => ({ hat: l.hat === true, breve: l.breve === true, horn: l.horn === true }));
    for (const l of chosen) {
      l.hat = l.breve = l.horn = false;
      l[kind] = true;
    }
    if (this.opts.spellCheck && !w.valid()) {
      chosen.forEach((l, i) => Object.assign(l, saved[i]));
      return false;
    }
    return true;
  }

  private replace(before: string, after: string): void {
    const a = [...before];
    const b = [...after];
    let same = 0;
    while (same < a.length && same < b.length && a[same] === b[same]) same++;
    for (let i = same; i < a.length; i++) {
      this.events.push('Backspace');
      this.text = [...this.text].slice(0, -1).join('');
    }
    for (const c of b.slice(same)) this.emit(c);
  }

  private emit(c: string): void {
    this.events.push(c);
    this.text += c;
  }
}

/** What the text field holds after a wedge scanner typed `text` through UniKey. */
export function typeThrough(text: string, opts: UniKeyOptions): string {
  return new UniKey(opts).type(text).text;
}

/** Every setting a kiosk PC may have: Telex and VNI, spell check on and off, NFC and NFD output. */
export const UNIKEY_SETTINGS: UniKeyOptions[] = (['telex', 'vni'] as const).flatMap((method) =>
  [true, false].flatMap((spellCheck) => (['nfc', 'nfd'] as const).map((output) => ({ method, spellCheck, output }))),
);
