import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BootKeyboardDecoder, reportsFor } from '../../hardware/scanner/keyboardReports.ts';
import {
  detectLayout,
  HidPosDecoder,
  layoutForVendor,
  posLayouts,
  posReportsFor,
  reportsAs,
  type PosLayout,
  type PosLayoutName,
} from '../../hardware/scanner/hidPos.ts';
import {
  ageOn,
  cccdDateProblem,
  classifyScan,
  matchDossierRoute,
  nationalDossierCode,
  parseCccd,
  validIdNumber,
  type DossierRoute,
} from '../../hardware/scanner/payloads.ts';
import { HidScanner, type HidBackend } from '../../hardware/scanner/sources.ts';

const cccd = '001058012345|012345678|Nguyễn Văn An|15031958|Nam|Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội|20042021';
/** The same QR typed by a keyboard-wedge scanner, which cannot type Vietnamese letters. */
const wedged = '001058012345|012345678|Nguyn Vn An|15031958|Nam|S 1 Trng Tin, Hon Km, H Ni|20042021';

function decodeKeyboard(chunks: Uint8Array[], layout: 'us' | 'de' | 'fr' = 'us'): string[] {
  const codes: string[] = [];
  const d = new BootKeyboardDecoder(layout, (c) => codes.push(c));
  for (const c of chunks) d.push(c);
  return codes;
}

describe('keyboard-mode HID reports', () => {
  it('decode a wedge-typed CCCD with shift, whatever the split', () => {
    const reports = reportsFor(wedged);
    expect(decodeKeyboard([reports])).toEqual([wedged]);
    for (let i = 1; i < reports.length; i += 7) expect(decodeKeyboard([reports.subarray(0, i), reports.subarray(i)])).toEqual([wedged]);
  });

  it('honour the layout (German swaps y and z) and count a held key once; rollover reports give each key', () => {
    const code = 'MC1.57.20261123.1023.Xy9zaB';
    expect(decodeKeyboard([reportsFor(code, 'de')], 'de')).toEqual([code]);
    expect(decodeKeyboard([reportsFor(code, 'de')], 'us')).not.toEqual([code]);
    const held = Uint8Array.from([
      0, 0, 0x1e, 0, 0, 0, 0, 0, /* still held */ 0, 0, 0x1e, 0, 0, 0, 0, 0, /* + 2 */ 0, 0, 0x1e, 0x1f, 0, 0, 0, 0, 0, 0, 0x28, 0, 0, 0, 0,
      0,
    ]);
    expect(decodeKeyboard([held])).toEqual(['12']);
  });
});

describe('HID-POS reports', () => {
  it('join a long code across reports, whatever the split', () => {
    const reports = posReportsFor(cccd, 64);
    expect(reports.length).toBe(64 * Math.ceil(new TextEncoder().encode(cccd).length / 58));
    const all = (chunks: Uint8Array[]) => {
      const out: string[] = [];
      const d = new HidPosDecoder(64, (x) => out.push(`${x.symbology} ${x.text}`));
      for (const c of chunks) d.push(c);
      return out;
    };
    expect(all([reports])).toEqual([`]Q1 ${cccd}`]);
    for (let i = 1; i < reports.length; i++) expect(all([reports.subarray(0, i), reports.subarray(i)])).toEqual([`]Q1 ${cccd}`]);
  });
});

