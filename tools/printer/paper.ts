// What came out of the printer, as one picture: decoded raster bands as they are, text drawn in
// the printer's 12×24 character cell (scaled by GS !), QR codes as the printer would draw them.
import { createCanvas } from '@napi-rs/canvas';
import QRCode from 'qrcode';
import type { PaperItem } from './decode.ts';
import { ensureFonts, FONT, type Bitmap } from '../../hardware/printer/raster.ts';

const CELL_H = 24;

export function paperBitmap(items: readonly PaperItem[], width: number): Bitmap {
  ensureFonts();
  // First pass: heights.
  let height = 0;
  const qrs = new Map<number, { size: number; data: Uint8Array }>();
  items.forEach((it, i) => {
    if (it.kind === 'raster') height += it.bitmap.height;
    else if (it.kind === 'text') height += CELL_H * it.height + 6;
    else if (it.kind === 'feed') height += it.dots;
    else if (it.kind === 'qr') {
      const m = QRCode.create(it.payload, { errorCorrectionLevel: 'M' }).modules;
      qrs.set(i, { size: m.size, data: m.data });
      height += (m.size + 8) * 6;
    }
  });
  const canvas = createCanvas(width, Math.max(1, height));
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, Math.max(1, height));
  ctx.fillStyle = '#000';
  let y = 0;
  items.forEach((it, i) => {
    if (it.kind === 'raster') {
      const bm = it.bitmap;
      const rowBytes = Math.ceil(bm.width / 8);
      const x0 = Math.max(0, Math.floor((width - bm.width) / 2));
      for (let r = 0; r < bm.height; r++) {
        for (let c = 0; c < bm.width; c++) if (bm.data[r * rowBytes + (c >> 3)]! & (0x80 >> (c & 7))) ctx.fillRect(x0 + c, y + r, 1, 1);
      }
      y += bm.height;
    } else if (it.kind === 'text') {
      const px = Math.round(CELL_H * 0.85 * it.height);
      ctx.font = `${it.bold ? 700 : 400} ${px}px ${FONT}`;
      ctx.textAlign = it.align;
      const x = it.align === 'left' ? 4 : it.align === 'right' ? width - 4 : width / 2;
      ctx.save();
      ctx.translate(x, y + CELL_H * it.height - 4);
      ctx.scale(it.width / it.height, 1); // GS ! stretches width and height apart
      ctx.fillText(it.text, 0, 0);
      ctx.restore();
      y += CELL_H * it.height + 6;
    } else if (it.kind === 'feed') {
      y += it.dots;
    } else if (it.kind === 'qr') {
      const m = qrs.get(i)!;
      const dots = 6;
      const x0 = Math.round((width - m.size * dots) / 2);
      for (let r = 0; r < m.size; r++)
        for (let c = 0; c < m.size; c++) if (m.data[r * m.size + c]) ctx.fillRect(x0 + c * dots, y + (r + 4) * dots, dots, dots);
      y += (m.size + 8) * dots;
    }
  });
  const rgba = ctx.getImageData(0, 0, width, Math.max(1, height)).data;
  const rowBytes = Math.ceil(width / 8);
  const data = new Uint8Array(rowBytes * Math.max(1, height));
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) if (rgba[(r * width + c) * 4]! < 128) data[r * rowBytes + (c >> 3)]! |= 0x80 >> (c & 7);
  }
  return { width, height: Math.max(1, height), data };
}
