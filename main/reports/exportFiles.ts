// Writes the export tables as XLSX (exceljs), CSV (UTF-8 with BOM, so Excel reads Vietnamese
// right) and PDF (pdfmake with Roboto, which covers Vietnamese). Every text cell is neutralized
// against formula injection; numbers stay numbers.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type ExcelJSModule from 'exceljs';
import type { ExportTable, StatsReport } from '../contract/index.ts';
import {
  headingLines,
  kindOf,
  neutralize,
  reportTables,
  type Cell,
  type CellKind,
  type ReportHeading,
  type Table,
} from './exportTables.ts';

const NUM_FMT: Record<CellKind, string | undefined> = { int: '#,##0', percent: '0.0%', minutes: '0.0', text: undefined };

export async function toXlsx(r: StatsReport, h: ReportHeading): Promise<Buffer> {
  // Loaded on the first XLSX only: the statistics thread stays ~20 MB lighter until someone exports.
  const ExcelJS = ((await import('exceljs')) as unknown as { default: typeof ExcelJSModule }).default;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'motcua';
  wb.created = new Date(r.generatedAt);
  for (const t of reportTables(r)) {
    const ws = wb.addWorksheet(t.sheetVi, { views: [{ state: 'frozen', ySplit: 0 }] });
    const title = ws.addRow([t.name === 'summary' ? 'BÁO CÁO KẾT QUẢ TIẾP NHẬN VÀ MỨC ĐỘ HÀI LÒNG' : t.titleVi.toUpperCase()]);
    title.font = { bold: true, size: 14 };
    for (const line of headingLines(r, h)) ws.addRow([neutralize(line)]);
    ws.addRow([]);
    const header = ws.addRow(t.columns.map((c) => c.vi));
    header.font = { bold: true };
    header.alignment = { wrapText: true, vertical: 'middle' };
    header.eachCell((cell) => {
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDE8F0' } };
      cell.border = { bottom: { style: 'thin' } };
    });
    ws.views = [{ state: 'frozen', ySplit: header.number }];
    t.rows.forEach((cells, i) => {
      const row = ws.addRow(cells.map((c) => (typeof c === 'string' ? neutralize(c) : c)));
      cells.forEach((_, col) => {
        const fmt = NUM_FMT[kindOf(t, i, col)];
        if (fmt) row.getCell(col + 1).numFmt = fmt;
      });
    });
    t.columns.forEach((c, i) => {
      ws.getColumn(i + 1).width = c.width ?? 13;
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function csvCell(c: Cell): string {
  if (c === null) return '';
  if (typeof c === 'number') return Number.isInteger(c) ? String(c) : String(Math.round(c * 10_000) / 10_000);
  const text = neutralize(c);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One table, RFC 4180, CRLF, with a BOM so Excel opens it as UTF-8. Rates are fractions (0.25 = 25%). */
export function toCsv(r: StatsReport, table: ExportTable): Buffer {
  const t = reportTables(r).find((x) => x.name === table)!;
  const lines = [t.columns.map((c) => csvCell(c.kind === 'percent' ? `${c.vi} (0-1)` : c.vi)).join(',')];
  for (const row of t.rows) lines.push(row.map(csvCell).join(','));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

function pdfCell(t: Table, row: number, col: number, c: Cell): string {
  if (c === null) return '–';
  if (typeof c === 'string') return c;
  switch (kindOf(t, row, col)) {
    case 'percent':
      return `${(c * 100).toLocaleString('vi-VN', { maximumFractionDigits: 1, minimumFractionDigits: 1 })}%`;
    case 'minutes':
      return c.toLocaleString('vi-VN', { maximumFractionDigits: 1, minimumFractionDigits: 1 });
    default:
      return c.toLocaleString('vi-VN');
  }
}

interface PdfMake {
  addFonts(fonts: Record<string, Record<string, string>>): void;
  setLocalAccessPolicy(allow: (path: string) => boolean): void;
  setUrlAccessPolicy(allow: (url: string) => boolean): void;
  createPdf(doc: object): { getBuffer(): Promise<Buffer> };
}

let pdfmake: PdfMake | null = null;

function pdfMaker(): PdfMake {
  if (pdfmake) return pdfmake;
  const require = createRequire(import.meta.url);
  const made = require('pdfmake') as PdfMake;
  const fonts = join(dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
  made.addFonts({
    Roboto: {
      normal: join(fonts, 'Roboto-Regular.ttf'),
      bold: join(fonts, 'Roboto-Medium.ttf'),
      italics: join(fonts, 'Roboto-Italic.ttf'),
      bolditalics: join(fonts, 'Roboto-MediumItalic.ttf'),
    },
  });
  // A report never fetches anything: only the bundled fonts may be read.
  made.setLocalAccessPolicy((path) => path.startsWith(fonts));
  made.setUrlAccessPolicy(() => false);
  return (pdfmake = made);
}

export async function toPdf(r: StatsReport, h: ReportHeading): Promise<Buffer> {
  const content: object[] = [
    { text: 'BÁO CÁO KẾT QUẢ TIẾP NHẬN VÀ MỨC ĐỘ HÀI LÒNG', style: 'title' },
    ...headingLines(r, h).map((text) => ({ text, margin: [0, 0, 0, 2] })),
  ];
  for (const t of reportTables(r)) {
    if (t.rows.length === 0) continue;
    content.push({ text: t.titleVi, style: 'section' });
    content.push({
      table: {
        headerRows: 1,
        widths: t.columns.map((c) => (c.kind === 'text' ? Math.max(28, (c.width ?? 12) * 3.6) : '*')),
        dontBreakRows: true,
        body: [
          t.columns.map((c) => ({ text: c.vi, bold: true, fillColor: '#dde8f0' })),
          ...t.rows.map((row, i) =>
            row.map((c, col) => ({ text: pdfCell(t, i, col, c), alignment: typeof c === 'string' ? 'left' : 'right' })),
          ),
        ],
      },
      layout: 'lightHorizontalLines',
      fontSize: t.columns.length > 10 ? 6.5 : 9,
    });
  }
  return pdfMaker()
    .createPdf({
      pageSize: 'A4',
      pageOrientation: 'landscape',
      pageMargins: [28, 28, 28, 36],
      info: { title: 'Báo cáo thống kê', creator: 'motcua' },
      content,
      footer: (page: number, pages: number) => ({ text: `Trang ${page}/${pages}`, alignment: 'right', margin: [0, 8, 28, 0], fontSize: 8 }),
      styles: { title: { fontSize: 15, bold: true, margin: [0, 0, 0, 6] }, section: { fontSize: 12, bold: true, margin: [0, 14, 0, 4] } },
      defaultStyle: { font: 'Roboto', fontSize: 10 },
    })
    .getBuffer();
}
