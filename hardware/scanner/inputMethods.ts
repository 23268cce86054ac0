// Undoing what UniKey (Telex or VNI) did to a code a keyboard-wedge scanner typed through it.
// Codes printed before the safe alphabet (./safeCodes.ts) have vowels, digits after vowels and
// Telex letters, and reach the kiosk rewritten: `MA2.` as `MÀ.` (VNI), `…aa…` as `…â…` (Telex).
// The rewriting loses information, so this gives every text that could have been typed (within
// the code's shape) and the caller keeps the one whose signature verifies: never a guess.
//
// What UniKey does, as this inverts it (a superset: a candidate too many costs one HMAC):
// - a mark key (Telex: a e o for â ê ô, w for ă ơ ư, d for đ, s f r x j for the tones; VNI: 6 7 8
//   9 and 1–5) disappears and marks a letter typed earlier in the same word: right after it, or
//   later in the word (a tone goes where the spelling puts it: typed after "oa" it may land on o);
// - a lone Telex w becomes ư; "uow" / "uo7" give ươ with one key;
// - a mark key typed twice undoes the mark and types the key: observed "as" may be typed "ass";
// - Telex z / VNI 0 removes a tone: "asz" is observed "a";
// - the output is precomposed or decomposed Unicode: read after NFC.
// '.' is a word break for UniKey, so each '.'-separated part is undone on its own.

export interface SegmentShape {
  /** One character of this part, e.g. /[0-9a-f]/. */
  chars: RegExp;
  min: number;
  max: number;
}

type Method = 'telex' | 'vni';

const TONE_KEYS: Record<string, { telex: string; vni: string }> = {
  '\u0301': { telex: 's', vni: '1' }, // sắc
  '\u0300': { telex: 'f', vni: '2' }, // huyền
  '\u0309': { telex: 'r', vni: '3' }, // hỏi
  '\u0303': { telex: 'x', vni: '4' }, // ngã
  '\u0323': { telex: 'j', vni: '5' }, // nặng
};
const HAT = '\u0302';
const BREVE = '\u0306';
const HORN = '\u031b';
/** Keys lost in one part: a tone replaced twice is as far as a scan is worth undoing. */
const MAX_LOST = 2;
/** Readings of a code's body (the parts before its signature) tried per method and number of lost keys. */
const MAX_HEADS = 1000;
const isVowel = (c: string) => 'aeiouy'.includes(c.toLowerCase());
const cases = (k: string) => (k.toLowerCase() === k.toUpperCase() ? [k] : [k.toLowerCase(), k.toUpperCase()]);

/** One observed character: the letter under the marks, and the keys that made each mark. */
interface Token {
  base: string;
  vowel: boolean;
  /** Each mark's key, as alternatives (case, for Telex letters). */
  items: string[][];
  /** A Telex ư that may be a lone w. */
  loneW: boolean;
  horn: boolean;
}

function tokenize(text: string, m: Method): Token[] | null {
  const out: Token[] = [];
  for (const ch of text.normalize('NFC')) {
    if (ch === 'đ' || ch === 'Đ') {
      const base = ch === 'đ' ? 'd' : 'D';
      out.push({ base, vowel: false, items: [m === 'telex' ? cases('d') : ['9']], loneW: false, horn: false });
      continue;
    }
    const [base, ...marks] = [...ch.normalize('NFD')];
    if (!base || base.charCodeAt(0) > 0x7e) return null;
    const items: string[][] = [];
    let horn = false;
    for (const mark of marks) {
      if (mark === HAT) items.push(m === 'telex' ? cases(base) : ['6']);
      else if (mark === BREVE) items.push(m === 'telex' ? cases('w') : ['8']);
      else if (mark === HORN) {
        horn = true;
        items.push(m === 'telex' ? cases('w') : ['7']);
      } else if (TONE_KEYS[mark]) items.push(m === 'telex' ? cases(TONE_KEYS[mark].telex) : [TONE_KEYS[mark].vni]);
      else return null;
    }
    const loneW = m === 'telex' && horn && base.toLowerCase() === 'u';
    out.push({ base, vowel: isVowel(base), items, loneW, horn });
  }
  return out;
}

interface Pending {
  id: string;
  alts: string[];
}

