// Exports read back as a manager's tools would read them: the XLSX parsed, the CSV parsed, the
// PDF's text extracted; Vietnamese intact, formulas neutralized, nothing about the citizen.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { openDatabase } from '../../db/open.ts';
import { seedSampleYear } from '../../tools/sampleYear.ts';
import { neutralize, type ReportHeading } from '../../main/reports/exportTables.ts';
import { toPdf } from '../../main/reports/exportFiles.ts';
import type { ExportRequest, ExportStatus } from '../../main/contract/index.ts';
import { SmsGateway, sendThrough } from '../helpers/smsGateway.ts';
import { queueSms } from '../../db/sms.ts';

const CCCD = '001058012345|012345678|Nguyen Van An|15031958|Nam|Ha Noi|20042021';
let t: TestHub;
let manager: string;

async function runExport(req: ExportRequest): Promise<{ bytes: Buffer; fileName: string; seen: ExportStatus[] }> {
  const seen: ExportStatus[] = [await t.api('stats:export', req, manager)];
  while (seen[seen.length - 1]!.state === 'running') {
    await new Promise((r) => setTimeout(r, 5));
    seen.push(await t.api('stats:export-status', { id: seen[0]!.id }, manager));
  }
  expect(seen[seen.length - 1]).toMatchObject({ state: 'done', progress: 1, error: null });
  const file = await t.api('stats:export-file', { id: seen[0]!.id }, manager);
  return { bytes: Buffer.from(file.base64, 'base64'), fileName: file.fileName, seen };
}

interface PdfItem {
  page: number;
  str: string;
  /** From the left of the page. */
  x: number;
  /** The baseline, from the bottom of the page. */
  y: number;
  width: number;
  /** The embedded font's name without its subset tag, e.g. "LiberationSerif-Bold". */
  font: string;
  size: number;
}

/** Each piece of text as the PDF places it: its page, position, font and size, and the page's width. */
async function pdfItems(bytes: Buffer): Promise<PdfItem[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  const out: PdfItem[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const width = page.getViewport({ scale: 1 }).width;
    await page.getOperatorList(); // loads the page's fonts, so their real names can be read
    for (const i of (await page.getTextContent()).items)
      if ('str' in i && i.str.trim()) {
        const font = String((page.commonObjs.get(i.fontName) as { name?: string }).name ?? '').replace(/^[A-Z]{6}\+/, '');
        const [size, , , , x, y] = i.transform as number[];
        out.push({ page: p, str: i.str, x: x!, y: y!, width, font, size: size! });
      }
  }
  return out;
}
async function pdfText(bytes: Buffer): Promise<string> {
  return (await pdfItems(bytes)).map((i) => i.str).join(' ');
}