describe('CCCD QR', () => {
  it('reads the number and birth date, never the name or address', () => {
    const r = parseCccd(cccd);
    expect(r).toMatchObject({ idNumber: '001058012345', birthDate: { year: 1958, month: 3, day: 15 } });
    expect(JSON.stringify(r)).not.toMatch(/Nguyễn|Tràng|Nam/);
  });

  it.each([
    [
      'missing old id',
      '079301004321||Trần Thị Bình|02092001|Nữ|Quận 1|01012022',
      { idNumber: '079301004321', birthDate: { year: 2001, month: 9, day: 2 } },
    ],
    ['extra fields', `${cccd}|thêm|nữa`, { idNumber: '001058012345', birthDate: { year: 1958, month: 3, day: 15 } }],
    ['letters lost by a wedge', wedged, { idNumber: '001058012345', birthDate: { year: 1958, month: 3, day: 15 } }],
    ['separators lost too', wedged.replaceAll('|', ' '), { idNumber: '001058012345', birthDate: { year: 1958, month: 3, day: 15 } }],
    ['only the first four fields', '001058012345||x|15031958', { idNumber: '001058012345', birthDate: { year: 1958, month: 3, day: 15 } }],
    ['century code disagrees with birth year', '001258012345||x|15031958|Nam|x|20042021', null],
    ['impossible date', '001058012345||x|31021958|Nam|x|20042021', null],
    ['province 000', '000058012345||x|15031958|Nam|x|20042021', null],
    ['11 digits', '00105801234||x|15031958', null],
    ['empty', '', null],
  ])('%s', (_what, text, expected) => {
    const r = parseCccd(text);
    if (expected === null) expect(r).toBeNull();
    else expect(r).toMatchObject(expected);
  });

  it('refuses a card born or issued after today, or issued before its holder was born', () => {
    const today = { year: 2026, month: 11, day: 23 };
    // The id's 4th digit is the century (0: 1900s, 2: 2000s) and the next two the birth year.
    const card = (dob: string, issued: string) =>
      parseCccd(`001${dob.startsWith('20', 4) ? '2' : '0'}${dob.slice(6, 8)}012345||x|${dob}|Nam|x|${issued}`);
    expect(cccdDateProblem(parseCccd(cccd)!, today)).toBeNull();
    expect(cccdDateProblem(card('15032048', '20042021')!, today)).toBe('birth_in_future'); // age −22
    expect(cccdDateProblem(card('15031958', '01012027')!, today)).toBe('issued_in_future');
    expect(cccdDateProblem(card('15031958', '01011950')!, today)).toBe('issued_before_birth');
    expect(cccdDateProblem(card('15031958', '23112026')!, today)).toBeNull(); // issued today
  });

  it('age in whole years on a day', () => {
    expect(ageOn({ year: 1966, month: 11, day: 24 }, { year: 2026, month: 11, day: 23 })).toBe(59);
    expect(ageOn({ year: 1966, month: 11, day: 23 }, { year: 2026, month: 11, day: 23 })).toBe(60);
    expect(validIdNumber('001058012345', 1958)).toBe(true);
  });
});

describe('classifying a scan (property-based)', () => {
  const routes: DossierRoute[] = [{ match: 'unit', value: '' }];

  it('never throws, whatever arrives', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (s) => {
        classifyScan(s, routes);
      }),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => {
        classifyScan(s, routes);
      }),
      { numRuns: 2000 },
    );
  });

  it('never takes one of our ticket codes for a CCCD, even with ID-like digits in it', () => {
    const digits = fc.stringMatching(/^\d{1,15}$/);
    fc.assert(
      fc.property(digits, digits, fc.string({ maxLength: 12 }), (a, b, c) => {
        const code = `MC1.${a}.${b}.${c}|001058012345|x|15031958`;
        expect(classifyScan(code, routes).kind).toBe('ticket');
      }),
      { numRuns: 2000 },
    );
  });

  it('recognises each kind', () => {
    expect(classifyScan('MC1.57.20261123.1023.Xy9_aBcdEf', routes).kind).toBe('ticket');
    expect(classifyScan('MA1.x', routes).kind).toBe('appointment');
    expect(classifyScan(cccd, routes).kind).toBe('cccd');
    expect(classifyScan('000.00.12.H34-231123-0001', routes)).toEqual({ kind: 'dossier', code: '000.00.12.H34-231123-0001', route: 0 });
    expect(classifyScan('https://example.org', routes).kind).toBe('unknown');
  });
});

