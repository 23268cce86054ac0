// Codes typed by a keyboard-wedge scanner through UniKey (Telex, VNI; spell check on and off;
// precomposed and decomposed output), as most Vietnamese office PCs run it (#23 item 3).
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { typeThrough, UniKey, UNIKEY_SETTINGS, type UniKeyOptions } from '../helpers/unikey.ts';
import { SAFE_ALPHABET, isSafeText, safeDigits } from '../../hardware/scanner/safeCodes.ts';
import { classifyScan } from '../../hardware/scanner/payloads.ts';
import { AS_SCANNED, readTicketCode, scanBudget, SCAN_UNDO_MS, ticketCode } from '../../main/queue/ticketCode.ts';
import { SCAN_STEPS, typedFrom, untypedCandidates } from '../../hardware/scanner/inputMethods.ts';
import { V1_SHAPES } from '../../main/queue/appointments.ts';
import { readSettings } from '../../db/settings.ts';
import { insertAppointment } from '../../db/scans.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { newPairingCode } from '../../main/base/passwords.ts';
import { WedgeReader } from '../../renderer/src/kiosk/wedge.ts';

const secret = 'bí mật của máy chủ';
const label = (s: UniKeyOptions) => `${s.method} spell check ${s.spellCheck ? 'on' : 'off'} ${s.output}`;
/** A ticket code as printed before #23 (MC1, base64url signature). */
function ticketV1(id: number, day: string, number: number): string {
  const body = `MC1.${id}.${day}.${number}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url').slice(0, 10)}`;
}

describe('the UniKey model (tests/helpers/unikey.ts)', () => {
  it('rewrites as UniKey does', () => {
    const telexOn: UniKeyOptions = { method: 'telex', spellCheck: true, output: 'nfc' };
    const vniOn: UniKeyOptions = { method: 'vni', spellCheck: true, output: 'nfc' };
    expect(typeThrough('tieengs Vieetj', telexOn)).toBe('tiếng Việt');
    expect(typeThrough('dduowcj', telexOn)).toBe('được');
    expect(typeThrough('nguwowif', telexOn)).toBe('người');
    expect(typeThrough('MA2.', vniOn)).toBe('MÀ.');
    expect(typeThrough('tie6ng1 Vie65t', vniOn)).toBe('tiếng Việt');
    expect(typeThrough('d9u7o7c5', vniOn)).toBe('được');
    expect(typeThrough('tieengs', { ...telexOn, output: 'nfd' })).toBe('tiê\u0301ng');
    // Typed twice: the mark undone and the key typed.
    expect(typeThrough('ass', telexOn)).toBe('as');
    // Spell check on leaves non-words alone; off it does not.
    expect(typeThrough('xaby1s', telexOn)).toBe('xaby1s');
    expect(typeThrough('Xy9zaa', { ...telexOn, spellCheck: false })).toBe('Xy9zâ');
  });

  it('sends Backspaces and new letters, as the page sees them', () => {
    const u = new UniKey({ method: 'vni', spellCheck: true, output: 'nfc' }).type('MA2.');
    expect(u.events).toEqual(['M', 'A', 'Backspace', 'À', '.']);
  });
});