/** The ASCII texts that typed through `m` could show as `observed`, for one part of a code. */
/** What the search needs of one observed part, worked out once per part and method. */
interface Prepared {
  tokens: Token[];
  /** The tokens whose keys become pending at each index. */
  activatedAt: number[][];
  firstLossAt: number;
  /** The lost keys worth trying at each index, when no target guides. */
  lostAt: string[][];
}

const LOST_KEYS = { telex: 'sfrxjzaeowd', vni: '0123456789' };
const prepared = new Map<string, Prepared | null>();

function prepare(observed: string, m: Method): Prepared | null {
  const key = `${m}|${observed}`;
  const cached = prepared.get(key);
  if (cached !== undefined) return cached;
  if (prepared.size > 64) prepared.clear();
  const tokens = tokenize(observed, m);
  let result: Prepared | null = null;
  if (tokens) {
    // A mark of a vowel may have been typed after the first vowel of its run (the tone moves as
    // vowels are added), so its keys become pending there; đ's key comes after đ.
    const activatedAt: number[][] = tokens.map(() => []);
    tokens.forEach((t, i) => {
      let j = i;
      while (t.vowel && j > 0 && tokens[j - 1]?.vowel === true) j--;
      // activatedAt has one list per token, and j ≤ i
      activatedAt[j]!.push(i);
    });
    // Keys that leave no trace: a tone replaced by another, removed (z, 0), or undone by its key
    // typed again (then the second shows: observed "as" typed "ass"); a mark undone the same way
    // ("aaa" → "aa"), its key then showing later as a letter.
    const toneKeys = m === 'telex' ? 'sfrxjzw' : '0123456789';
    const lostKeys = LOST_KEYS[m].split('').flatMap(cases);
    const lostAt = tokens.map((_, i) => {
      const literals = new Set(tokens.slice(i).flatMap((t) => (t.items.length === 0 ? [t.base.toLowerCase()] : [])));
      return lostKeys.filter((k) => toneKeys.includes(k.toLowerCase()) || literals.has(k.toLowerCase()));
    });
    lostAt.push(lostKeys.filter((k) => toneKeys.includes(k.toLowerCase())));
    const firstLossAt = tokens.findIndex((t) => t.vowel || 'dw'.includes(t.base.toLowerCase()));
    result = { tokens, activatedAt, firstLossAt, lostAt };
  }
  prepared.set(key, result);
  return result;
}

