// Renders ticket blocks to a 1-bit bitmap with a bundled font that covers Vietnamese, so every
// tone mark prints on printers that have no Vietnamese code page. @napi-rs/canvas: Skia with a
// prebuilt binary from the registry, no system libraries, ~1 ms per ticket.
import { createRequire } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { SKRSContext2D } from '@napi-rs/canvas';

type Skia = typeof import('@napi-rs/canvas');
let skia: Skia | null = null;
/** Skia is loaded on the first picture (tens of MB): a hub whose printers are all driven by kiosk apps never needs it. */
function canvasLib(): Skia {
  // require() types what it loads as any: this is the package whose own types `Skia` names
  return (skia ??= createRequire(import.meta.url)('@napi-rs/canvas') as Skia);
}
const createCanvas = (width: number, height: number) => canvasLib().createCanvas(width, height);
import QRCode from 'qrcode';
import type { Block } from './layout.ts';

const SUBSETS = ['vietnamese', 'latin-ext', 'latin'] as const;
/**
 * Be Vietnam Pro ships in subsets (toned letters in "vietnamese", ă đ ơ ư in "latin-ext").
 * Each is registered under its own family and the font stack lists them all, so every glyph
 * is found whether or not this Skia build merges files registered under one family name.
 */
export const FONT = SUBSETS.map((s) => `"Be Vietnam Pro ${s}"`).join(', ');
let fontsReady = false;

export function ensureFonts(): void {
  if (fontsReady) return;
  const dir = join(dirname(createRequire(import.meta.url).resolve('@fontsource/be-vietnam-pro/package.json')), 'files');
  for (const f of readdirSync(dir)) {
    const m = /^be-vietnam-pro-(vietnamese|latin-ext|latin)-(400|700|800)-normal\.woff2$/.exec(f);
    if (m) canvasLib().GlobalFonts.register(readFileSync(join(dir, f)), `Be Vietnam Pro ${m[1]}`);
  }
  fontsReady = true;
}

/** 1 bit per dot, rows of ceil(width / 8) bytes, most significant bit leftmost, 1 = black. */
export interface Bitmap {
  width: number;
  height: number;
  data: Uint8Array;
}

interface Placed {
  block: Block;
  y: number;
  lines: string[];
  font: string;
  lineHeight: number;
  height: number;
}

/** Measured on 58 mm paper: at 20 px, ớ and ở differ by two dots; at these sizes every mark prints. */
const MIN_TEXT_PX = { small: 24, normal: 26, large: 28 } as const;
/**
 * Grey above which a dot stays white. Darker than the midpoint: the thin strokes of a breve or a
 * hook are grey after anti-aliasing and would vanish at 128.
 */
const INK_THRESHOLD = 160;

function fontFor(block: Block, width: number): { px: number; weight: number } {
  switch (block.kind) {
    case 'number':
      return { px: Math.round(width / 3.1), weight: 800 };
    case 'badge':
      return { px: Math.round(width / 17), weight: 700 };
    // Never below what a thermal head prints marks at (58 mm paper): a breve or a horn of fewer
    // dots than this vanishes, and Ắ reads Á, Ự reads Ụ (tests/hardware/marks.test.ts).
    case 'text':
      return {
        px: Math.max(MIN_TEXT_PX[block.size], Math.round(width / { small: 25, normal: 20, large: 15 }[block.size])),
        weight: block.bold ? 700 : 400,
      };
    default:
      return { px: Math.round(width / 20), weight: 400 };
  }
}

function wrap(ctx: SKRSContext2D, text: string, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (ctx.measureText(next).width <= maxWidth || !line) line = next;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines.length ? lines : [''];
}

function qrModules(payload: string): { size: number; data: Uint8Array } {
  const qr = QRCode.create(payload, { errorCorrectionLevel: 'M' });
  return { size: qr.modules.size, data: qr.modules.data };
}