describe('exports of a small day', () => {
  beforeEach(async () => {
    t = await startTestHub();
    manager = await t.login('quanly');
    const admin = await t.login('admin');
    // A field name someone typed as a formula: it must come out as text.
    const dd = (await t.api('fields:list', {}, admin)).find((f) => f.code === 'DD')!;
    await t.api('fields:update', { ...dd, nameVi: '=HYPERLINK("http://x","Đất đai")' }, admin);
    const kiosk = await t.device('kiosk');
    const c1 = await t.officerAt(1);
    const r1 = await t.device('rating', 1);
    await t.api('scan:issue', { text: CCCD, fieldId: await t.fieldId('TP') }, kiosk);
    await t.api('ticket:issue', { fieldId: dd.id, priority: false }, kiosk);
    t.clock.advance(4 * 60_000);
    const call = await t.api('counter:call-next', {}, c1);
    t.clock.advance(6 * 60_000);
    await t.api('ticket:finish', { id: call.id }, c1);
    await t.api('rating:submit', { ticketId: call.id, level: 4, reasons: [] }, r1);
  });
  afterEach(async () => t.close());

  it('XLSX: a summary sheet and one per breakdown, Vietnamese headers, number formats, no formulas', async () => {
    const { bytes, fileName } = await runExport({ preset: 'today', format: 'xlsx' });
    expect(fileName).toBe('bao-cao_2026-11-23_2026-11-23.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Tổng hợp',
      'Theo lĩnh vực',
      'Theo cán bộ',
      'Theo quầy',
      'Tạm dừng quầy',
      'Theo ngày',
      'Theo giờ',
      'Đánh giá',
    ]);
    const summary = wb.getWorksheet('Tổng hợp')!;
    expect(summary.getCell('A1').value).toBe('ỦY BAN NHÂN DÂN HUYỆN MỸ HÒA');
    expect(summary.getCell('A2').value).toBe('TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG HUYỆN MỸ HÒA (DỮ LIỆU MẪU)');
    expect(summary.getCell('A3').value).toMatch(/^Số: \s+\/BC-TTPVHCC$/);
    expect(summary.getCell('C1').value).toBe('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(summary.getCell('C2')).toMatchObject({ value: 'Độc lập - Tự do - Hạnh phúc', font: { bold: true, underline: true } });
    expect(summary.getCell('C3').value).toBe('Mỹ Hòa, ngày 23 tháng 11 năm 2026');
    expect(summary.getCell('A5').value).toBe('BÁO CÁO');
    // Printed on A4 landscape, every column on the page, the header row repeated on each page.
    for (const ws of wb.worksheets) {
      expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 });
      expect(ws.pageSetup.printTitlesRow).toMatch(/^\d+:\d+$/);
    }
    const rows = new Map<string, ExcelJS.Row>();
    summary.eachRow((row) => rows.set(String(row.getCell(2).value), row));
    expect(Number(summary.pageSetup.printTitlesRow!.split(':')[0])).toBe(rows.get('Chỉ tiêu')!.number);
    expect(rows.get('Số phiếu cấp')!.getCell(4).value).toBe(2);
    expect(rows.get('Số lượt đã phục vụ')!.getCell(4).value).toBe(1);
    expect(rows.get('Thời gian chờ trung bình')!.getCell(4).value).toBe(4);
    expect(rows.get('Chỉ số hài lòng (Rất hài lòng + Hài lòng)')!.getCell(4)).toMatchObject({ value: 1, numFmt: '0.0%' });
    expect(rows.get('Số phiếu cấp')!.getCell(4).numFmt).toBe('#,##0');
    // The signature block: who prepared it, who signs, with their names.
    const texts0: string[] = [];
    summary.eachRow((row) => row.eachCell((c) => texts0.push(String(c.value))));
    for (const s of ['NGƯỜI LẬP BIỂU', 'GIÁM ĐỐC', '(Ký tên, đóng dấu)', 'Đỗ Minh Tuấn', 'Nguyễn Văn An', 'Nơi nhận:', '– Lưu: VT.']) {
      expect(texts0).toContain(s);
    }
    // As in the PDF (Nghị định 30/2020): "Nơi nhận" bottom left, level with the signers' titles,
    // its list beside the signatures rather than under them.
    const where = (text: string) => {
      const found: Array<{ row: number; col: number }> = [];
      summary.eachRow((row) =>
        row.eachCell((c) => {
          if (c.value === text && c.master === c) found.push({ row: row.number, col: Number(c.col) }); // not a merged copy
        }),
      );
      expect(found, text).toHaveLength(1);
      return found[0]!;
    };
    const label = where('Nơi nhận:');
    const preparer = where('NGƯỜI LẬP BIỂU');
    const names = where('Đỗ Minh Tuấn');
    expect(label.col).toBe(1);
    expect(label.row).toBe(preparer.row);
    expect(where('GIÁM ĐỐC').row).toBe(preparer.row);
    expect(preparer.col).toBeGreaterThan(label.col);
    expect(summary.getCell(label.row, 1).alignment).toMatchObject({ horizontal: 'left' });
    const lastLine = where('– Lưu: VT.');
    expect(lastLine.col).toBe(1);
    expect(lastLine.row).toBeGreaterThan(label.row);
    expect(lastLine.row, 'the list beside the signatures, not under them').toBeLessThanOrEqual(names.row);
    // Dates are the spreadsheet's own dates, shown as Vietnamese dates.
    let dayCell: ExcelJS.Cell | null = null;
    wb.getWorksheet('Theo ngày')!.eachRow((row) => {
      if (row.getCell(1).value instanceof Date) dayCell = row.getCell(1);
    });
    expect(dayCell).toMatchObject({ value: new Date('2026-11-23T00:00:00Z'), numFmt: 'dd/mm/yyyy' });

    const fields = wb.getWorksheet('Theo lĩnh vực')!;
    const texts: string[] = [];
    let formulas = 0;
    wb.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((c) => {
          if (c.type === ExcelJS.ValueType.Formula) formulas++;
          if (typeof c.value === 'string') texts.push(c.value);
        }),
      ),
    );
    expect(formulas).toBe(0);
    expect(texts).toContain('\'=HYPERLINK("http://x","Đất đai")');
    expect(texts).toContain('Tư pháp – Hộ tịch');
    expect(texts).toContain('Nguyễn Thị Lan');
    let header: ExcelJS.Row | null = null;
    fields.eachRow((row) => {
      if (row.getCell(2).value === 'Lĩnh vực') header = row;
    });
    expect(header).not.toBeNull();
    expect(texts.join('\n')).not.toMatch(/001058012345|Nguyen Van An|15031958/);
  });

  it('CSV: UTF-8 with a BOM, one table, formulas neutralized, nothing about the citizen', async () => {
    const { bytes, fileName } = await runExport({ preset: 'today', format: 'csv', table: 'fields' });
    expect(fileName).toBe('thong-ke_2026-11-23_2026-11-23_fields.csv');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    const lines = text.split('\r\n').filter(Boolean);
    expect(lines[0]!.split(',').slice(0, 6)).toEqual(['Mã', 'Lĩnh vực', 'Chuyển đến', 'Chuyển đi', 'Số phiếu cấp', 'Số lượt đã phục vụ']);
    expect(lines[1]!.startsWith('TP,Tư pháp – Hộ tịch,0,0,1,1,')).toBe(true);
    expect(lines[2]).toContain('"\'=HYPERLINK(""http://x"",""Đất đai"")"');
    expect(text).not.toMatch(/001058012345|Nguyen Van An/);
    const officers = (await runExport({ preset: 'today', format: 'csv', table: 'officers' })).bytes.toString('utf8');
    expect(officers).toContain('Nguyễn Thị Lan,canbo1,1,1,0,0,0,4,4,4,0,6,1,1,1');

    // The Vietnamese-Excel variant: semicolons, decimal commas, dd/mm/yyyy dates.
    const vn = await runExport({ preset: 'today', format: 'csv', table: 'days', csvStyle: 'excel-vn' });
    const vnLines = vn.bytes.toString('utf8').slice(1).split('\r\n').filter(Boolean);
    expect(vnLines[0]!.split(';')[0]).toBe('Ngày');
    expect(vnLines[1]!.split(';')).toEqual(['23/11/2026', '2', '1', '0', '4', '1', '1']);
    const standardDays = (await runExport({ preset: 'today', format: 'csv', table: 'days' })).bytes.toString('utf8');
    expect(standardDays).toContain('\r\n2026-11-23,2,1,0,4,1,1\r\n');
    const vnFields = (await runExport({ preset: 'today', format: 'csv', table: 'fields', csvStyle: 'excel-vn' })).bytes.toString('utf8');
    const vnRows = vnFields.slice(1).split('\r\n').filter(Boolean);
    const columns = vnRows[0]!.split(';').length;
    expect(columns).toBeGreaterThan(10);
    for (const row of vnRows) expect(row.split(';')).toHaveLength(columns); // decimal commas never split a cell

    // The summary's rates are fractions in a CSV: their unit says so, never "%" beside 0.25.
    const summary = (await runExport({ preset: 'today', format: 'csv', table: 'summary' })).bytes.toString('utf8');
    const summaryRows = summary.slice(1).split('\r\n').filter(Boolean);
    expect(summaryRows).toContain('13,Chỉ số hài lòng (Rất hài lòng + Hài lòng),tỷ lệ (0-1),1');
    expect(summaryRows).toContain('4,Tỷ lệ vắng mặt,tỷ lệ (0-1),0');
    expect(summaryRows.filter((r) => r.split(',')[2] === '%')).toEqual([]);
  });

  it("PDF: the official report's text comes back with its Vietnamese, laid out as the decree says", async () => {
    const { bytes } = await runExport({ preset: 'today', format: 'pdf', reportNo: '15' });
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const items = await pdfItems(bytes);
    const text = await pdfText(bytes);
    for (const s of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Số: 15/BC-TTPVHCC',
      'Mỹ Hòa, ngày 23 tháng 11 năm 2026',
      'BÁO CÁO',
      'Tư pháp – Hộ tịch',
      'Nguyễn Thị Lan',
      'Chỉ số hài lòng',
      'Biểu đồ mức độ hài lòng',
      'Rất hài lòng',
      'Kỳ báo cáo: từ ngày 23/11/2026 đến ngày 23/11/2026',
      'Số liệu lấy lúc 23/11/2026 09:10',
      'NGƯỜI LẬP BIỂU',
      'GIÁM ĐỐC',
      'Nguyễn Văn An',
    ]) {
      expect(text).toContain(s);
    }
    // The agency and number on the left half, the country and date line on the right half.
    const at = (s: string) => items.find((i) => i.str === s)!;
    expect(at('ỦY BAN NHÂN DÂN HUYỆN MỸ HÒA').x).toBeLessThan(at('ỦY BAN NHÂN DÂN HUYỆN MỸ HÒA').width / 2);
    expect(at('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM').x).toBeGreaterThan(at('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM').width / 2 - 60);
    // Nghị định 30/2020: Times New Roman's metrics (Liberation Serif, shipped with the app), the
    // country bold capitals 12–13 pt, its motto bold 13–14 pt, the title bold, the date line italic.
    expect(new Set(items.map((i) => i.font.replace(/-.*/, '')))).toEqual(new Set(['LiberationSerif']));
    expect(at('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')).toMatchObject({ font: 'LiberationSerif-Bold' });
    expect(at('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM').size).toBeGreaterThanOrEqual(12);
    expect(at('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM').size).toBeLessThanOrEqual(13);
    expect(at('Độc lập - Tự do - Hạnh phúc')).toMatchObject({ font: 'LiberationSerif-Bold' });
    expect(at('Độc lập - Tự do - Hạnh phúc').size).toBeGreaterThanOrEqual(13);
    expect(at('Độc lập - Tự do - Hạnh phúc').size).toBeLessThanOrEqual(14);
    expect(at('BÁO CÁO')).toMatchObject({ font: 'LiberationSerif-Bold' });
    expect(at('Mỹ Hòa, ngày 23 tháng 11 năm 2026')).toMatchObject({ font: 'LiberationSerif-Italic' });
    // Today is not over: the title itself says its figures are provisional.
    expect(items.find((i) => i.str.startsWith('Kết quả tiếp nhận công dân'))!.str).toMatch(/\(số liệu tạm tính đến 23\/11\/2026 09:10\)$/);
    // "Nơi nhận" bottom left, level with the signatures, on their page, left of them.
    const recipients = at('Nơi nhận:');
    const signer = at('GIÁM ĐỐC');
    expect(recipients.font).toBe('LiberationSerif-BoldItalic');
    expect(recipients.page).toBe(signer.page);
    expect(Math.abs(recipients.y - signer.y)).toBeLessThan(4);
    expect(recipients.x).toBeLessThan(at('NGƯỜI LẬP BIỂU').x);
    expect(recipients.x).toBeLessThan(recipients.width / 4);
    expect(at('– Lưu: VT.').y).toBeLessThan(recipients.y);
    expect(signer.font).toBe('LiberationSerif-Bold');
    // A date in a table is one unbroken piece of text, never "23/11/202" and "6".
    expect(items.filter((i) => i.str === '23/11/2026').length).toBeGreaterThan(0);
    expect(items.some((i) => /^\d{2}\/\d{2}\/\d{1,3}$/.test(i.str))).toBe(false);
    expect(text).not.toMatch(/001058012345|Nguyen Van An/);
  });

  it('an unknown or unfinished export is a clear error', async () => {
    const code = async (p: Promise<unknown>) =>
      p.then(
        () => 'ok',
        (e: { code: string }) => e.code,
      );
    expect(await code(t.api('stats:export-status', { id: 999 }, manager))).toBe('EXPORT_NOT_FOUND');
    expect(await code(t.api('stats:export-file', { id: 999 }, manager))).toBe('EXPORT_NOT_FOUND');
  });
});