/** The ASCII texts that typed through `m` could show as `observed`, for one part of a code. */
function* untypePart(
  observed: string,
  shape: SegmentShape,
  m: Method,
  budget: StepBudget,
  maxLost: number,
  target?: string,
): Generator<string> {
  const results = new Set<string>();
  const ready = prepare(observed, m);
  if (!ready) return;
  const { tokens, activatedAt, firstLossAt, lostAt } = ready;
  // With a target (the signature a body must carry), only the way of typing it is followed: each
  // key must be the target's next character, which cuts every other branch at once; and any key
  // of the method may have been lost (a mark replaced by another too: Telex "aAW" shows ă).
  const fits: (s: string, at: number) => boolean =
    target === undefined ? (s) => [...s].every((c) => shape.chars.test(c)) : (s, at) => target.startsWith(s, at);
  const lostKeys = LOST_KEYS[m];
  const lostHere = (i: number, at: number): string[] => {
    // lostAt has one list per token and one after the last: i ≤ tokens.length
    if (target === undefined) return lostAt[i]!.filter((k) => fits(k, at));
    const k = target[at];
    return k !== undefined && lostKeys.includes(k.toLowerCase()) ? [k] : [];
  };

  const seen = new Set<string>();
  function* go(i: number, out: string, pending: Pending[], bases: Map<number, string>, lost: number): Generator<string> {
    // `bases` holds only the letters read otherwise than shown (a lone w's ư read as w), mostly none.
    let state = `${i}|${target === undefined ? out : out.length}|`;
    if (pending.length > 0)
      // the first of a list of one
      state +=
        pending.length === 1
          ? pending[0]!.id
          : pending
              .map((p) => p.id)
              .sort()
              .join(',');
    if (bases.size > 0) for (const [k, b] of bases) if (k >= i) state += `;${k}${b}`;
    if (seen.has(state)) return;
    seen.add(state);
    if (--budget.steps < 0 || spent(budget, (budget.steps & 63) === 0)) return;
    // every pending key has one alternative at least (tokenize and withItems give lists of cases or one digit)
    const minLeft = tokens.length - i + pending.reduce((n, p) => n + p.alts[0]!.length, 0);
    if (out.length + minLeft > shape.max) return;
    // Flush any pending key now, in any order.
    for (const [k, p] of pending.entries()) {
      const rest = pending.filter((_, x) => x !== k);
      for (const a of p.alts) if (fits(a, out.length)) yield* go(i, out + a, rest, bases, lost);
    }
    if (firstLossAt >= 0 && i > firstLossAt && lost < maxLost && out.length + minLeft < shape.max)
      for (const k of lostHere(i, out.length)) yield* go(i, out + k, pending, bases, lost + 1);
    if (i === tokens.length) {
      if (pending.length === 0 && out.length >= shape.min && (target === undefined || out === target) && !results.has(out)) {
        results.add(out);
        yield out;
      }
      return;
    }
    // What this token's activation brings: for each token activated here, its variants.
    const variants: Variant[] = [{ bases, items: [] }];
    // i < tokens.length (the last index returned above); activatedAt holds indices of tokens
    for (const k of activatedAt[i]!) {
      // activatedAt holds indices of tokens
      const tk = tokens[k]!;
      const next: Variant[] = [];
      for (const v of variants) {
        withItems(next, v, k, tk.base, tk.items);
        if (tk.loneW)
          withItems(
            next,
            v,
            k,
            tk.base === 'u' ? 'w' : 'W',
            tk.items.filter((alts) => !alts.includes('w')),
          );
        // "uow" / "uo7": one key gave both horns.
        if (tk.horn && k > 0 && tokens[k - 1]?.horn === true && tk.base.toLowerCase() === 'o')
          withItems(
            next,
            v,
            k,
            tk.base,
            tk.items.filter((alts) => !alts.includes('w') && !alts.includes('7')),
          );
      }
      variants.splice(0, variants.length, ...next);
    }
    for (const v of variants) {
      // i < tokens.length: the last index returned above
      const base = v.bases.get(i) ?? tokens[i]!.base;
      if (fits(base, out.length)) yield* go(i + 1, out + base, [...pending, ...v.items], v.bases, lost);
      // Telex "ww" shows as one w, the first.
      // i < tokens.length: the last index returned above
      if (m === 'telex' && lost < maxLost && tokens[i]!.items.length === 0 && base.toLowerCase() === 'w')
        for (const second of cases('w'))
          if (fits(second, out.length + 1) && fits(base, out.length))
            yield* go(i + 1, out + base + second, [...pending, ...v.items], v.bases, lost + 1);
    }
  }
  /** A variant of token `k`'s activation: read as `base`, its mark keys pending. */
  function withItems(next: Variant[], v: Variant, k: number, base: string, items: string[][]): void {
    let bases = v.bases;
    // k is an index of tokens: one that activatedAt holds
    if (base !== tokens[k]!.base) {
      bases = new Map(bases);
      bases.set(k, base);
    }
    const pending = items.length === 0 ? v.items : [...v.items, ...items.map((alts, j) => ({ id: `${k}:${alts.join('')}:${j}`, alts }))];
    next.push({ bases, items: pending });
  }
  yield* go(0, '', [], new Map(), 0);
}

interface Variant {
  bases: Map<number, string>;
  items: Pending[];
}

/** Steps a search may take, shared by every shape a scan is tried against. */
export interface StepBudget {
  steps: number;
  /**
   * A time past which the search gives up whatever steps are left, on the clock `now` reads: the
   * search runs on the hub's event loop, and a step's cost (and how many candidates a step hands
   * to the caller's signature check) varies too much for steps alone to bound it.
   */
  until?: number;
  now?: () => number;
}

/** Whether the budget is spent (its time is checked every 64 steps and before each candidate). */
function spent(budget: StepBudget, checkTime: boolean): boolean {
  if (budget.steps < 0) return true;
  if (checkTime && budget.until !== undefined && budget.now !== undefined && budget.now() > budget.until) {
    budget.steps = -1;
    return true;
  }
  return false;
}

/**
 * The steps one scan may spend undoing UniKey, shared by every shape it is tried against. Old codes
 * read within a few hundred (`npm run bench -- untype`: a known code or a signature guides the
 * search), so this bounds what a forged scan costs; the hub also gives each scan a deadline
 * (`StepBudget.until`, main/queue/ticketCode.ts scanBudget), as a step's cost varies with the load.
 */
export const SCAN_STEPS = 20_000;