describe('HID scanner source', () => {
  /** Stands in for node-hid's HID object: 'data' with each report, 'error' when unplugged. */
  class FakeDevice extends EventEmitter {
    closed = false;
    close(): void {
      this.closed = true;
    }
  }

  it('decodes, notices an unplug, and picks the scanner up again when it is replugged', async () => {
    let present = true;
    let device: FakeDevice | null = null;
    const backend: HidBackend = {
      devices: () => (present ? [{ vendorId: 0x0c2e, productId: 0x0b61, path: '/dev/hidraw3', usagePage: 0x8c }] : []),
      open: () => (device = new FakeDevice()),
    };
    const codes: string[] = [];
    const statuses: string[] = [];
    const s = new HidScanner(backend, { vendorId: 0x0c2e, productId: 0x0b61, mode: 'pos', layout: 'us', reportSize: 64, pollMs: 20 }, (c) =>
      codes.push(c),
    );
    s.onStatus((st) => statuses.push(st));
    s.start();
    expect(s.status).toBe('connected');
    device!.emit('data', Buffer.from(posReportsFor('MC1.1.20261123.1001.AAAAAAAAAA')));
    present = false;
    const first = device!;
    first.emit('error', new Error('could not read from HID device'));
    expect(first.closed).toBe(true);
    expect(s.status).toBe('searching');
    await new Promise((r) => setTimeout(r, 60));
    expect(s.status).toBe('searching');
    present = true;
    await new Promise((r) => setTimeout(r, 60));
    expect(s.status).toBe('connected');
    expect(device).not.toBe(first);
    device!.emit('data', Buffer.from(posReportsFor(cccd)));
    expect(codes).toEqual(['MC1.1.20261123.1001.AAAAAAAAAA', cccd]);
    expect(statuses).toEqual(['connected', 'searching', 'connected']);
    s.stop();
  });
});

describe('serial scanner lines', () => {
  it('give whole codes for CR, LF or CRLF endings, whatever the split', async () => {
    const { LineSplitter } = await import('../../hardware/scanner/sources.ts');
    const stream = `${cccd}\r\nMC1.1.20261123.1001.AAAAAAAAAA\r000.00.12.H34-231123-0001\n\r\n`;
    const all = (chunks: string[]) => {
      const out: string[] = [];
      const l = new LineSplitter((c) => out.push(c));
      for (const c of chunks) l.push(c);
      return out;
    };
    const whole = all([stream]);
    expect(whole).toEqual([cccd, 'MC1.1.20261123.1001.AAAAAAAAAA', '000.00.12.H34-231123-0001']);
    for (let i = 1; i < stream.length; i++) expect(all([stream.slice(0, i), stream.slice(i)])).toEqual(whole);
  });
});

describe('dossier routes without regular expressions (a manager writes them)', () => {
  const routes: DossierRoute[] = [
    { match: 'unit', value: '000.00.12.H34' },
    { match: 'prefix', value: 'HS-' },
    { match: 'unit', value: '' },
  ];

  it('routes by receiving unit, by prefix, and any national code last; case-blind; from a receipt URL too', () => {
    expect(matchDossierRoute('000.00.12.H34-231123-0001', routes)).toEqual({ route: 0, code: '000.00.12.H34-231123-0001' });
    expect(matchDossierRoute('000.00.12.h34-231123-0001', routes)?.route).toBe(0);
    expect(matchDossierRoute('000.00.31.H56-240101-0042', routes)?.route).toBe(2);
    expect(matchDossierRoute('hs-2024-00017', routes)).toEqual({ route: 1, code: 'hs-2024-00017' });
    expect(matchDossierRoute('https://dichvucong.example.vn/tra-cuu?ma=000.00.12.H34-231123-0007&x=1', routes)).toEqual({
      route: 0,
      code: '000.00.12.H34-231123-0007',
    });
    expect(matchDossierRoute('000.00.12.H34-2311-0001', routes)).toBeNull(); // not the national shape, no prefix
    expect(nationalDossierCode('not a url ?ma=000.00.12.H34-231123-0007')).toBeNull();
  });

  it('a pathological scan costs what its length costs (the old regex route froze the hub 10 s on 28 characters)', () => {
    const evil = `${'a'.repeat(2040)}!`;
    const hostile: DossierRoute[] = Array.from({ length: 50 }, (_, i) => ({
      match: i % 2 ? 'prefix' : 'unit',
      value: `${'a'.repeat(59)}b`,
    }));
    for (const text of [evil, `${'0.'.repeat(1000)}-231123-0001`, `https://x.vn/?${'a=b&'.repeat(500)}`]) {
      expect(matchDossierRoute(text, hostile)).toBeNull();
    }
  });
});

