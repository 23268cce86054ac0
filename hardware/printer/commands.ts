// ESC/POS commands as a table of one-line functions, each with its mnemonic. Bytes only:
// every printer-specific choice (band height, code page, cut) is passed in by the profile.

const b = (...bytes: number[]): Uint8Array => Uint8Array.from(bytes);

export const LF = 0x0a;
export const ESC = 0x1b;
export const GS = 0x1d;
export const FS = 0x1c;
export const DLE = 0x10;
export const EOT = 0x04;

export const cmd = {
  init: () => b(ESC, 0x40), // ESC @
  lf: () => b(LF), // LF
  feedLines: (n: number) => b(ESC, 0x64, clamp(n, 0, 255)), // ESC d n
  feedDots: (n: number) => b(ESC, 0x4a, clamp(n, 0, 255)), // ESC J n
  align: (a: 'left' | 'center' | 'right') => b(ESC, 0x61, { left: 0, center: 1, right: 2 }[a]), // ESC a n
  bold: (on: boolean) => b(ESC, 0x45, on ? 1 : 0), // ESC E n
  size: (w: number, h: number) => b(GS, 0x21, ((clamp(w, 1, 8) - 1) << 4) | (clamp(h, 1, 8) - 1)), // GS ! n
  codePage: (n: number) => b(ESC, 0x74, clamp(n, 0, 255)), // ESC t n
  cancelKanji: () => b(FS, 0x2e), // FS . (many Chinese printers start in a double-byte mode)
  cut: (feedDots: number) => b(GS, 0x56, 66, clamp(feedDots, 0, 255)), // GS V 66 n: feed n dots, partial cut
  status: (n: 1 | 2 | 3 | 4) => b(DLE, EOT, n), // DLE EOT n: real-time status

  /** GS v 0 m xL xH yL yH d1…dk: one band of a 1-bit raster image, MSB = leftmost dot. */
  rasterBand: (widthBytes: number, height: number, data: Uint8Array): Uint8Array => {
    const out = new Uint8Array(8 + data.length);
    out.set([GS, 0x76, 0x30, 0, widthBytes & 0xff, widthBytes >> 8, height & 0xff, height >> 8]);
    out.set(data, 8);
    return out;
  },

  // QR code, function 165 family of GS ( k (cn = 49).
  qrModel2: () => b(GS, 0x28, 0x6b, 4, 0, 49, 65, 50, 0), // GS ( k fn 65: model 2
  qrModuleSize: (dots: number) => b(GS, 0x28, 0x6b, 3, 0, 49, 67, clamp(dots, 1, 16)), // GS ( k fn 67
  qrErrorLevel: (level: 'L' | 'M' | 'Q' | 'H') => b(GS, 0x28, 0x6b, 3, 0, 49, 69, { L: 48, M: 49, Q: 50, H: 51 }[level]), // GS ( k fn 69
  /** GS ( k fn 80: store the data; the length field counts the data plus the 3 bytes cn fn m. */
  qrStore: (data: Uint8Array): Uint8Array => {
    const len = data.length + 3;
    const out = new Uint8Array(8 + data.length);
    out.set([GS, 0x28, 0x6b, len & 0xff, len >> 8, 49, 80, 48]);
    out.set(data, 8);
    return out;
  },
  qrPrint: () => b(GS, 0x28, 0x6b, 3, 0, 49, 81, 48), // GS ( k fn 81: print the stored symbol
} as const;

function clamp(n: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, Math.round(n)));
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
