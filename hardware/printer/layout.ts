// The ticket as blocks, independent of how it is printed: the raster renderer draws them, the
// text renderer turns them into printer commands, and previews use the raster output.

export interface TicketPrintData {
  centerName: string;
  header: string;
  fieldName: string;
  /** The field's English name, printed under it when the citizen chose English; else null. */
  fieldNameEn: string | null;
  number: number;
  /** Shown boxed under the number when the citizen is a priority citizen, else null. */
  priorityLabel: string | null;
  /** Ready-made lines: issue time, people ahead, estimated wait. */
  details: string[];
  qrPayload: string;
  footer: string;
  /** "IN LẠI lúc 10:42 …" on a reprint, else null. */
  reprintLabel: string | null;
}

export type Align = 'left' | 'center' | 'right';

export type Block =
  | { kind: 'text'; text: string; size: 'small' | 'normal' | 'large'; bold: boolean; align: Align }
  | { kind: 'number'; text: string }
  | { kind: 'badge'; text: string }
  | { kind: 'qr'; payload: string }
  | { kind: 'rule' }
  | { kind: 'gap'; lines: number };

export type PrinterWidth = 384 | 512 | 576;

export interface PrintProfile {
  widthDots: PrinterWidth;
  mode: 'raster' | 'text';
  /** GS v 0 band height: some printers cap it. */
  maxBandHeight: number;
  /** Text mode: ESC t n page and how to encode for it. */
  codePage: number;
  textEncoding: 'cp1258' | 'tcvn';
  /** Text mode: send FS . first (Chinese printers that start in double-byte mode). */
  cancelKanji: boolean;
  /** Dots fed before the cut so the last line clears the blade. */
  cutFeedDots: number;
}

export const defaultProfile: PrintProfile = {
  widthDots: 576,
  mode: 'raster',
  maxBandHeight: 128,
  codePage: 52,
  textEncoding: 'cp1258',
  cancelKanji: false,
  cutFeedDots: 96,
};

export function ticketBlocks(t: TicketPrintData): Block[] {
  const blocks: Block[] = [{ kind: 'text', text: t.centerName, size: 'normal', bold: true, align: 'center' }];
  if (t.header.trim()) blocks.push({ kind: 'text', text: t.header, size: 'small', bold: false, align: 'center' });
  if (t.reprintLabel) blocks.push({ kind: 'text', text: t.reprintLabel, size: 'normal', bold: true, align: 'center' });
  blocks.push({ kind: 'rule' }, { kind: 'text', text: t.fieldName, size: 'large', bold: true, align: 'center' });
  if (t.fieldNameEn) blocks.push({ kind: 'text', text: t.fieldNameEn, size: 'normal', bold: false, align: 'center' });
  blocks.push({ kind: 'number', text: String(t.number) });
  if (t.priorityLabel) blocks.push({ kind: 'badge', text: t.priorityLabel });
  blocks.push({ kind: 'gap', lines: 1 });
  for (const line of t.details) blocks.push({ kind: 'text', text: line, size: 'normal', bold: false, align: 'center' });
  blocks.push({ kind: 'gap', lines: 1 }, { kind: 'qr', payload: t.qrPayload });
  if (t.footer.trim())
    blocks.push({ kind: 'gap', lines: 1 }, { kind: 'text', text: t.footer, size: 'small', bold: false, align: 'center' });
  return blocks;
}