describe('keyboard layouts and HID-POS, against the HID usage tables', () => {
  const press = (modifier: number, key: number) => [modifier, 0, key, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
  const decode = (layout: 'us' | 'de' | 'fr', keys: [number, number][]) => {
    const out: string[] = [];
    const d = new BootKeyboardDecoder(layout, (c) => out.push(c));
    d.push(Uint8Array.from([...keys.flatMap(([m, k]) => press(m, k)), ...press(0, 0x28)]));
    return out[0];
  };
  const ALTGR = 0x40;
  const SHIFT = 0x02;

  it('German: AltGr+Q is @, AltGr+< is |, + and # have keys of their own, y and z swap', () => {
    expect(
      decode('de', [
        [ALTGR, 0x14],
        [ALTGR, 0x64],
        [0, 0x30],
        [0, 0x32],
        [0, 0x1c],
        [0, 0x1d],
        [SHIFT, 0x24],
        [0x05, 0x14],
      ]),
    ).toBe('@|+#zy/@');
  });

  it('French: ! ) and AltGr+6 = |, digits with Shift', () => {
    expect(
      decode('fr', [
        [0, 0x38],
        [0, 0x2d],
        [ALTGR, 0x23],
        [SHIFT, 0x1e],
        [SHIFT, 0x27],
        [0, 0x14],
        [0, 0x04],
      ]),
    ).toBe('!)|10aq');
  });

  it('US keypad . - / * + and digits', () => {
    expect(
      decode('us', [
        [0, 0x59],
        [0, 0x63],
        [0, 0x56],
        [0, 0x54],
        [0, 0x55],
        [0, 0x57],
        [0, 0x62],
      ]),
    ).toBe('1.-/*+0');
    expect(
      decode('de', [
        [0, 0x59],
        [0, 0x63],
      ]),
    ).toBe('1,'); // the German keypad's decimal key is a comma
  });

  it('every layout round-trips a national dossier code and a receipt URL', () => {
    for (const layout of ['us', 'de', 'fr'] as const) {
      for (const code of ['000.00.12.H34-231123-0001', 'https://dvc.gov.vn/tra-cuu?ma=000.00.12.H34-231123-0001&x=1']) {
        const out: string[] = [];
        new BootKeyboardDecoder(layout, (c) => out.push(c)).push(reportsFor(code, layout));
        expect(out, `${layout} ${code}`).toEqual([code]);
      }
    }
  });

  it('HID-POS takes only the Scanned Data Report: a report of another id is not a code', () => {
    const out: string[] = [];
    const d = new HidPosDecoder(64, (x) => out.push(x.text));
    d.push(posReportsFor('STATUS', 64, 0x04));
    d.push(posReportsFor('000.00.12.H34-231123-0001', 64, 0x02));
    expect(out).toEqual(['000.00.12.H34-231123-0001']);
  });
});

describe('HID-POS scanners of other makes (#23 item 4)', () => {
  /** Six codes a kiosk meets: a CCCD (two reports), a dossier code, a receipt URL, a ticket, an appointment, an ID number. */
  const six = [
    cccd,
    '000.00.12.H34-231123-0001',
    'https://dichvucong.gov.vn/p/home/dvc-tra-cuu-ho-so.html?ma=000.00.12.H34-231123-0001',
    'MC1.57.20261123.1023.Xy9zaB',
    'MB2.7.QK3MV9HBTC4G',
    '001058012345',
  ];
  const decodeAll = (stream: Uint8Array, layout: PosLayout | null, at: number[]): string[] => {
    const out: string[] = [];
    const d = new HidPosDecoder(64, (x) => out.push(x.text), 0x02, layout);
    let from = 0;
    for (const cut of [...at, stream.length]) {
      d.push(stream.subarray(from, cut));
      from = cut;
    }
    return out;
  };
  const streamOf = (make: PosLayoutName, opts?: { aim?: string; vendorByte?: number }) => {
    const parts = six.map((c) => reportsAs(make, c, opts));
    const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      all.set(p, at);
      at += p.length;
    }
    return all;
  };

  it.each([
    ['aim', { aim: ']Q1', vendorByte: 0x73 }], // Honeywell / Access-IS: AIM, Honeywell code id 's' at byte 61
    ['plain', { vendorByte: 0x00 }], // Newland / Quio with no code id
    ['plain', { vendorByte: 0x51 }], // Newland with its own code id at byte 62
  ] as const)('%s reports read 6 of 6, detected or by layout, whatever the split', (make, opts) => {
    const stream = streamOf(make, opts);
    expect(stream.length).toBe(64 * 8); // the CCCD and the URL take two reports of 56 bytes each
    for (const layout of [null, posLayouts[make]]) {
      expect(decodeAll(stream, layout, [])).toEqual(six);
      for (let i = 1; i < stream.length; i++) expect(decodeAll(stream, layout, [i]), `split at ${i}`).toEqual(six);
    }
    // Three pieces too, cut inside two different reports.
    for (let i = 1; i < stream.length; i += 13) expect(decodeAll(stream, null, [i, Math.min(stream.length, i + 97)])).toEqual(six);
  });

  it('a Newland report is not read as a Honeywell one (the old decoder lost 3 characters and appended NULs)', () => {
    const out: string[] = [];
    new HidPosDecoder(64, (x) => out.push(x.text)).push(reportsAs('plain', '000.00.12.H34-231123-0001'));
    expect(out).toEqual(['000.00.12.H34-231123-0001']);
  });

  it('the shape tells the layouts apart for every length a report may carry, with or without an AIM prefix in the data', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ.-|]'), minLength: 1, maxLength: 56 }),
        (text) => {
          expect(detectLayout(reportsAs('aim', text))).toBe('aim');
          expect(detectLayout(reportsAs('aim', text, { aim: '\0\0\0' }))).toBe('aim');
          expect(detectLayout(reportsAs('plain', text))).toBe('plain');
          expect(detectLayout(reportsAs('plain', `]Q1${text}`.slice(0, 56), { vendorByte: 0x73 }))).toBe('plain');
        },
      ),
      { numRuns: 500 },
    );
    expect(detectLayout(posReportsFor('MC1.1.20261123.1001.AAAAAAAAAA'))).toBe('aim');
  });

  it('the make comes from the vendor id: Honeywell and Access-IS send AIM, Newland does not, others are detected', () => {
    expect(layoutForVendor(0x0c2e)).toBe('aim');
    expect(layoutForVendor(0x0db5)).toBe('aim');
    expect(layoutForVendor(0x1eab)).toBe('plain');
    expect(layoutForVendor(0x05e0)).toBeNull();
  });

  it('a Newland scanner configured in motcua.json by its vendor id reads through node-hid', () => {
    class FakeDevice extends EventEmitter {
      close(): void {}
    }
    let device: FakeDevice | null = null;
    const backend: HidBackend = {
      devices: () => [{ vendorId: 0x1eab, productId: 0x1d10, path: '/dev/hidraw4', usagePage: 0x8c }],
      open: () => (device = new FakeDevice()),
    };
    const codes: string[] = [];
    const s = new HidScanner(
      backend,
      { vendorId: 0x1eab, productId: 0x1d10, mode: 'pos', layout: 'us', reportSize: 64, pollMs: 1000 },
      (c) => codes.push(c),
    );
    s.start();
    // node-hid gives one report per 'data' event.
    const stream = streamOf('plain');
    for (let at = 0; at < stream.length; at += 64) device!.emit('data', Buffer.from(stream.subarray(at, at + 64)));
    s.stop();
    expect(codes).toEqual(six);
  });
});
