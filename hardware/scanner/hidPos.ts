// HID-POS barcode scanners (usage page 0x8C, "HID Point of Sale Usage Tables" 1.02). The usage
// tables name the fields of a Scanned Data Report (Symbology Identifier 1–3 0xFB–0xFD, Decoded Data
// 0xFE, Decoded Data Continued 0xFF) but leave their byte offsets to each scanner's report
// descriptor, which node-hid 3.3 cannot read. Two fixed 64-byte layouts cover the makes sold here:
//
//   byte   0          1               2–4             5…60           61–62    63
//   aim:   report id  data length     AIM "]Q1"       data (≤ 56)    vendor   bit 0: more follows
//   plain: report id  data length     data (≤ 56), from byte 2 …  58–61 reserved · 62 vendor id · 63 as above
//
// aim: Honeywell / Hand Held Products / Metrologic and Access-IS (their product manuals, appendix
// "HID reports"). plain: Newland and engines built on it (Quio QU-R-302, FM430; their manuals,
// "Acquire Scanned Data"). A scanner of another make is detected from its first report (see
// `detectLayout`). Long codes (a CCCD QR is ~100–200 bytes) span several reports.

export interface PosDecode {
  symbology: string;
  text: string;
}

/** Where one make puts the fields of its Scanned Data Report: data, not branches in the decoder. */
export interface PosLayout {
  name: string;
  /** USB vendor ids of the makes known to send this layout. */
  vendorIds: readonly number[];
  /** The byte holding how many data bytes this report carries. */
  lengthAt: number;
  /** Three bytes of AIM symbology identifier ("]Q1" for a QR code), or none. */
  aimAt: number | null;
  dataAt: number;
  /** Data bytes one report may carry, as the makes document it. */
  dataMax: number;
}

export const posLayouts = {
  aim: {
    name: 'Honeywell / Access-IS (AIM at bytes 2–4, data from byte 5)',
    // Honeywell (Metrologic), Hand Held Products, Access-IS
    vendorIds: [0x0c2e, 0x0536, 0x0db5],
    lengthAt: 1,
    aimAt: 2,
    dataAt: 5,
    dataMax: 56,
  },
  plain: {
    name: 'Newland / Quio / generic (data from byte 2, no AIM)',
    // Newland Auto-ID
    vendorIds: [0x1eab],
    lengthAt: 1,
    aimAt: null,
    dataAt: 2,
    dataMax: 56,
  },
} as const satisfies Record<string, PosLayout>;

export type PosLayoutName = keyof typeof posLayouts;

/** The layout a vendor id is known to send, or null when only its reports can tell. */
export function layoutForVendor(vendorId: number): PosLayoutName | null {
  // Object.entries of a constant object: exactly its names and layouts
  for (const [name, l] of Object.entries(posLayouts) as [PosLayoutName, PosLayout][]) if (l.vendorIds.includes(vendorId)) return name;
  return null;
}

/**
 * Which layout a Scanned Data Report is in, from its shape. With `n` at byte 1, the aim layout's
 * data ends at byte 5+n and the plain layout's at 2+n, each followed by zeros. So bytes 2+n…4+n are
 * the last data bytes in the aim layout (text has no NUL) and padding or reserved zeros in the plain
 * one, for every n from 1 to 56, whether or not the plain scanner prefixes an AIM id to its data.
 */
export function detectLayout(report: ArrayLike<number>): PosLayoutName {
  const n = report[1] ?? 0;
  for (let i = 2 + n; i < 5 + n && i < report.length; i++) if (report[i] !== 0) return 'aim';
  return 'plain';
}

export class HidPosDecoder {
  private pending: number[] = [];
  private data: number[] = [];
  private symbology = '';
  /** The layout of the code being joined: fixed by its first report when detected. */
  private current: PosLayout | null = null;