describe('exports of a day with text messages (#26)', () => {
  /** As typed at the kiosk; no export may hold its digits in any form. */
  const TYPED = '0987 654 321';
  const holdsTheNumber = (text: string) => /987\D?654\D?321|654321/.test(text);
  let gw: SmsGateway;
  beforeEach(async () => {
    t = await startTestHub({ sms: { tickMs: 20, probeMs: 100 } });
    gw = await SmsGateway.start();
    const admin = await t.login('admin');
    await sendThrough(t, gw, admin);
    manager = await t.login('quanly');
    const kiosk = await t.device('kiosk');
    const issue = async (code: string) => (await t.api('ticket:issue', { fieldId: await t.fieldId(code), priority: false }, kiosk)).ticket;
    const counts = async () => (await t.api('stats:report', { preset: 'today' }, manager)).sms!.summary;
    // A (TP) is told it is nearly its turn; B (DD)'s text goes without a verdict; A's call is refused four times.
    const a = await issue('TP');
    await t.api('ticket:sms', { id: a.id, phone: TYPED }, kiosk);
    while ((await counts()).sent < 1) await new Promise((r) => setTimeout(r, 20));
    gw.mode = 'drop';
    const b = await issue('DD');
    await t.api('ticket:sms', { id: b.id, phone: TYPED }, kiosk);
    while ((await counts()).unknown < 1) await new Promise((r) => setTimeout(r, 20));
    gw.mode = 'refuse';
    await t.api('counter:call-next', {}, await t.officerAt(1));
    while ((await counts()).failed < 1) {
      t.clock.advance(5 * 60_000);
      await new Promise((r) => setTimeout(r, 40));
    }
    // C (DD)'s text was queued too long for one message: failed at once, never tried again.
    const c = await issue('DD');
    // Due only once its number is in (the outbox would drop a message due before, as no longer needed).
    const due = t.clock.now + 1_000;
    queueSms(t.hub.db, { ticketId: c.id, serviceDay: c.serviceDay, kind: 'ahead', callNo: 0, text: 'ắ'.repeat(200), at: due });
    await t.api('ticket:sms', { id: c.id, phone: TYPED }, kiosk);
    t.clock.advance(1_000);
    while ((await counts()).failed < 2) await new Promise((r) => setTimeout(r, 20));
  });
  afterEach(async () => {
    await t.close();
    await gw.stop();
  });

  it('XLSX: the summary counts them, a sheet by field, a column by day; no digit of the number', async () => {
    const { bytes } = await runExport({ preset: 'today', format: 'xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Tổng hợp',
      'Theo lĩnh vực',
      'Theo cán bộ',
      'Theo quầy',
      'Tạm dừng quầy',
      'Tin nhắn SMS',
      'Theo ngày',
      'Theo giờ',
      'Đánh giá',
    ]);
    const rows = new Map<string, ExcelJS.Row>();
    wb.getWorksheet('Tổng hợp')!.eachRow((row) => rows.set(String(row.getCell(2).value), row));
    const value = (label: string) => [
      rows.get(label)?.getCell(1).value,
      rows.get(label)?.getCell(3).value,
      rows.get(label)?.getCell(4).value,
    ];
    expect(value('Tin nhắn SMS báo lượt đã gửi')).toEqual(['14', 'tin', 1]);
    // Every failure in row 15, as before; its two kinds under it.
    expect(value('Tin nhắn SMS gửi lỗi (không gửi được)')).toEqual(['15', 'tin', 2]);
    expect(value('Trong đó: bị từ chối ở mọi lần thử (tối đa 4 lần)')).toEqual(['15.1', 'tin', 1]);
    expect(value('Trong đó: không thử lại (thường do tin dài quá một tin nhắn)')).toEqual(['15.2', 'tin', 1]);
    expect(value('Tin nhắn SMS không rõ kết quả (đã chuyển đi, không có xác nhận)')).toEqual(['16', 'tin', 1]);
    const sheetRows = (name: string) => {
      const out: unknown[][] = [];
      wb.getWorksheet(name)!.eachRow((row) => out.push((row.values as unknown[]).slice(1))); // ExcelJS rows are 1-based
      return out;
    };
    const sms = sheetRows('Tin nhắn SMS');
    const head = sms.findIndex((r) => r[1] === 'Lĩnh vực');
    expect(sms[head]).toEqual([
      'Mã',
      'Lĩnh vực',
      'Tin nhắn đã gửi',
      'Tin nhắn gửi lỗi',
      'Không rõ kết quả',
      'Không gửi (không còn cần)',
      'Đang chờ gửi',
      'Gửi lỗi: bị từ chối',
      'Gửi lỗi: không thử lại',
    ]);
    // The earlier columns keep their places and meanings; the split of "gửi lỗi" comes after them.
    expect(sms.slice(head + 1, head + 4)).toEqual([
      ['TP', 'Tư pháp – Hộ tịch', 1, 1, 0, 0, 0, 1, 0],
      ['DD', 'Đất đai', 0, 1, 1, 0, 0, 0, 1],
      ['', 'Tổng cộng', 1, 2, 1, 0, 0, 1, 1],
    ]);
    const days = sheetRows('Theo ngày');
    const dayHead = days.findIndex((r) => r[0] === 'Ngày');
    expect(days[dayHead]!.slice(-5)).toEqual([
      'Tin nhắn đã gửi',
      'Tin nhắn gửi lỗi',
      'Không rõ kết quả',
      'Gửi lỗi: bị từ chối',
      'Gửi lỗi: không thử lại',
    ]);
    expect(days[dayHead + 1]!.slice(-5)).toEqual([1, 2, 1, 1, 1]);
    const texts: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => texts.push(String(c.value)))));
    expect(holdsTheNumber(texts.join('\n'))).toBe(false);
  });

  it('CSV and PDF: the same counts with their Vietnamese labels; no digit of the number in any table', async () => {
    const csv = async (table: ExportRequest['table']) =>
      (await runExport({ preset: 'today', format: 'csv', table })).bytes.toString('utf8').slice(1).split('\r\n').filter(Boolean);
    expect(await csv('sms')).toEqual([
      'Mã,Lĩnh vực,Tin nhắn đã gửi,Tin nhắn gửi lỗi,Không rõ kết quả,Không gửi (không còn cần),Đang chờ gửi,Gửi lỗi: bị từ chối,Gửi lỗi: không thử lại',
      'TP,Tư pháp – Hộ tịch,1,1,0,0,0,1,0',
      'DD,Đất đai,0,1,1,0,0,0,1',
      ',Tổng cộng,1,2,1,0,0,1,1',
    ]);
    const summary = await csv('summary');
    expect(summary).toContain('14,Tin nhắn SMS báo lượt đã gửi,tin,1');
    expect(summary).toContain('15,Tin nhắn SMS gửi lỗi (không gửi được),tin,2');
    expect(summary).toContain('15.1,Trong đó: bị từ chối ở mọi lần thử (tối đa 4 lần),tin,1');
    expect(summary).toContain('15.2,Trong đó: không thử lại (thường do tin dài quá một tin nhắn),tin,1');
    expect(summary).toContain('16,"Tin nhắn SMS không rõ kết quả (đã chuyển đi, không có xác nhận)",tin,1');
    const days = await csv('days');
    expect(days[0]!.split(',').slice(-5)).toEqual([
      'Tin nhắn đã gửi',
      'Tin nhắn gửi lỗi',
      'Không rõ kết quả',
      'Gửi lỗi: bị từ chối',
      'Gửi lỗi: không thử lại',
    ]);
    expect(days[1]!.split(',').slice(-5)).toEqual(['1', '2', '1', '1', '1']);
    for (const table of ['summary', 'fields', 'officers', 'counters', 'pauses', 'sms', 'days', 'hours', 'ratings'] as const)
      expect(holdsTheNumber((await csv(table)).join('\n')), table).toBe(false);

    const pdfBytes = (await runExport({ preset: 'today', format: 'pdf' })).bytes;
    const pdf = await pdfText(pdfBytes);
    // The days' table, with its five SMS columns (12 in all), is printed at 10 pt as it was with three.
    expect((await pdfItems(pdfBytes)).filter((i) => i.str === '23/11/2026').map((i) => i.size)).toEqual([10]);
    for (const s of [
      'Tin nhắn SMS báo lượt theo lĩnh vực',
      'Tin nhắn đã gửi',
      'Tin nhắn gửi lỗi',
      'Không rõ kết quả',
      'Gửi lỗi: bị từ chối',
      'Gửi lỗi: không thử lại',
      'Tổng cộng',
    ])
      expect(pdf).toContain(s);
    expect(holdsTheNumber(pdf)).toBe(false);
    // The gateway did get the number: the check above could have found it.
    expect(gw.seen.some((s) => holdsTheNumber(decodeURIComponent(s.url)))).toBe(true);
  });
});

