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
import { neutralize } from '../../main/reports/exportTables.ts';
import type { ExportRequest, ExportStatus } from '../../main/contract/index.ts';

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

async function pdfText(bytes: Buffer): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  let text = '';
  for (let p = 1; p <= doc.numPages; p++) {
    const content = await (await doc.getPage(p)).getTextContent();
    text += content.items.map((i) => ('str' in i ? i.str : '')).join(' ') + '\n';
  }
  return text;
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
    expect(fileName).toBe('thong-ke_2026-11-23_2026-11-23.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Tổng hợp',
      'Theo lĩnh vực',
      'Theo cán bộ',
      'Theo quầy',
      'Theo ngày',
      'Theo giờ',
      'Đánh giá',
    ]);
    const summary = wb.getWorksheet('Tổng hợp')!;
    expect(summary.getCell('A1').value).toBe('BÁO CÁO KẾT QUẢ TIẾP NHẬN VÀ MỨC ĐỘ HÀI LÒNG');
    const rows = new Map<string, ExcelJS.Row>();
    summary.eachRow((row) => rows.set(String(row.getCell(2).value), row));
    expect(rows.get('Số phiếu đã cấp')!.getCell(4).value).toBe(2);
    expect(rows.get('Số lượt đã phục vụ')!.getCell(4).value).toBe(1);
    expect(rows.get('Thời gian chờ trung bình')!.getCell(4).value).toBe(4);
    expect(rows.get('Chỉ số hài lòng (Rất hài lòng + Hài lòng)')!.getCell(4)).toMatchObject({ value: 1, numFmt: '0.0%' });
    expect(rows.get('Số phiếu đã cấp')!.getCell(4).numFmt).toBe('#,##0');

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
    expect(fields.getRow(6).values).toContain('Lĩnh vực');
    expect(texts.join('\n')).not.toMatch(/001058012345|Nguyen Van An|15031958/);
  });

  it('CSV: UTF-8 with a BOM, one table, formulas neutralized, nothing about the citizen', async () => {
    const { bytes, fileName } = await runExport({ preset: 'today', format: 'csv', table: 'fields' });
    expect(fileName).toBe('thong-ke_2026-11-23_2026-11-23_fields.csv');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    const lines = text.split('\r\n').filter(Boolean);
    expect(lines[0]!.split(',').slice(0, 5)).toEqual(['Mã', 'Lĩnh vực', 'Chuyển đến', 'Chuyển đi', 'Số phiếu cấp']);
    expect(lines[1]!.startsWith('TP,Tư pháp – Hộ tịch,0,0,1,1,')).toBe(true);
    expect(lines[2]).toContain('"\'=HYPERLINK(""http://x"",""Đất đai"")"');
    expect(text).not.toMatch(/001058012345|Nguyen Van An/);
    const officers = (await runExport({ preset: 'today', format: 'csv', table: 'officers' })).bytes.toString('utf8');
    expect(officers).toContain('Nguyễn Thị Lan,canbo1,1,1,0,0,0,4,4,4,0,6,1,1,1');
  });

  it("PDF: the report's text comes back with its Vietnamese", async () => {
    const { bytes } = await runExport({ preset: 'today', format: 'pdf' });
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(bytes);
    for (const s of [
      'BÁO CÁO KẾT QUẢ TIẾP NHẬN VÀ MỨC ĐỘ HÀI LÒNG',
      'Tư pháp – Hộ tịch',
      'Nguyễn Thị Lan',
      'Chỉ số hài lòng',
      'Rất hài lòng',
      'Kỳ báo cáo: từ ngày 23/11/2026 đến ngày 23/11/2026',
      'Ngày lập: 23/11/2026 09:10',
    ]) {
      expect(text).toContain(s);
    }
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
      if (row.getCell(2).value === 'Số phiếu đã cấp') value = row.getCell(4).value;
    });
    expect(value).toBe(issued.n);
  });
});

describe('neutralize', () => {
  it('keeps anything a spreadsheet would evaluate as text, and leaves the rest alone', () => {
    for (const s of ['=1+2', '+84 912', '-5', '@SUM(A1)', '\t=1', '\r=1']) expect(neutralize(s)).toBe(`'${s}`);
    for (const s of ['Đất đai', '1-2', 'a=b', '']) expect(neutralize(s)).toBe(s);
  });
});