  /**
   * `reportId`: the Scanned Data Report's id (0x02 on Honeywell, Newland, Datalogic and most
   * others); reports with any other id (status, attributes, a vendor's own) carry no scanned code.
   * `layout`: the scanner's, when its vendor id says it; null detects it from each code's first report.
   */
  constructor(
    private readonly reportSize: number,
    private readonly onCode: (d: PosDecode) => void,
    private readonly reportId = 0x02,
    private readonly layout: PosLayout | null = null,
  ) {}

  push(chunk: Uint8Array): void {
    this.pending.push(...chunk);
    while (this.pending.length >= this.reportSize) this.report(this.pending.splice(0, this.reportSize));
  }

  private report(r: number[]): void {
    if (r[0] !== this.reportId) return;
    // A code's first report: its layout is fixed for the reports that continue it.
    let l = this.current;
    if (l === null) {
      l = this.current = this.layout ?? posLayouts[detectLayout(r)];
      const at = l.aimAt;
      this.symbology = at === null ? '' : String.fromCharCode(...r.slice(at, at + 3).filter((b) => b >= 0x20 && b < 0x7f));
    }
    // The length never reaches past the report's last byte, which holds the continuation bit.
    // r holds reportSize bytes (push() cuts the reports so), and the length byte is among them.
    const len = Math.min(r[l.lengthAt]!, this.reportSize - 1 - l.dataAt);
    this.data.push(...r.slice(l.dataAt, l.dataAt + len));
    // r holds reportSize bytes (push() cuts the reports so): this is its last
    const more = (r[this.reportSize - 1]! & 1) === 1;
    if (!more) {
      const text = new TextDecoder('utf-8', { fatal: false }).decode(Uint8Array.from(this.data));
      this.data = [];
      this.current = null;
      if (text) this.onCode({ symbology: this.symbology, text });
    }
  }
}

/**
 * The reports a scanner of `layout` sends for a code, as its manual documents them (56 data bytes
 * a report, zeros after the data, bit 0 of byte 63 set while more follows). `aim` is written where
 * the layout has it; `vendorByte` goes where the make puts its own symbology id (61 or 62).
 */
export function reportsAs(
  layout: PosLayoutName,
  text: string,
  opts: { aim?: string; vendorByte?: number; reportId?: number } = {},
): Uint8Array {
  const l: PosLayout = posLayouts[layout];
  const bytes = new TextEncoder().encode(text);
  const out: number[] = [];
  for (let at = 0; at < bytes.length; at += l.dataMax) {
    const part = bytes.subarray(at, at + l.dataMax);
    const r = new Array<number>(64).fill(0);
    r[0] = opts.reportId ?? 0x02;
    r[l.lengthAt] = part.length;
    const aimAt = l.aimAt;
    if (aimAt !== null) [...(opts.aim ?? ']Q1')].slice(0, 3).forEach((c, i) => (r[aimAt + i] = c.charCodeAt(0)));
    part.forEach((b, i) => (r[l.dataAt + i] = b));
    r[layout === 'aim' ? 61 : 62] = opts.vendorByte ?? 0;
    r[63] = at + l.dataMax < bytes.length ? 1 : 0;
    out.push(...r);
  }
  return Uint8Array.from(out);
}

/** The reports a HID-POS scanner sends for a code (used to build recorded sequences in tests). */
export function posReportsFor(text: string, reportSize = 64, reportId = 2, symbology = ']Q1'): Uint8Array {
  const bytes = new TextEncoder().encode(text);
  const per = reportSize - 6;
  const out: number[] = [];
  for (let at = 0; at < bytes.length || at === 0; at += per) {
    const part = bytes.subarray(at, at + per);
    const r = new Array<number>(reportSize).fill(0);
    r[0] = reportId;
    r[1] = part.length;
    [...symbology].slice(0, 3).forEach((c, i) => {
      r[2 + i] = c.charCodeAt(0);
    });
    part.forEach((b, i) => {
      r[5 + i] = b;
    });
    r[reportSize - 1] = at + per < bytes.length ? 1 : 0;
    out.push(...r);
    if (bytes.length === 0) break;
  }
  return Uint8Array.from(out);
}