describe('export of a year that has never been summarised', () => {
  let dir: string;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'motcua-year-'));
    const db = openDatabase(join(dir, 'motcua.db'));
    await seedSampleYear(db, { endDay: '2026-11-20', tickets: 6000 });
    db.close();
    t = await startTestHub({ dir });
    manager = await t.login('quanly');
  });
  afterEach(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows its progress day by day and ends with the whole year', async () => {
    const { bytes, seen } = await runExport({ preset: 'year', format: 'xlsx' });
    const middle = seen.filter((s) => s.state === 'running' && s.progress > 0 && s.progress < 0.8);
    expect(middle.length).toBeGreaterThan(0);
    expect(middle[0]!.stage).toMatch(/^Đang tổng hợp số liệu ngày \d+\/\d+…$/);
    const progress = seen.map((s) => s.progress);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const issued = t.hub.db.prepare("SELECT COUNT(*) AS n FROM tickets WHERE service_day >= '2026-01-01'").get() as { n: number };
    let value: unknown;
    wb.getWorksheet('Tổng hợp')!.eachRow((row) => {
      if (row.getCell(2).value === 'Số phiếu cấp') value = row.getCell(4).value;
    });
    expect(value).toBe(issued.n);
  });

  it('PDF: the page the director signs holds the last rows too, never the signatures alone', async () => {
    const { bytes } = await runExport({ preset: 'year', format: 'pdf' });
    const items = await pdfItems(bytes);
    const last = Math.max(...items.map((i) => i.page));
    expect(last).toBeGreaterThan(3);
    const signer = items.find((i) => i.str === 'GIÁM ĐỐC')!;
    expect(signer.page).toBe(last);
    const onLast = items.filter((i) => i.page === last);
    // Table rows above the signatures: a label and its count on one line.
    const rows = onLast.filter((i) => i.y > signer.y + 20 && /^\d[\d.]*$/.test(i.str));
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(onLast.some((i) => i.str === 'Rất hài lòng' || i.str.startsWith('Lý do: '))).toBe(true);
    const recipients = onLast.find((i) => i.str === 'Nơi nhận:')!;
    expect(Math.abs(recipients.y - signer.y)).toBeLessThan(4);
    expect(recipients.x).toBeLessThan(signer.x);
  });

  it('PDF: wherever the page ends, the signatures never stand alone on the last page', async () => {
    // Longer and shorter recipient lists move the signature block across the page's end.
    const report = await t.api('stats:report', { preset: 'year' }, manager);
    const heading = (lines: number): ReportHeading => ({
      agency: 'ỦY BAN NHÂN DÂN HUYỆN MỸ HÒA',
      centerName: 'Trung tâm Phục vụ hành chính công huyện Mỹ Hòa',
      numberLine: 'Số: 15/BC-TTPVHCC',
      dateLine: 'Mỹ Hòa, ngày 20 tháng 11 năm 2026',
      filterVi: '',
      generatedAt: '20/11/2026 17:00',
      preparedBy: 'Đỗ Minh Tuấn',
      headTitle: 'Giám đốc',
      headName: 'Nguyễn Văn An',
      recipients: [...Array(lines).keys()].map((i) => `– Phòng ${i + 1} (để báo cáo);`),
    });
    for (let lines = 0; lines <= 16; lines += 2) {
      const items = await pdfItems(await toPdf(report, heading(lines)));
      const last = Math.max(...items.map((i) => i.page));
      const signer = items.find((i) => i.str === 'GIÁM ĐỐC')!;
      expect(signer.page, `${lines} recipients`).toBe(last);
      const rows = items.filter((i) => i.page === last && i.y > signer.y + 20 && /^\d[\d.]*$/.test(i.str));
      expect(rows.length, `${lines} recipients`).toBeGreaterThanOrEqual(3);
    }
    // A list longer than a page goes on over the page break rather than vanish.
    const long = (await pdfItems(await toPdf(report, heading(60)))).map((i) => i.str);
    for (const s of ['GIÁM ĐỐC', 'Nguyễn Văn An', '– Phòng 1 (để báo cáo);', '– Phòng 60 (để báo cáo);']) expect(long).toContain(s);
  });
});

describe('neutralize', () => {
  it('keeps anything a spreadsheet would evaluate as text, and leaves the rest alone', () => {
    for (const s of ['=1+2', '+84 912', '-5', '@SUM(A1)', '\t=1', '\r=1']) expect(neutralize(s)).toBe(`'${s}`);
    for (const s of ['Đất đai', '1-2', 'a=b', '']) expect(neutralize(s)).toBe(s);
  });
});
