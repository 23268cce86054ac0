// The printer layer: protocol bytes, status, Vietnamese text, raster rendering, and real TCP
// jobs against the emulator, including every way a print can fail.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { cmd } from '../../hardware/printer/commands.ts';
import { faultOf, isStatusByte, parseStatus, statusReply } from '../../hardware/printer/status.ts';
import { encodeVietnamese, survivesEncoding, toCp1258Form } from '../../hardware/printer/vietnamese.ts';
import { defaultProfile, ticketBlocks, type PrintProfile, type TicketPrintData } from '../../hardware/printer/layout.ts';
import { renderRaster, type Bitmap } from '../../hardware/printer/raster.ts';
import { rasterJob, renderTicket, withoutRealtimeCommands } from '../../hardware/printer/render.ts';
import { EscPosDecoder, type PaperItem } from '../../tools/printer/decode.ts';
import { PrinterEmulator } from '../../tools/printer/emulator.ts';
import { printJob } from '../../hardware/printer/driver.ts';
import { DeviceFileTransport } from '../../hardware/printer/deviceFileTransport.ts';
import { TcpTransport } from '../../hardware/printer/tcpTransport.ts';
import { SpoolerTransport } from '../../hardware/printer/spoolerTransport.ts';
import { hasCups, startCups, type TestCups } from '../helpers/cups.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// jsqr is CommonJS with an ES-style typing; load it as what it is.
const jsQR = createRequire(import.meta.url)('jsqr') as typeof import('jsqr').default;

const ticket: TicketPrintData = {
  centerName: 'Trung tâm Phục vụ hành chính công huyện Mỹ Hòa',
  header: 'PHIẾU SỐ THỨ TỰ',
  fieldName: 'Tư pháp – Hộ tịch',
  number: 1023,
  priorityLabel: 'ƯU TIÊN',
  details: ['Lấy số lúc 09:15 ngày 23/11/2026', 'Số người chờ trước bạn: 4'],
  qrPayload: 'MC1.57.20261123.1023.Xy9_aB',
  footer: 'Xin vui lòng chờ đến lượt. Cảm ơn quý công dân!',
  fieldNameEn: null,
  reprintLabel: null,
};

describe('status bytes (DLE EOT)', () => {
  it.each([
    // n=1 printer, n=2 offline cause, n=4 paper sensor → fault
    [0x16, 0x12, 0x12, null, 'ready (0x16: drawer pin high)'],
    [0x12, 0x12, 0x1e, null, 'paper near end still prints'],
    [0x1e, 0x16, 0x12, 'cover_open', 'offline because the cover is open'],
    [0x1e, 0x32, 0x72, 'paper_out', 'offline, stopped at paper end'],
    [0x12, 0x12, 0x72, 'paper_out', 'paper end sensor alone'],
    [0x1e, 0x52, 0x12, 'error', 'an error occurred'],
    [0x1e, 0x12, 0x12, 'offline', 'offline with no cause given'],
  ])('%#: %s', (n1, n2, n4, fault, _what) => {
    expect(faultOf(parseStatus(n1, n2, n4))).toBe(fault);
  });

  it('rejects bytes that are not status replies, and the emulator replies what it parses', () => {
    for (const bad of [0x00, 0xff, 0x13, 0x92, 0x41]) expect(isStatusByte(bad)).toBe(false);
    expect(() => parseStatus(0x41, 0x12, 0x12)).toThrow(/not a status byte/);
    const s = { online: false, coverOpen: true, paperOut: true, paperNearEnd: true, error: false };
    expect(parseStatus(statusReply(1, s), statusReply(2, s), statusReply(4, s))).toEqual(s);
  });
});