/**
 * Every ASCII text of the given shape (parts separated by '.') that typed through UniKey's Telex
 * or VNI could show as `observed`, the text itself first; lazily, so the caller stops at the first
 * whose signature verifies. `budget` bounds the whole search (a number of steps, or a budget a
 * caller shares between the shapes it tries for one scan); `budget.steps` is what is left.
 *
 * With `signatureOf` (the last part a body must carry, e.g. its HMAC), the last part is not
 * enumerated: for each reading of the body, only whether the scan's last part could be that
 * signature typed is followed, a path the signature itself guides. A signature's readings grow
 * with each key UniKey swallowed (a tone replaced twice, then removed, leaves no trace), a
 * membership test does not, so it is followed up to every key the part's length allows.
 */
export function* untypedCandidates(
  observed: string,
  shape: readonly SegmentShape[],
  budget: number | StepBudget = SCAN_STEPS,
  signatureOf?: (body: string) => string,
): Generator<string> {
  const asIs = observed.trim();
  yield asIs;
  const parts = asIs.normalize('NFC').split('.');
  const lastShape = shape.at(-1);
  const lastPart = parts.at(-1);
  if (parts.length !== shape.length || lastShape === undefined || lastPart === undefined) return;
  const given = new Set([asIs]);
  const checked = new Set<string>();
  // Fewest lost keys first: most rewritten codes lose none, and are read at once.
  if (typeof budget === 'number') budget = { steps: budget };
  for (let lost = 0; lost <= MAX_LOST; lost++)
    for (const m of ['vni', 'telex'] as const) {
      // The parts before the last have few readings; the last (a signature) is streamed.
      let heads: string[] = [''];
      for (const [i, p] of parts.slice(0, -1).entries()) {
        // parts and shape have the same length (checked above)
        const opts = [...untypePart(p, shape[i]!, m, budget, lost)];
        // Each reading of the body costs a step: bodies of several parts multiply their readings.
        const next: string[] = [];
        combine: for (const h of heads)
          for (const o of opts) {
            if (next.length >= MAX_HEADS || --budget.steps < 0) break combine;
            next.push(`${h}${o}.`);
          }
        heads = next;
      }
      if (signatureOf) {
        for (const h of heads) {
          // Its signature (an HMAC) is a step too.
          if (--budget.steps < 0 || spent(budget, true)) return;
          if (checked.has(m + h)) continue;
          checked.add(m + h);
          const c = h + signatureOf(h.slice(0, -1));
          if (given.has(c) || c.length - h.length > lastShape.max) continue;
          if (!untypePart(lastPart, lastShape, m, budget, lastShape.max, c.slice(h.length)).next().done) {
            given.add(c);
            yield c;
          }
        }
        continue;
      }
      for (const last of untypePart(lastPart, lastShape, m, budget, lost))
        for (const h of heads) {
          const c = h + last;
          if (spent(budget, true)) return;
          if (!given.has(c)) {
            given.add(c);
            yield c;
          }
        }
    }
}

/**
 * Whether `observed` could be `code` typed through UniKey (Telex or VNI, one method for the whole
 * scan): a test guided by the code, so cheap however many keys UniKey swallowed. For codes the
 * hub knows (an old appointment booked for today), where enumerating what a scan could have been
 * is not: VNI with its spell check off swallows a tone digit replaced twice or removed, leaving
 * thousands of readings of a body that carries no check of its own.
 */
export function typedFrom(observed: string, code: string, budget: StepBudget = { steps: SCAN_STEPS }): boolean {
  const parts = observed.trim().normalize('NFC').split('.');
  const wanted = code.split('.');
  if (parts.length !== wanted.length) return false;
  if (parts.join('.') === code) return true;
  const exactly = (w: string): SegmentShape => ({ chars: /[\s\S]/, min: w.length, max: w.length });
  return (['vni', 'telex'] as const).some((m) =>
    parts.every((p, i) => {
      const w = wanted[i]; // the same length as parts (checked above)
      return w !== undefined && !untypePart(p, exactly(w), m, budget, w.length, w).next().done;
    }),
  );
}

/** Whether a scan could be `prefix` typed through an input method (`MÀ.` for `MA2.`): letters compared without marks. */
export function looksTypedFrom(observed: string, prefix: string): boolean {
  const plain = observed
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toUpperCase();
  const letters = prefix.replace(/\d+$/, '');
  return plain.startsWith(prefix) || new RegExp(`^${letters}\\d?\\.`).test(plain);
}
