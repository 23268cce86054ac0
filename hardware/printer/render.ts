// Ticket → the bytes of one print job, in raster or text mode.
import { cmd, concat } from './commands.ts';
import { ticketBlocks, type Block, type PrintProfile, type TicketPrintData } from './layout.ts';
import { renderRaster, type Bitmap } from './raster.ts';
import { encodeVietnamese } from './vietnamese.ts';

export interface RenderedJob {
  bytes: Uint8Array;
  /** The raster picture (raster mode), also the preview in text mode. */
  bitmap: Bitmap;
  /** Length of paper the job uses, in dots (203 dpi: 8 dots per mm). */
  paperDots: number;
}

export function renderTicket(ticket: TicketPrintData, profile: PrintProfile): RenderedJob {
  const blocks = ticketBlocks(ticket);
  const bitmap = renderRaster(blocks, profile.widthDots);
  const bytes = profile.mode === 'raster' ? rasterJob(bitmap, profile) : textJob(blocks, profile);
  return { bytes, bitmap, paperDots: bitmap.height + profile.cutFeedDots };
}

/**
 * Real-time commands (DLE EOT n status, DLE ENQ n, DLE DC4 n: pulse, power off, clear buffer) are
 * obeyed by Epson-class printers even inside raster data. A picture whose bytes happen to read
 * `10 04 02` would make the printer answer a status nobody asked for, and that answer could be
 * taken for the job's own status. Each 0x10 followed by 0x04, 0x05 or 0x14 loses its one dot
 * (0x10 → 0x00): invisible on paper, and the job then carries no real-time command by accident.
 */
export function withoutRealtimeCommands(data: Uint8Array): Uint8Array {
  let out: Uint8Array | null = null;
  for (let i = 0; i + 1 < data.length; i++) {
    if (data[i] === 0x10 && (data[i + 1] === 0x04 || data[i + 1] === 0x05 || data[i + 1] === 0x14)) {
      out ??= Uint8Array.from(data);
      out[i] = 0x00;
    }
  }
  return out ?? data;
}

/** GS v 0 in bands of at most maxBandHeight rows, then feed and cut. */
export function rasterJob(bm: Bitmap, profile: Pick<PrintProfile, 'maxBandHeight' | 'cutFeedDots'>): Uint8Array {
  const rowBytes = Math.ceil(bm.width / 8);
  const parts: Uint8Array[] = [cmd.init()];
  for (let y = 0; y < bm.height; y += profile.maxBandHeight) {
    const h = Math.min(profile.maxBandHeight, bm.height - y);
    parts.push(cmd.rasterBand(rowBytes, h, withoutRealtimeCommands(bm.data.subarray(y * rowBytes, (y + h) * rowBytes))));
  }
  parts.push(cmd.cut(profile.cutFeedDots));
  return concat(parts);
}

/** The printer's own font and code page; the number in its largest size; a native QR code. */
export function textJob(blocks: readonly Block[], profile: PrintProfile): Uint8Array {
  const enc = (s: string) => encodeVietnamese(s, profile.textEncoding);
  const parts: Uint8Array[] = [cmd.init()];
  if (profile.cancelKanji) parts.push(cmd.cancelKanji());
  parts.push(cmd.codePage(profile.codePage));
  const chars = Math.floor(profile.widthDots / 12); // font A is 12 dots wide
  for (const b of blocks) {
    switch (b.kind) {
      case 'text':
        parts.push(
          cmd.align(b.align),
          cmd.bold(b.bold),
          cmd.size(b.size === 'large' ? 2 : 1, b.size === 'large' ? 2 : 1),
          enc(b.text),
          cmd.lf(),
        );
        break;
      case 'number': {
        // As large as fits on one line: six digits at 384 dots take 5× (6× would wrap).
        const m = Math.max(1, Math.min(6, Math.floor(chars / b.text.length)));
        parts.push(cmd.align('center'), cmd.bold(true), cmd.size(m, m), enc(b.text), cmd.lf(), cmd.size(1, 1));
        break;
      }
      case 'badge':
        parts.push(cmd.align('center'), cmd.bold(true), cmd.size(2, 2), enc(`[ ${b.text} ]`), cmd.lf(), cmd.size(1, 1));
        break;
      case 'qr':
        parts.push(
          cmd.align('center'),
          cmd.qrModel2(),
          cmd.qrModuleSize(profile.widthDots === 384 ? 5 : 7),
          cmd.qrErrorLevel('M'),
          cmd.qrStore(new TextEncoder().encode(b.payload)),
          cmd.qrPrint(),
          cmd.lf(),
        );
        break;
      case 'rule':
        parts.push(cmd.align('left'), cmd.bold(false), cmd.size(1, 1), enc('-'.repeat(chars)), cmd.lf());
        break;
      case 'gap':
        parts.push(cmd.feedLines(b.lines));
        break;
    }
  }
  parts.push(cmd.bold(false), cmd.cut(profile.cutFeedDots));
  return concat(parts);
}