describe('codes printed from now on pass through UniKey unchanged', () => {
  it('the safe alphabet, whatever the setting', () => {
    expect(SAFE_ALPHABET).not.toMatch(/[aeiouywdsfrxjzAEIOUYWDSFRXJZ]/);
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9BCGHKLMNPQTV.]{1,40}$/), (text) => {
        for (const s of UNIKEY_SETTINGS) expect(typeThrough(text, s), label(s)).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it('300 ticket codes, 300 pairing and setup codes, and appointment-shaped codes', () => {
    const codes: string[] = [];
    for (let i = 0; i < 300; i++) {
      codes.push(ticketCode(secret, { id: 1 + i * 4099, serviceDay: '2026-11-23', number: 1000 + i }));
      codes.push(newPairingCode(), newPairingCode(12));
      codes.push(`MH1.${safeDigits(Uint8Array.of(i, i * 7, 3), 11)}.${safeDigits(Uint8Array.of(i * 13, 99, i), 17)}`);
      codes.push(`MHN1.${i + 1}.${29_500_000 + i}.${safeDigits(Uint8Array.of(i, 1), 8)}.${safeDigits(Uint8Array.of(i, 2), 17)}`);
    }
    for (const code of codes) {
      expect(isSafeText(code), code).toBe(true);
      for (const s of UNIKEY_SETTINGS) expect(typeThrough(code, s), `${label(s)} ${code}`).toBe(code);
    }
    // Read as printed, and case-blind (Caps Lock on the kiosk PC).
    const code = ticketCode(secret, { id: 57, serviceDay: '2026-11-23', number: 1023 });
    expect(code).toMatch(/^MC2\.57\.20261123\.1023\.[0-9BCGHKLMNPQTV]{14}$/);
    expect(readTicketCode(secret, code)).toEqual({ id: 57, serviceDay: '2026-11-23', number: 1023 });
    expect(readTicketCode(secret, code.toLowerCase())).toEqual({ id: 57, serviceDay: '2026-11-23', number: 1023 });
    expect(
      readTicketCode(
        secret,
        code.replace(/.$/, (c) => (c === 'B' ? 'C' : 'B')),
      ),
    ).toBeNull();
  });
});

/**
 * The search's own reach, in steps: what the hub reads given time. The hub also stops a scan after
 * SCAN_UNDO_MS (tested below), which on a loaded machine reads fewer: not what these tests measure.
 */
const steps = () => ({ steps: SCAN_STEPS });

describe('ticket codes printed before #23 (MC1) still read when UniKey rewrote them', () => {
  const old = Array.from({ length: 300 }, (_, i) => ({
    id: 1 + i * 37,
    number: 1000 + i,
    code: ticketV1(1 + i * 37, '20261123', 1000 + i),
  }));

  it('as printed', () => {
    for (const t of old.slice(0, 20))
      expect(readTicketCode(secret, t.code)).toEqual({ id: t.id, serviceDay: '2026-11-23', number: t.number });
  });

  // Spell check on is UniKey's default: every code reads. VNI with it off too.
  for (const s of UNIKEY_SETTINGS.filter((x) => x.spellCheck || x.method === 'vni')) {
    it(`through ${label(s)}: all 300 read, none as another ticket`, () => {
      let rewritten = 0;
      for (const t of old) {
        const typed = typeThrough(t.code, s);
        if (typed !== t.code) rewritten++;
        expect(readTicketCode(secret, typed, steps()), `${t.code} typed ${typed}`).toEqual({
          id: t.id,
          serviceDay: '2026-11-23',
          number: t.number,
        });
      }
      expect(rewritten).toBeGreaterThan(0);
    }, 60_000);
  }

  // Telex with spell check off swallows keys freely (a tone replaced twice, a hat replaced by a
  // breve: "AjAW" shows Ặ): the signature guides the search, so what was swallowed is found too.
  for (const s of UNIKEY_SETTINGS.filter((x) => !x.spellCheck && x.method === 'telex')) {
    it(`through ${label(s)}: all 300 read, none as another ticket`, () => {
      for (const t of old) {
        const typed = typeThrough(t.code, s);
        expect(readTicketCode(secret, typed, steps()), `${t.code} typed ${typed}`).toEqual({
          id: t.id,
          serviceDay: '2026-11-23',
          number: t.number,
        });
      }
    }, 120_000);
  }

  // The search holds the hub's event loop: one scan's steps are one budget, shared by every shape.
  it('a scan that never verifies stays within one budget shared by every shape (#23 item 3)', () => {
    const typed = typeThrough('MA2.0a1b2c3d4e5f.aaeeooAEOwdd', { method: 'telex', spellCheck: false, output: 'nfc' });
    for (const steps of [2_000, 20_000]) {
      const budget = { steps };
      let tried = 0;
      for (const shape of V1_SHAPES) for (const c of untypedCandidates(typed, shape, budget)) if (c) tried++;
      expect(tried).toBeGreaterThan(1);
      expect(tried).toBeLessThanOrEqual(steps + V1_SHAPES.length);
      expect(budget.steps).toBeGreaterThan(-500);
    }
    for (const s of UNIKEY_SETTINGS) {
      const budget = { steps: 5_000 };
      expect(readTicketCode(secret, typeThrough(ticketV1(5, '20261123', 1001).slice(0, -10) + 'aeoAEOawdd', s), budget)).toBeNull();
      expect(budget.steps, label(s)).toBeGreaterThan(-500);
    }
    expect(SCAN_STEPS).toBeGreaterThan(0);
  });

  it("a scan also stops at its deadline, whatever steps are left: the hub's event loop is never held past it", () => {
    const typed = typeThrough('MA2.0a1b2c3d4e5f.aaeeooAEOwdd', { method: 'telex', spellCheck: false, output: 'nfc' });
    let clock = 0;
    // A clock that moves 1 ms each time it is read: the deadline comes after a bounded number of reads.
    const budget = { steps: SCAN_STEPS, until: 40, now: () => clock++ };
    let tried = 0;
    for (const shape of V1_SHAPES) for (const c of untypedCandidates(typed, shape, budget)) if (c) tried++;
    expect(budget.steps).toBe(-1);
    expect(clock).toBeLessThanOrEqual(42);
    expect(tried).toBeLessThanOrEqual(42 + V1_SHAPES.length);
    // The hub's own budget carries a deadline of SCAN_UNDO_MS on the monotonic clock.
    const hub = scanBudget();
    expect(hub.until! - hub.now!()).toBeLessThanOrEqual(SCAN_UNDO_MS);
    expect(hub.until! - hub.now!()).toBeGreaterThan(0);
    // A phone's link is never undone at all (the public page must cost next to nothing).
    const vni = { method: 'vni', spellCheck: true, output: 'nfc' } as const;
    const rewritten = Array.from({ length: 50 }, (_, i) => ticketV1(1 + i, '20261123', 1000 + i)).find((c) => typeThrough(c, vni) !== c)!;
    expect(readTicketCode(secret, typeThrough(rewritten, vni), steps())).not.toBeNull();
    expect(readTicketCode(secret, typeThrough(rewritten, vni), { ...AS_SCANNED })).toBeNull();
  });

  it('a forged code stays refused through every candidate', () => {
    expect(readTicketCode(secret, 'MC1.57.20261123.1023.âêôAAAAAA')).toBeNull();
    expect(readTicketCode(secret, ticketV1(5, '20261123', 1001).replace('MC1.5.', 'MC1.6.'))).toBeNull();
  });

  it('old appointment codes are recognised when VNI ate the prefix digit', () => {
    expect(classifyScan('MÀ.0a1b2c3d4e5f.abcdEFGHaaoo', []).kind).toBe('appointment');
    expect(classifyScan('MA\u0300.0a1b2c3d4e5f.abcdEFGHaaoo', []).kind).toBe('appointment');
    expect(classifyScan('MÁ.12.abc.0a1b2c3d.abcdEFGHaaoo', []).kind).toBe('appointment');
    expect(classifyScan('mh1.bcg', []).kind).toBe('appointment');
    expect(classifyScan('MC2.1.20261123.1.BBBBBBBBBBBBBB', []).kind).toBe('ticket');
  });
});

describe('appointment codes printed before #23 (MA2) still read when UniKey rewrote them', () => {
  const mac = (x: string) => createHmac('sha256', secret).update(x);
  const signOld = (body: string) => mac(body).digest('base64url').slice(0, 12);
  const genuine = (c: string) => {
    const dot = c.lastIndexOf('.');
    return dot > 0 && /^MA[12]\./.test(c) && signOld(c.slice(0, dot)) === c.slice(dot + 1);
  };
  /** Codes as the hub printed them: MA2.<12 hex>.<12 base64url>. */
  const old = Array.from({ length: 40 }, (_, i) => {
    const body = `MA2.${mac(`n${i}`).digest('hex').slice(0, 12)}`;
    return `${body}.${signOld(body)}`;
  });
  /** The search alone (no known codes), guided by each body's signature, within one scan's steps. */
  function bySignature(typed: string): string | null {
    const budget = steps();
    for (const shape of V1_SHAPES) for (const c of untypedCandidates(typed, shape, budget, signOld)) if (genuine(c)) return c;
    return null;
  }

  // Telex swallows a tone replaced twice and then removed ("uxSjvkf7AZDO" shows "uvkf7ADO"): the
  // signature, not an enumeration of every reading, finds what was typed.
  for (const s of UNIKEY_SETTINGS.filter((x) => x.method === 'telex')) {
    it(`through ${label(s)}: all 40 read by the search, within SCAN_STEPS steps, none as another code`, () => {
      for (const code of old) {
        const typed = typeThrough(code, s);
        expect(bySignature(typed), `${code} typed ${typed}`).toBe(code);
      }
    });
  }

  it('a scan is one of the known codes typed, or none of them: cheap, whatever UniKey swallowed', () => {
    for (const s of UNIKEY_SETTINGS) {
      let worst = 0;
      for (const code of old) {
        const typed = typeThrough(code, s);
        const budget = steps();
        expect(
          old.filter((k) => typedFrom(typed, k, budget)),
          `${label(s)}: ${code} typed ${typed}`,
        ).toEqual([code]);
        worst = Math.max(worst, SCAN_STEPS - budget.steps);
      }
      // All 40 known codes tried for each scan: far within one scan's steps.
      expect(worst, label(s)).toBeLessThan(SCAN_STEPS / 10);
      const forged = typeThrough(old[3]!.slice(0, -12) + 'aaeeooAEOwdd', s);
      expect(
        old.filter((k) => typedFrom(forged, k, steps())),
        label(s),
      ).toEqual([]);
    }
  });

  describe('at a hub that booked them for today (scan:read)', () => {
    let t: TestHub;
    let kiosk: string;
    let fieldId: number;
    const codes: string[] = [];
    beforeAll(async () => {
      // What is measured is the steps (SCAN_STEPS); the per-scan deadline is tested above.
      process.env.MOTCUA_SCAN_UNDO_MS = '60000';
      t = await startTestHub();
      kiosk = await t.device('kiosk');
      t.clock.set('2026-11-23T08:00:00+07:00');
      fieldId = await t.fieldId('DD');
      const hubSecret = readSettings(t.hub.db).hubSecret as string;
      const hmac = (x: string) => createHmac('sha256', hubSecret).update(x);
      for (let i = 0; i < 40; i++) {
        const body = `MA2.${hmac(`n${i}`).digest('hex').slice(0, 12)}`;
        const code = `${body}.${hmac(body).digest('base64url').slice(0, 12)}`;
        insertAppointment(t.hub.db, {
          code,
          codeHash: hmac(code).digest('base64url'),
          fieldId,
          serviceDay: '2026-11-23',
          startsAt: t.clock.read(),
          endsAt: t.clock.read() + 120 * 60_000,
          priority: false,
          createdAt: t.clock.read(),
          createdBy: null,
        });
        codes.push(code);
      }
    });
    afterAll(async () => {
      delete process.env.MOTCUA_SCAN_UNDO_MS;
      await t.close();
    });

    for (const s of UNIKEY_SETTINGS)
      it(`through ${label(s)}: all 40 read as their own appointment`, async () => {
        for (const code of codes) {
          const typed = typeThrough(code, s);
          expect(await t.api('scan:read', { text: typed }, kiosk), `${code} typed ${typed}`).toMatchObject({
            kind: 'appointment',
            fieldId,
          });
        }
      }, 60_000);
  });
});

describe('the kiosk wedge path follows UniKey', () => {
  it('Backspaces and retyped letters give what the field holds, for every setting', () => {
    const code = ticketV1(1259, '20261123', 1034);
    for (const s of UNIKEY_SETTINGS) {
      const u = new UniKey(s).type(`${code}`);
      const reader = new WedgeReader();
      let at = 1000;
      let got: string | null = null;
      for (const k of [...u.events, 'Enter']) got = reader.key(k, (at += 4)) ?? got;
      expect(got, label(s)).toBe(u.text);
      expect(readTicketCode(secret, got!, steps()), label(s)).not.toBeNull();
    }
  });
});