describe('commands are byte-exact', () => {
  it('cut, code page, size, status, raster header, QR store length (data + 3)', () => {
    expect([...cmd.cut(96)]).toEqual([0x1d, 0x56, 66, 96]);
    expect([...cmd.codePage(52)]).toEqual([0x1b, 0x74, 52]);
    expect([...cmd.cancelKanji()]).toEqual([0x1c, 0x2e]);
    expect([...cmd.size(6, 6)]).toEqual([0x1d, 0x21, 0x55]);
    expect([...cmd.status(4)]).toEqual([0x10, 0x04, 4]);
    expect([...cmd.rasterBand(72, 300, new Uint8Array(0))]).toEqual([0x1d, 0x76, 0x30, 0, 72, 0, 44, 1]);
    const store = cmd.qrStore(new TextEncoder().encode('ABC'));
    expect([...store]).toEqual([0x1d, 0x28, 0x6b, 6, 0, 49, 80, 48, 65, 66, 67]);
    expect([...cmd.qrPrint()]).toEqual([0x1d, 0x28, 0x6b, 3, 0, 49, 81, 48]);
  });
});

const vowels = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'];
const tones = ['', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323'];
const allSyllables = vowels.flatMap((v) => tones.map((t) => (v + t).normalize('NFC')));

describe("Vietnamese in the printer's code page", () => {
  it('Windows-1258 keeps â ê ô ơ ư ă đ whole and sends tones as combining marks', () => {
    expect([...encodeVietnamese('Việt', 'cp1258')]).toEqual([0x56, 0x69, 0xea, 0xf2, 0x74]);
    expect([...encodeVietnamese('Đất', 'cp1258')]).toEqual([0xd0, 0xe2, 0xec, 0x74]);
    expect(toCp1258Form('ử')).toBe('ư\u0309');
  });

  it('every tone on every vowel, both cases, survives Windows-1258 and TCVN', () => {
    for (const s of [...allSyllables, ...allSyllables.map((x) => x.toUpperCase()), 'đ', 'Đ']) {
      expect(survivesEncoding(s, 'cp1258'), s).toBe(true);
      expect(survivesEncoding(s, 'tcvn'), s).toBe(true);
    }
  });
});

function sameBitmap(a: Bitmap, b: Bitmap): boolean {
  return a.width === b.width && a.height === b.height && Buffer.from(a.data).equals(Buffer.from(b.data));
}

describe('raster rendering', () => {
  it('every tone mark on every vowel prints visibly: six distinct pictures per vowel', () => {
    for (const v of vowels) {
      const pics = tones.map((t) =>
        renderRaster([{ kind: 'text', text: (v + t).normalize('NFC').repeat(3), size: 'large', bold: true, align: 'center' }], 384),
      );
      for (let i = 0; i < pics.length; i++)
        for (let j = i + 1; j < pics.length; j++) {
          expect(sameBitmap(pics[i]!, pics[j]!), `${v}: tone ${i} vs ${j}`).toBe(false);
        }
    }
  });

  it('a ticket is mostly white, fits every width, and its QR decodes', () => {
    for (const width of [384, 512, 576] as const) {
      const { bitmap } = renderTicket(ticket, { ...defaultProfile, widthDots: width });
      expect(bitmap.width).toBe(width);
      let black = 0;
      for (const byte of bitmap.data) for (let x = byte; x; x &= x - 1) black++;
      expect(black / (bitmap.width * bitmap.height)).toBeLessThan(0.2);
      expect(decodeQr(bitmap)).toBe(ticket.qrPayload);
    }
  });
});

describe('the QR on the ticket', () => {
  // A phone link as the hub prints it (phoneBaseUrl + signed code), the longest base address allowed and a short code.
  const payloads = [
    'http://192.168.1.10:8686/t/MC1.57.20261123.1023.Xy9_aBcDeF',
    `http://${'a'.repeat(60)}.example.vn:8686/t/MC1.57.20261123.1023.Xy9_aBcDeF`,
    'MC1.57.20261123.1023.Xy9_aB',
  ];
  it.each([384, 512, 576] as const)('at %i dots it decodes and every module is 4 dots or more (0.5 mm)', (width) => {
    for (const qrPayload of payloads) {
      const { bitmap } = renderTicket({ ...ticket, qrPayload }, { ...defaultProfile, widthDots: width });
      const found = findQr(bitmap);
      expect(found?.data, `${qrPayload} at ${width}`).toBe(qrPayload);
      // Finder pattern centres lie (size - 7) modules apart; size = 17 + 4 × version.
      const { topLeftFinderPattern: a, topRightFinderPattern: b } = found!.location;
      const module = Math.hypot(b.x - a.x, b.y - a.y) / (17 + 4 * found!.version - 7);
      expect(module, `${qrPayload} at ${width}`).toBeGreaterThanOrEqual(3.9); // 4 dots, within jsQR's sub-dot estimate
    }
  });
});

function findQr(bm: Bitmap): ReturnType<typeof jsQR> {
  const rgba = new Uint8ClampedArray(bm.width * bm.height * 4);
  const rowBytes = Math.ceil(bm.width / 8);
  for (let y = 0; y < bm.height; y++)
    for (let x = 0; x < bm.width; x++) {
      const v = bm.data[y * rowBytes + (x >> 3)]! & (0x80 >> (x & 7)) ? 0 : 255;
      const i = (y * bm.width + x) * 4;
      rgba[i] = rgba[i + 1] = rgba[i + 2] = v;
      rgba[i + 3] = 255;
    }
  return jsQR(rgba, bm.width, bm.height);
}

function decodeQr(bm: Bitmap): string | null {
  const rgba = new Uint8ClampedArray(bm.width * bm.height * 4);
  const rowBytes = Math.ceil(bm.width / 8);
  for (let y = 0; y < bm.height; y++)
    for (let x = 0; x < bm.width; x++) {
      const v = bm.data[y * rowBytes + (x >> 3)]! & (0x80 >> (x & 7)) ? 0 : 255;
      const i = (y * bm.width + x) * 4;
      rgba[i] = rgba[i + 1] = rgba[i + 2] = v;
      rgba[i + 3] = 255;
    }
  return jsQR(rgba, bm.width, bm.height)?.data ?? null;
}

function decodeAll(chunks: Uint8Array[]): { items: PaperItem[]; status: number[] } {
  const items: PaperItem[] = [];
  const status: number[] = [];
  const d = new EscPosDecoder({ item: (i) => items.push(i), statusRequest: (n) => status.push(n), unknown: () => undefined });
  for (const c of chunks) d.push(c);
  d.end();
  return { items, status };
}

describe('decoder', () => {
  const textProfile: PrintProfile = { ...defaultProfile, mode: 'text', widthDots: 576 };

  it('gives back the same paper whatever the chunking (text job: split at every offset)', () => {
    const { bytes } = renderTicket(ticket, textProfile);
    const withStatus = new Uint8Array([...cmd.status(1), ...bytes, ...cmd.status(4)]);
    const whole = decodeAll([withStatus]);
    expect(whole.status).toEqual([1, 4]);
    for (let i = 1; i < withStatus.length; i++) {
      expect(decodeAll([withStatus.subarray(0, i), withStatus.subarray(i)])).toEqual(whole);
    }
  });

  it('raster job: split anywhere in headers and at sampled offsets in the data', () => {
    const { bytes, bitmap } = renderTicket(ticket, { ...defaultProfile, widthDots: 384, maxBandHeight: 100 });
    const whole = decodeAll([bytes]);
    const bands = whole.items.filter((i): i is Extract<PaperItem, { kind: 'raster' }> => i.kind === 'raster');
    expect(bands.map((b) => b.bitmap.height).reduce((a, b) => a + b, 0)).toBe(bitmap.height);
    expect(bands.every((b) => b.bitmap.height <= 100)).toBe(true);
    const offsets = [
      ...Array.from({ length: 40 }, (_, i) => i + 1),
      ...Array.from({ length: 60 }, (_, i) => Math.floor(((i + 1) * bytes.length) / 61)),
    ];
    for (const i of offsets) expect(decodeAll([bytes.subarray(0, i), bytes.subarray(i)])).toEqual(whole);
    // One byte at a time too.
    expect(decodeAll([...bytes.subarray(0, 3000)].map((b) => Uint8Array.of(b)))).toEqual(decodeAll([bytes.subarray(0, 3000)]));
  });
});

describe('printing over TCP to the emulator', () => {
  let emu: PrinterEmulator;
  let port: number;
  beforeEach(async () => {
    emu = new PrinterEmulator(576);
    port = await emu.listen();
  });
  afterEach(async () => emu.close());

  it('raster: the printed picture is the rendered ticket, its QR decodes, and it is cut', async () => {
    const job = renderTicket(ticket, defaultProfile);
    const printed = emu.nextJob();
    expect(await printJob(new TcpTransport('127.0.0.1', port), job.bytes)).toMatchObject({ status: 'printed' });
    const got = await printed;
    expect(got.cut).toBe(true);
    const raster = got.items.filter((i): i is Extract<PaperItem, { kind: 'raster' }> => i.kind === 'raster');
    // Checked before the job, asked after each band while it prints (the answers are its progress), before its cut…
    const progress = raster.map(() => 2);
    expect(got.statusRequests).toEqual([1, 2, 4, ...progress, 1, 2, 4]);
    expect(emu.statusRequests).toEqual([1, 2, 4, ...progress, 1, 2, 4, 1, 2, 4]); // …and after it
    const rows = raster.reduce((s, r) => s + r.bitmap.height, 0);
    expect(rows).toBe(job.bitmap.height);
    expect(Buffer.concat(raster.map((r) => Buffer.from(r.bitmap.data))).equals(Buffer.from(job.bitmap.data))).toBe(true);
    expect(decodeQr(got.bitmap)).toBe(ticket.qrPayload);
    expect(got.png().subarray(1, 4).toString()).toBe('PNG');
  });

  it('text mode: Vietnamese comes back intact through code page 52 (and FS . first), QR is native', async () => {
    const profile: PrintProfile = { ...defaultProfile, mode: 'text', codePage: 52, cancelKanji: true };
    const job = renderTicket(ticket, profile);
    const printed = emu.nextJob();
    expect((await printJob(new TcpTransport('127.0.0.1', port), job.bytes)).status).toBe('printed');
    const got = await printed;
    expect(got.texts).toEqual(
      expect.arrayContaining([ticket.centerName, ticket.fieldName, '1023', '[ ƯU TIÊN ]', ...ticket.details, ticket.footer]),
    );
    expect(got.qrPayloads).toEqual([ticket.qrPayload]);
    expect(decodeQr(got.bitmap)).toBe(ticket.qrPayload);
    expect(got.cut).toBe(true);
    expect(ticketBlocks(ticket).filter((b) => b.kind === 'qr')).toHaveLength(1);
  });

  const job = () => renderTicket(ticket, defaultProfile).bytes;

  it.each([
    ['paper out before the job', { paperOut: true }, 'paper_out'],
    ['cover open', { coverOpen: true }, 'cover_open'],
    ['offline', { online: false }, 'offline'],
    ['printer error', { error: true }, 'error'],
    ['no answer to status requests', { silent: true }, 'timeout'],
    ['paper runs out during the job', { paperOutAfterBytes: 20_000 }, 'paper_out'],
    ['connection dropped mid-job', { dropAfterBytes: 20_000 }, 'disconnected'],
  ] as const)('%s → failed: %s', async (_name, state, reason) => {
    emu.set(state);
    const result = await printJob(new TcpTransport('127.0.0.1', port), job(), { statusTimeoutMs: 300, chunkBytes: 4096 });
    expect(result).toEqual({ status: 'failed', reason });
  });

  it('connection refused → failed: offline', async () => {
    await emu.close();
    expect(await printJob(new TcpTransport('127.0.0.1', port), job())).toEqual({ status: 'failed', reason: 'offline' });
  });
});

describe('ticket numbers of one to six digits (ranges reach 999,999)', () => {
  const numbers = [7, 42, 1023, 12345, 123456, 999999];
  const profile = (widthDots: PrintProfile['widthDots'], mode: PrintProfile['mode']): PrintProfile => ({
    ...defaultProfile,
    widthDots,
    mode,
  });

  it.each([384, 512, 576] as const)('raster at %i dots: the number never reaches the paper edge', (width) => {
    for (const number of numbers) {
      const bm = renderTicket({ ...ticket, number }, profile(width, 'raster')).bitmap;
      const rowBytes = Math.ceil(bm.width / 8);
      const inkAt = (x: number) => {
        for (let y = 0; y < bm.height; y++) if (bm.data[y * rowBytes + (x >> 3)]! & (0x80 >> (x & 7))) return true;
        return false;
      };
      const edge = Math.round(width * 0.02); // half the margin
      for (let x = 0; x < edge; x++) expect(inkAt(x) || inkAt(width - 1 - x), `${number} at ${width} dots, column ${x}`).toBe(false);
    }
  });

  it.each([384, 512, 576] as const)('text mode at %i dots: the number stays on one line, as large as fits', (width) => {
    for (const number of numbers) {
      const items: PaperItem[] = [];
      const d = new EscPosDecoder({ item: (i) => items.push(i), statusRequest: () => undefined, unknown: () => undefined });
      d.push(renderTicket({ ...ticket, number }, profile(width, 'text')).bytes);
      const line = items.find((i) => i.kind === 'text' && i.text.trim() === String(number)) as
        Extract<PaperItem, { kind: 'text' }> | undefined;
      expect(line, `${number} at ${width}`).toBeDefined();
      expect(line!.text.length * 12 * line!.width).toBeLessThanOrEqual(width);
      if (String(number).length <= 4) expect(line!.width).toBeGreaterThanOrEqual(6); // short numbers keep the largest size
    }
  });
});

describe('a job reported failed never finishes later; stray answers never decide a job', () => {
  let emu: PrinterEmulator;
  let port: number;
  beforeEach(async () => {
    emu = new PrinterEmulator(576);
    port = await emu.listen();
  });
  afterEach(async () => emu.close());

  it('a printer that stops reading mid-job fails it in bounded time, and its late bytes never complete a ticket', async () => {
    const job = renderTicket(ticket, defaultProfile);
    emu.set({ stallAfterBytes: 20_000, stallMs: 3000 });
    const started = Date.now();
    const result = await printJob(new TcpTransport('127.0.0.1', port, 3000, 2000), job.bytes, { statusTimeoutMs: 800, chunkBytes: 4096 });
    expect(result).toEqual({ status: 'failed', reason: 'timeout' });
    expect(Date.now() - started).toBeLessThan(6000);
    // The printer comes back: whatever it had taken in may print, but no finished (cut) ticket.
    await new Promise((r) => setTimeout(r, 3500));
    expect(emu.jobs.filter((j) => j.cut)).toEqual([]);
    // And the next job prints whole.
    const next = emu.nextJob();
    expect((await printJob(new TcpTransport('127.0.0.1', port), job.bytes)).status).toBe('printed');
    expect((await next).cut).toBe(true);
  });

  it('a picture whose bytes read DLE EOT n carries no real-time command; a cover opened mid-job fails it', async () => {
    // A bitmap whose rows contain 10 04 02, 10 05 01 and 10 14 08 as data.
    const width = 576;
    const rowBytes = width / 8;
    const height = 64;
    const data = new Uint8Array(rowBytes * height);
    for (let y = 0; y < height; y += 4) data.set([0x10, 0x04, 0x02, 0x10, 0x05, 0x01, 0x10, 0x14, 0x08], y * rowBytes + 3);
    const bytes = rasterJob({ width, height, data }, defaultProfile);
    for (let i = 0; i + 1 < bytes.length; i++)
      expect(bytes[i] === 0x10 && [0x04, 0x05, 0x14].includes(bytes[i + 1]!), `byte ${i}`).toBe(false);
    expect(differingBits(withoutRealtimeCommands(data), data)).toBe(3 * (height / 4)); // one dot each

    // An Epson-like printer that answers DLE EOT even inside raster data, its cover opened mid-job.
    emu.set({ realtimeInRaster: true, coverOpenAfterBytes: 2000 });
    const result = await printJob(new TcpTransport('127.0.0.1', port), bytes, { statusTimeoutMs: 800, chunkBytes: 1024 });
    expect(result).toEqual({ status: 'failed', reason: 'cover_open' });
    expect(emu.jobs.filter((j) => j.cut)).toEqual([]);
    // The same picture unsanitised makes that printer answer questions nobody asked.
    emu.set({ coverOpen: false, coverOpenAfterBytes: 0 });
    const before = emu.statusRequests.length;
    await printJob(new TcpTransport('127.0.0.1', port), concatBytes([cmd.init(), cmd.rasterBand(rowBytes, height, data), cmd.cut(96)]), {
      statusTimeoutMs: 800,
      chunkBytes: 1024,
    });
    expect(emu.statusRequests.length - before).toBeGreaterThan(9); // 9 asked by the driver, the rest by the picture
  });
});

describe('slow printers (a 4 KB buffer, 60, 90 or 100 mm/s): printed once, cut once, reported printed', () => {
  // As the hub composes them (printing.ts compose): the queue now and a QR that opens the ticket on a phone…
  const normal: TicketPrintData = {
    ...ticket,
    centerName: 'Trung tâm Phục vụ hành chính công huyện Mỹ Hòa (dữ liệu mẫu)',
    details: ['Lấy số lúc 09:15 ngày 23/11/2026', 'Số người chờ trước: 4', 'Thời gian chờ dự kiến: khoảng 12 phút'],
    qrPayload: 'http://192.168.1.10:8686/t/MC1.57.20261123.1023.Xy9_aBcDeF',
  };
  // …and with the English beside the Vietnamese when the citizen chose English.
  const bilingual: TicketPrintData = {
    ...normal,
    fieldNameEn: 'Justice – Civil status',
    priorityLabel: 'ƯU TIÊN · PRIORITY',
    details: [
      'Lấy số lúc 09:15 ngày 23/11/2026',
      'Issued at 09:15, 23/11/2026',
      'Số người chờ trước: 4',
      'People ahead of you: 4',
      'Thời gian chờ dự kiến: khoảng 12 phút',
      'Expected wait: about 12 min',
    ],
    footer: 'Xin vui lòng chờ đến lượt. Cảm ơn quý công dân! Please wait until your number is called. Thank you.',
  };
  // …and for a field whose name takes several lines (78 characters, as centers name them): at 100 mm/s
  // its picture takes longer to print than the 1.5 s the driver once allowed after the picture.
  const longName: TicketPrintData = {
    ...bilingual,
    fieldName: 'Đăng ký, cấp giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản',
    fieldNameEn: 'Registration and certificates of land use rights, house ownership and assets',
  };
  const kinds = { normal, bilingual, 'bilingual, long field name,': longName };
  let emu: PrinterEmulator | null = null;
  afterEach(async () => emu?.close());

  it.each([
    [384, 60, 'normal', 'answering as it takes bytes in'],
    [384, 60, 'bilingual', 'answering as it takes bytes in'],
    [384, 90, 'normal', 'answering as it takes bytes in'],
    [384, 90, 'bilingual', 'answering as it takes bytes in'],
    [576, 60, 'normal', 'answering as it takes bytes in'],
    [576, 60, 'bilingual', 'answering as it takes bytes in'],
    [576, 90, 'normal', 'answering as it takes bytes in'],
    [576, 90, 'bilingual', 'answering as it takes bytes in'],
    // Many 80 mm printers print at 100–150 mm/s: the slowest of them, with the bilingual ticket too.
    [576, 100, 'normal', 'answering as it takes bytes in'],
    [576, 100, 'bilingual', 'answering as it takes bytes in'],
    [576, 100, 'bilingual, long field name,', 'answering as it takes bytes in'],
    // Some clones answer only when the head reaches the request: after the whole picture has printed.
    [384, 60, 'normal', 'answers when printed'],
    [576, 60, 'bilingual', 'answers when printed'],
    [576, 100, 'bilingual, long field name,', 'answers when printed'],
  ] as const)(
    '%i dots at %i mm/s, %s ticket, with the driver as shipped %s',
    async (width, speed, kind, answers = '') => {
      emu = new PrinterEmulator(width);
      const port = await emu.listen();
      emu.set({ printMmPerSec: speed, bufferBytes: 4096, answersWhenPrinted: answers === 'answers when printed' });
      const job = renderTicket(kinds[kind], { ...defaultProfile, widthDots: width });
      const printed = emu.nextJob(30_000);
      const result = await printJob(new TcpTransport('127.0.0.1', port), job.bytes);
      expect(result).toMatchObject({ status: 'printed' });
      const got = await printed;
      expect(got.cut).toBe(true);
      const raster = got.items.filter((i): i is Extract<PaperItem, { kind: 'raster' }> => i.kind === 'raster');
      expect(Buffer.concat(raster.map((r) => Buffer.from(r.bitmap.data))).equals(Buffer.from(job.bitmap.data))).toBe(true);
      // Nothing else comes out afterwards: one ticket, cut once.
      await new Promise((r) => setTimeout(r, 300));
      expect(emu.jobs).toHaveLength(1);
      expect(emu.jobs.filter((j) => j.cut)).toHaveLength(1);
    },
    30_000,
  );
});

function differingBits(a: Uint8Array, b: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) for (let x = a[i]! ^ b[i]!; x; x >>= 1) n += x & 1;
  return n;
}