export function renderRaster(blocks: readonly Block[], width: number): Bitmap {
  ensureFonts();
  const margin = Math.round(width * 0.04);
  const inner = width - 2 * margin;
  const scratch = createCanvas(width, 10).getContext('2d');
  const placed: Placed[] = [];
  let y = margin;
  for (const block of blocks) {
    const { px: wanted, weight } = fontFor(block, width);
    let px = wanted;
    let font = `${weight} ${px}px ${FONT}`;
    scratch.font = font;
    if (block.kind === 'number') {
      // Up to six digits (ranges reach 999,999) must fit inside the margins: shrink to the width.
      const measured = scratch.measureText(block.text).width;
      const room = inner * 0.96; // advance widths leave out a little side bearing
      if (measured > room) {
        px = Math.floor((px * room) / measured);
        font = `${weight} ${px}px ${FONT}`;
        scratch.font = font;
      }
    }
    let lines: string[] = [];
    let lineHeight = Math.round(px * 1.35);
    let height = 0;
    switch (block.kind) {
      case 'text':
        lines = wrap(scratch, block.text, inner);
        height = lines.length * lineHeight;
        break;
      case 'number':
        lines = [block.text];
        lineHeight = Math.round(px * 1.05);
        height = lineHeight;
        break;
      case 'badge':
        lines = [block.text];
        height = lineHeight + Math.round(px * 0.5);
        break;
      case 'qr': {
        const m = qrModules(block.payload);
        height = moduleDots(m.size, width) * (m.size + 8);
        break;
      }
      case 'rule':
        height = Math.round(width / 30);
        break;
      case 'gap':
        height = Math.round((width / 20) * 0.8 * block.lines);
        break;
    }
    placed.push({ block, y, lines, font, lineHeight, height });
    y += height;
  }
  const height = y + margin;
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff'; // white background: solid black is slow and wears thermal heads
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#000';
  ctx.strokeStyle = '#000';
  ctx.textBaseline = 'alphabetic';
  for (const p of placed) draw(ctx, p, width, margin);
  return threshold(ctx.getImageData(0, 0, width, height).data, width, height);
}

/**
 * Whole dots per QR module, so the code stays crisp after thresholding; never fewer than
 * MIN_QR_MODULE_DOTS (0.5 mm at 203 dpi), which phone cameras read off thermal paper.
 */
export const MIN_QR_MODULE_DOTS = 4;
function moduleDots(modules: number, width: number): number {
  return Math.max(MIN_QR_MODULE_DOTS, Math.floor((width * 0.42) / (modules + 8)));
}

function draw(ctx: SKRSContext2D, p: Placed, width: number, margin: number): void {
  const { block } = p;
  ctx.font = p.font;
  switch (block.kind) {
    case 'text':
    case 'number': {
      ctx.textAlign = block.kind === 'text' ? block.align : 'center';
      const x = ctx.textAlign === 'left' ? margin : ctx.textAlign === 'right' ? width - margin : width / 2;
      p.lines.forEach((line, i) => ctx.fillText(line, x, p.y + (i + 0.8) * p.lineHeight));
      break;
    }
    case 'badge': {
      ctx.textAlign = 'center';
      const w = ctx.measureText(block.text).width + p.lineHeight;
      ctx.lineWidth = 3;
      ctx.strokeRect((width - w) / 2, p.y + 2, w, p.height - 4);
      ctx.fillText(block.text, width / 2, p.y + p.height * 0.7);
      break;
    }
    case 'qr': {
      const m = qrModules(block.payload);
      const dots = moduleDots(m.size, width);
      const x0 = Math.round((width - dots * m.size) / 2);
      const y0 = p.y + dots * 4;
      for (let r = 0; r < m.size; r++)
        for (let c = 0; c < m.size; c++) if (m.data[r * m.size + c]) ctx.fillRect(x0 + c * dots, y0 + r * dots, dots, dots);
      break;
    }
    case 'rule':
      ctx.fillRect(margin, p.y + Math.floor(p.height / 2), width - 2 * margin, 2);
      break;
    case 'gap':
      break;
  }
}

function threshold(rgba: Uint8ClampedArray, width: number, height: number): Bitmap {
  const rowBytes = Math.ceil(width / 8);
  const data = new Uint8Array(rowBytes * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      // rgba is the canvas's width × height pixels of 4 bytes: i + 2 is inside
      const lum = 0.299 * rgba[i]! + 0.587 * rgba[i + 1]! + 0.114 * rgba[i + 2]!;
      // a byte of the row being filled: y < height, x >> 3 < rowBytes
      if (lum < INK_THRESHOLD) data[y * rowBytes + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
  return { width, height, data };
}

/** A PNG of a bitmap: previews in the manager console, pictures from the emulator. */
export function bitmapToPng(bm: Bitmap): Buffer {
  const canvas = createCanvas(bm.width, Math.max(1, bm.height));
  const ctx = canvas.getContext('2d');
  const img = ctx.createImageData(bm.width, Math.max(1, bm.height));
  const rowBytes = Math.ceil(bm.width / 8);
  for (let y = 0; y < bm.height; y++) {
    for (let x = 0; x < bm.width; x++) {
      // a bitmap holds height rows of rowBytes: y < height, x >> 3 < rowBytes
      const black = (bm.data[y * rowBytes + (x >> 3)]! & (0x80 >> (x & 7))) !== 0;
      const i = (y * bm.width + x) * 4;
      img.data[i] = img.data[i + 1] = img.data[i + 2] = black ? 0 : 255;
      img.data[i + 3] = 255;
    }
  }
  ctx.putImageData(img, 0, 0);
  return canvas.toBuffer('image/png');
}
