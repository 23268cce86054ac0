// HID-POS barcode scanners (usage page 0x8C), as common ones report a decode:
//   byte 0: report id · byte 1: length of data in this report · bytes 2–4: symbology (AIM id)
//   bytes 5…: data · last byte: bit 0 set when more data follows in the next report
// Long codes (a CCCD QR is ~100–200 bytes) span several reports.

export interface PosDecode {
  symbology: string;
  text: string;
}

export class HidPosDecoder {
  private pending: number[] = [];
  private data: number[] = [];
  private symbology = '';

  /**
   * `reportId`: the Scanned Data Report's id (0x02 on Honeywell, Datalogic and most others);
   * reports with any other id (status, attributes, a vendor's own) carry no scanned code.
   */
  constructor(
    private readonly reportSize: number,
    private readonly onCode: (d: PosDecode) => void,
    private readonly reportId = 0x02,
  ) {}

  push(chunk: Uint8Array): void {
    this.pending.push(...chunk);
    while (this.pending.length >= this.reportSize) this.report(this.pending.splice(0, this.reportSize));
  }

  private report(r: number[]): void {
    if (r[0] !== this.reportId) return;
    const len = Math.min(r[1]!, this.reportSize - 6);
    if (this.data.length === 0) this.symbology = String.fromCharCode(...r.slice(2, 5).filter((b) => b >= 0x20 && b < 0x7f));
    this.data.push(...r.slice(5, 5 + len));
    const more = (r[this.reportSize - 1]! & 1) === 1;
    if (!more) {
      const text = new TextDecoder('utf-8', { fatal: false }).decode(Uint8Array.from(this.data));
      this.data = [];
      if (text) this.onCode({ symbology: this.symbology, text });
    }
  }
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