function concatBytes(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

describe('a USB printer (device file) that never answers', () => {
  // No USB printer here: a named pipe stands in for a usblp device that takes bytes (into its
  // 64 KiB buffer, then no more) and never answers. Its reads would wait forever if blocking:
  // the old transport then hung in close() and that kiosk printed nothing until restarted.
  it('fails each job within seconds, and the next job is tried: nothing stays stuck', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'motcua-lp-'));
    const fifo = join(dir, 'lp0');
    try {
      expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
      const small = renderTicket({ ...ticket, details: [] }, { ...defaultProfile, widthDots: 384, mode: 'text' });
      const large = renderTicket(ticket, { ...defaultProfile, widthDots: 576 });
      for (const job of [small, large, small]) {
        const started = Date.now();
        const result = await printJob(new DeviceFileTransport(fifo, 1500, 15, 'device-or-fifo'), job.bytes, {
          statusTimeoutMs: 800,
          chunkBytes: 4096,
        });
        expect(result).toEqual({ status: 'failed', reason: 'timeout' });
        expect(Date.now() - started).toBeLessThan(5000);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it('refuses a named pipe or a file where a printer device is expected', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'motcua-lp-'));
    try {
      const fifo = join(dir, 'lp0');
      spawnSync('mkfifo', [fifo]);
      await expect(new DeviceFileTransport(fifo).open()).rejects.toThrow(/not a device/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!hasCups)("through the operating system's spooler (a real CUPS, RAW queue)", () => {
  let emu: PrinterEmulator;
  let cups: TestCups;
  beforeEach(async () => {
    emu = new PrinterEmulator(576);
    const port = await emu.listen();
    cups = await startCups();
    await cups.addQueue('motcua_kiosk', `socket://127.0.0.1:${port}`);
  });
  afterEach(async () => {
    await cups.close();
    await emu.close();
  });

  it('the ticket reaches the printer byte for byte and is reported sent, not confirmed', async () => {
    const job = renderTicket(ticket, defaultProfile);
    const printed = emu.nextJob(20_000);
    const result = await printJob(new SpoolerTransport({ queue: 'motcua_kiosk', server: cups.server }), job.bytes);
    expect(result).toEqual({ status: 'printed', after: null });
    const got = await printed;
    expect(got.cut).toBe(true);
    expect(decodeQr(got.bitmap)).toBe(ticket.qrPayload);
    expect(got.statusRequests).toEqual([]); // nothing can be asked through a spooler
  }, 30_000);

  it('a printer that never takes the job: failed in bounded time, and the job is cancelled so it never prints later', async () => {
    await emu.close(); // the printer is off
    const result = await printJob(
      new SpoolerTransport(
        { queue: 'motcua_kiosk', server: cups.server },
        { uncertainAfterMs: 2000, giveUpMs: 2000, pollMs: 100, platform: 'linux' },
      ),
      renderTicket(ticket, defaultProfile).bytes,
    );
    expect(result).toEqual({ status: 'failed', reason: 'timeout' });
    const left = spawnSync('lpstat', ['-h', cups.server, '-W', 'not-completed', '-o', 'motcua_kiosk'], { encoding: 'utf8' });
    expect(left.stdout.trim()).toBe('');
  }, 30_000);

  it('an unknown queue fails at once', async () => {
    expect(
      await printJob(new SpoolerTransport({ queue: 'no_such_queue', server: cups.server }), renderTicket(ticket, defaultProfile).bytes),
    ).toEqual({ status: 'failed', reason: 'offline' });
  });
});
