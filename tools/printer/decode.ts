// An ESC/POS decoder: takes the byte stream in chunks of any size and gives back what a printer
// would put on paper (raster bands, text in its code page, QR codes, feeds, cuts) and the
// real-time status requests it must answer. Used by the emulator and by tests.
import { DLE, EOT, ESC, FS, GS, LF } from '../../hardware/printer/commands.ts';
import type { Bitmap } from '../../hardware/printer/raster.ts';
import { decodeVietnamese } from '../../hardware/printer/vietnamese.ts';

export type PaperItem =
  | { kind: 'raster'; bitmap: Bitmap }
  | { kind: 'text'; text: string; align: 'left' | 'center' | 'right'; bold: boolean; width: number; height: number; codePage: number }
  | { kind: 'qr'; payload: string }
  | { kind: 'feed'; dots: number }
  | { kind: 'cut' };

/** Which code pages the emulator knows (Epson numbering, and the common Chinese ones). */
export const codePageEncodings: Record<number, 'cp1258' | 'tcvn'> = { 52: 'cp1258', 94: 'cp1258', 27: 'cp1258', 30: 'tcvn', 31: 'tcvn' };

export interface DecoderEvents {
  item(item: PaperItem): void;
  statusRequest(n: number): void;
  unknown(byte: number): void;
}

const NEED_MORE = -1;

export class EscPosDecoder {
  private buf = new Uint8Array(0);
  private align: 'left' | 'center' | 'right' = 'left';
  private bold = false;
  private sizeW = 1;
  private sizeH = 1;
  private codePage = 0;
  private line: number[] = [];
  private qrData: Uint8Array | null = null;

  constructor(private readonly on: DecoderEvents) {}

  push(chunk: Uint8Array): void {
    const merged = new Uint8Array(this.buf.length + chunk.length);
    merged.set(this.buf);
    merged.set(chunk, this.buf.length);
    let at = 0;
    while (at < merged.length) {
      const used = this.step(merged, at);
      if (used === NEED_MORE) break;
      at += used;
    }
    this.buf = merged.slice(at);
  }

  /** Anything left when the connection ends: a partial line still prints. */
  end(): void {
    this.flushLine();
  }

  /** Bytes consumed by the command at `at`, or NEED_MORE if it is not all here yet. */
  private step(d: Uint8Array, at: number): number {
    const c = d[at]!;
    const avail = d.length - at;
    const arg = (i: number) => d[at + i]!;
    if (c === DLE) {
      if (avail < 3) return NEED_MORE;
      if (arg(1) === EOT) {
        this.on.statusRequest(arg(2));
        return 3;
      }
      this.on.unknown(c);
      return 1;
    }
    if (c === LF) {
      this.flushLine(true);
      return 1;
    }
    if (c === ESC) {
      if (avail < 2) return NEED_MORE;
      const op = arg(1);
      if (op === 0x40) {
        // ESC @
        this.flushLine();
        this.align = 'left';
        this.bold = false;
        this.sizeW = this.sizeH = 1;
        this.codePage = 0;
        return 2;
      }
      if (avail < 3) return NEED_MORE;
      switch (op) {
        case 0x61:
          this.flushLine();
          this.align = (['left', 'center', 'right'] as const)[arg(2) % 48] ?? 'left';
          return 3; // ESC a
        case 0x45:
          this.bold = (arg(2) & 1) === 1;
          return 3; // ESC E
        case 0x74:
          this.codePage = arg(2);
          return 3; // ESC t
        case 0x64:
          this.flushLine();
          this.on.item({ kind: 'feed', dots: arg(2) * 30 });
          return 3; // ESC d: lines of ~30 dots
        case 0x4a:
          this.flushLine();
          this.on.item({ kind: 'feed', dots: arg(2) });
          return 3; // ESC J
        default:
          this.on.unknown(c);
          return 1;
      }
    }
    if (c === FS) {
      if (avail < 2) return NEED_MORE;
      if (arg(1) === 0x2e) return 2; // FS . : leave double-byte mode
      this.on.unknown(c);
      return 1;
    }
    if (c === GS) {
      if (avail < 2) return NEED_MORE;
      const op = arg(1);
      if (op === 0x21) {
        // GS ! n
        if (avail < 3) return NEED_MORE;
        this.sizeW = (arg(2) >> 4) + 1;
        this.sizeH = (arg(2) & 0x0f) + 1;
        return 3;
      }
      if (op === 0x56) {
        // GS V m [n]
        if (avail < 3) return NEED_MORE;
        const m = arg(2);
        const withFeed = m === 65 || m === 66;
        if (withFeed && avail < 4) return NEED_MORE;
        this.flushLine();
        if (withFeed) this.on.item({ kind: 'feed', dots: arg(3) });
        this.on.item({ kind: 'cut' });
        return withFeed ? 4 : 3;
      }
      if (op === 0x76) {
        // GS v 0 m xL xH yL yH d…
        if (avail < 8) return NEED_MORE;
        const widthBytes = arg(4) | (arg(5) << 8);
        const height = arg(6) | (arg(7) << 8);
        const size = widthBytes * height;
        if (avail < 8 + size) return NEED_MORE;
        this.flushLine();
        this.on.item({ kind: 'raster', bitmap: { width: widthBytes * 8, height, data: d.slice(at + 8, at + 8 + size) } });
        return 8 + size;
      }
      if (op === 0x28) {
        // GS ( k pL pH cn fn …
        if (avail < 5) return NEED_MORE;
        const len = arg(3) | (arg(4) << 8);
        if (avail < 5 + len) return NEED_MORE;
        if (arg(2) === 0x6b && arg(5) === 49) {
          const fn = arg(6);
          if (fn === 80) this.qrData = d.slice(at + 8, at + 5 + len); // store: data after cn fn m
          if (fn === 81 && this.qrData) {
            this.flushLine();
            this.on.item({ kind: 'qr', payload: new TextDecoder().decode(this.qrData) });
          }
        }
        return 5 + len;
      }
      this.on.unknown(c);
      return 1;
    }
    if (c < 0x20) {
      this.on.unknown(c);
      return 1;
    }
    this.line.push(c);
    return 1;
  }

  private flushLine(evenIfEmpty = false): void {
    if (this.line.length === 0 && !evenIfEmpty) return;
    const bytes = Uint8Array.from(this.line);
    this.line = [];
    const enc = codePageEncodings[this.codePage];
    const text = enc ? decodeVietnamese(bytes, enc) : String.fromCharCode(...bytes);
    this.on.item({
      kind: 'text',
      text,
      align: this.align,
      bold: this.bold,
      width: this.sizeW,
      height: this.sizeH,
      codePage: this.codePage,
    });
  }
}
