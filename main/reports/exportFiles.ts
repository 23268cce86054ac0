// Writes the export tables as XLSX (exceljs), CSV (UTF-8 with BOM, so Excel reads Vietnamese
// right) and PDF (pdfmake with Roboto, which covers Vietnamese). Every text cell is neutralized
// against formula injection; numbers stay numbers.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type ExcelJSModule from 'exceljs';
import type { CsvStyle, ExportTable, StatsReport } from '../contract/index.ts';
import {
  headingLines,
  kindOf,
  MOTTO,
  NATIONAL,
  neutralize,
  REPORT_SUBJECT,
  REPORT_TITLE,
  reportTables,
  viDate,
  type Cell,
  type CellKind,
  type ReportHeading,
  type Table,
} from './exportTables.ts';

const NUM_FMT: Record<CellKind, string | undefined> = {
  int: '#,##0',
  percent: '0.0%',
  minutes: '0.0',
  text: undefined,
  date: 'dd/mm/yyyy',
};

/** A service day as the spreadsheet's own date (midnight UTC: no time zone can move it to another day). */
const asDate = (day: string) => new Date(`${day}T00:00:00Z`);

export async function toXlsx(r: StatsReport, h: ReportHeading): Promise<Buffer> {
  // Loaded on the first XLSX only: the statistics thread stays ~20 MB lighter until someone exports.
  const ExcelJS = ((await import('exceljs')) as unknown as { default: typeof ExcelJSModule }).default;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'motcua';
  wb.created = new Date(r.generatedAt);
  for (const t of reportTables(r)) {
    const ws = wb.addWorksheet(t.sheetVi, {
      // Printed as the office prints reports: A4 landscape, every column on the page, the header row on each page.
      pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true },
    });
    ws.pageSetup.margins = { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 };
    ws.headerFooter.oddFooter = '&RTrang &P/&N';
    const span = Math.max(4, t.columns.length);
    const half = Math.ceil(span / 2);
    const merged = (text: string, from: number, to: number, font: Partial<ExcelJSModule.Font>, row?: ExcelJSModule.Row) => {
      const r0 = row ?? ws.addRow([]);
      r0.getCell(from).value = neutralize(text);
      if (to > from) ws.mergeCells(r0.number, from, r0.number, to);
      r0.getCell(from).font = font;
      r0.getCell(from).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      return r0;
    };
    // The national heading: the agency on the left, the country and its motto on the right.
    const r1 = merged(h.agency.toUpperCase(), 1, half, { size: 11 });
    merged(NATIONAL, half + 1, span, { bold: true, size: 11 }, r1);
    const r2 = merged(h.centerName.toUpperCase(), 1, half, { bold: true, size: 11 });
    merged(MOTTO, half + 1, span, { bold: true, underline: true, size: 11 }, r2);
    const r3 = merged(h.numberLine, 1, half, { size: 11 });
    merged(h.dateLine, half + 1, span, { italic: true, size: 11 }, r3);
    ws.addRow([]);
    merged(t.name === 'summary' ? REPORT_TITLE : t.titleVi.toUpperCase(), 1, span, { bold: true, size: 14 });
    if (t.name === 'summary') merged(REPORT_SUBJECT, 1, span, { bold: true, size: 12 });
    for (const line of headingLines(r, h)) merged(line, 1, span, { italic: true, size: 10 });
    ws.addRow([]);
    const header = ws.addRow(t.columns.map((c) => c.vi));
    header.font = { bold: true };
    header.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    header.eachCell((cell) => {
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDE8F0' } };
      cell.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
    });
    ws.views = [{ state: 'frozen', ySplit: header.number }];
    ws.pageSetup.printTitlesRow = `${header.number}:${header.number}`;
    t.rows.forEach((cells, i) => {
      const row = ws.addRow(
        cells.map((c, col) => (typeof c === 'string' ? (kindOf(t, i, col) === 'date' ? asDate(c) : neutralize(c)) : c)),
      );
      cells.forEach((_, col) => {
        const cell = row.getCell(col + 1);
        const fmt = NUM_FMT[kindOf(t, i, col)];
        if (fmt) cell.numFmt = fmt;
        cell.border = { bottom: { style: 'hair' }, left: { style: 'thin' }, right: { style: 'thin' } };
      });
    });
    t.columns.forEach((c, i) => {
      ws.getColumn(i + 1).width = c.width ?? 13;
    });
    if (t.name === 'summary') signatureRows(ws, h, span, half, merged);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** "Nơi nhận" on the left; who prepared it and who signs on the right, with room to sign. */
function signatureRows(
  ws: ExcelJSModule.Worksheet,
  h: ReportHeading,
  span: number,
  half: number,
  merged: (text: string, from: number, to: number, font: Partial<ExcelJSModule.Font>, row?: ExcelJSModule.Row) => ExcelJSModule.Row,
): void {
  ws.addRow([]);
  const titles = merged('NGƯỜI LẬP BIỂU', 1, half, { bold: true });
  merged(h.headTitle.toUpperCase() || 'THỦ TRƯỞNG ĐƠN VỊ', half + 1, span, { bold: true }, titles);
  const hints = merged('(Ký, ghi rõ họ tên)', 1, half, { italic: true });
  merged('(Ký tên, đóng dấu)', half + 1, span, { italic: true }, hints);
  for (let i = 0; i < 4; i++) ws.addRow([]);
  const names = merged(h.preparedBy, 1, half, { bold: true });
  merged(h.headName, half + 1, span, { bold: true }, names);
  if (h.recipients.length) {
    ws.addRow([]);
    const label = ws.addRow(['Nơi nhận:']);
    label.getCell(1).font = { bold: true, italic: true, size: 10 };
    for (const line of h.recipients) ws.addRow([neutralize(line)]).getCell(1).font = { size: 10 };
  }
}

/** Numbers and dates the way each CSV style writes them. */
function csvCell(c: Cell, kind: CellKind, style: CsvStyle): string {
  if (c === null) return '';
  const sep = style === 'excel-vn' ? ';' : ',';
  if (typeof c === 'number') {
    const text = Number.isInteger(c) ? String(c) : String(Math.round(c * 10_000) / 10_000);
    return style === 'excel-vn' ? text.replace('.', ',') : text;
  }
  if (kind === 'date') return style === 'excel-vn' ? viDate(c) : c;
  const text = neutralize(c);
  return text.includes(sep) || /["\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * One table, CRLF, with a BOM so Excel opens it as UTF-8. `standard`: comma-separated, decimal
 * point, ISO dates (RFC 4180); `excel-vn`: semicolon, decimal comma, dd/mm/yyyy, as Excel reads
 * it on a computer set to Vietnamese. Rates are fractions (0.25 = 25%) in both.
 */
export function toCsv(r: StatsReport, table: ExportTable, style: CsvStyle = 'standard'): Buffer {
  const t = reportTables(r).find((x) => x.name === table)!;
  const sep = style === 'excel-vn' ? ';' : ',';
  const lines = [t.columns.map((c) => csvCell(c.kind === 'percent' ? `${c.vi} (0-1)` : c.vi, 'text', style)).join(sep)];
  t.rows.forEach((row, i) => lines.push(row.map((c, col) => csvCell(c, kindOf(t, i, col), style)).join(sep)));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

function pdfCell(t: Table, row: number, col: number, c: Cell): string {
  if (c === null) return '–';
  const kind = kindOf(t, row, col);
  if (typeof c === 'string') return kind === 'date' ? viDate(c) : c;
  switch (kind) {
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

export function pdfMaker(): PdfMake {
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

/** Tables this short never split across pages: a lone row or header on a page of its own reads badly. */
const KEEP_WHOLE_ROWS = 30;

export async function toPdf(r: StatsReport, h: ReportHeading): Promise<Buffer> {
  const content: object[] = [
    {
      columns: [
        {
          width: '45%',
          stack: [
            { text: h.agency.toUpperCase(), alignment: 'center' },
            { text: h.centerName.toUpperCase(), bold: true, alignment: 'center' },
            { text: h.numberLine, alignment: 'center', margin: [0, 4, 0, 0] },
          ],
        },
        {
          width: '55%',
          stack: [
            { text: NATIONAL, bold: true, alignment: 'center' },
            { text: MOTTO, bold: true, alignment: 'center', decoration: 'underline' },
            { text: h.dateLine, italics: true, alignment: 'center', margin: [0, 4, 0, 0] },
          ],
        },
      ],
      fontSize: 11,
    },
    { text: REPORT_TITLE, style: 'title', margin: [0, 16, 0, 0] },
    { text: REPORT_SUBJECT, bold: true, alignment: 'center', fontSize: 12 },
    ...headingLines(r, h).map((text) => ({ text, italics: true, alignment: 'center', margin: [0, 2, 0, 0] })),
  ];
  for (const t of reportTables(r)) {
    if (t.rows.length === 0) continue;
    const small = t.rows.length <= KEEP_WHOLE_ROWS;
    const narrow = t.columns.length <= 4;
    const table = {
      table: {
        headerRows: 1,
        // A row never splits, and the header comes with at least one row on every page.
        keepWithHeaderRows: 1,
        dontBreakRows: true,
        // A narrow table keeps its columns to their content; a wide one shares the page between its numbers.
        widths: t.columns.map((c) =>
          c.kind === 'date' ? 'auto' : c.kind === 'text' ? Math.max(28, (c.width ?? 12) * (narrow ? 5.5 : 3.6)) : narrow ? 90 : '*',
        ),
        body: [
          t.columns.map((c) => ({ text: c.vi, bold: true, fillColor: '#dde8f0', alignment: 'center' })),
          ...t.rows.map((row, i) =>
            row.map((c, col) => ({
              text: pdfCell(t, i, col, c),
              alignment: typeof c === 'string' && kindOf(t, i, col) !== 'date' ? 'left' : 'right',
              noWrap: kindOf(t, i, col) === 'date',
            })),
          ),
        ],
      },
      layout: 'lightHorizontalLines',
      fontSize: t.columns.length > 10 ? 6.5 : 9,
    };
    const section = { text: t.titleVi, style: 'section' };
    // A short table moves whole to the next page rather than leave its title or a row behind.
    content.push(small ? { stack: [section, table], unbreakable: true } : { stack: [section, table] });
    if (t.name === 'summary') content.push(satisfactionChart(r));
  }
  content.push(signatureBlock(h));
  return pdfMaker()
    .createPdf({
      pageSize: 'A4',
      pageOrientation: 'landscape',
      pageMargins: [40, 28, 28, 36],
      info: { title: 'Báo cáo kết quả tiếp nhận và mức độ hài lòng', creator: 'motcua' },
      content,
      footer: (page: number, pages: number) => ({ text: `Trang ${page}/${pages}`, alignment: 'right', margin: [0, 8, 28, 0], fontSize: 8 }),
      styles: {
        title: { fontSize: 15, bold: true, alignment: 'center' },
        section: { fontSize: 12, bold: true, margin: [0, 14, 0, 4] },
      },
      defaultStyle: { font: 'Roboto', fontSize: 10 },
    })
    .getBuffer();
}

/** The satisfaction levels as horizontal bars, each with its count and share. */
function satisfactionChart(r: StatsReport): object {
  const total = r.levels.reduce((a, l) => a + l.count, 0);
  const max = Math.max(1, ...r.levels.map((l) => l.count));
  const barWidth = 380;
  const rows = r.levels.map((l) => {
    const share = total === 0 ? 0 : l.count / total;
    return {
      columns: [
        { width: 130, text: l.vi, fontSize: 9, margin: [0, 2, 6, 0], alignment: 'right' },
        {
          width: barWidth + 10,
          canvas: [
            { type: 'rect', x: 0, y: 2, w: barWidth, h: 12, color: '#eef2f6' },
            ...(l.count > 0 ? [{ type: 'rect', x: 0, y: 2, w: Math.max(2, (l.count / max) * barWidth), h: 12, color: '#0b4f9c' }] : []),
          ],
        },
        {
          width: '*',
          text: `${l.count.toLocaleString('vi-VN')} lượt · ${(share * 100).toLocaleString('vi-VN', { maximumFractionDigits: 1, minimumFractionDigits: 1 })}%`,
          fontSize: 9,
          margin: [0, 2, 0, 0],
        },
      ],
      margin: [0, 1, 0, 1],
    };
  });
  const index = r.summary.satisfactionIndex;
  return {
    unbreakable: true,
    stack: [
      { text: 'Biểu đồ mức độ hài lòng', style: 'section' },
      ...rows,
      {
        text:
          index === null
            ? 'Chưa có lượt đánh giá nào trong kỳ.'
            : `Chỉ số hài lòng: ${(index * 100).toLocaleString('vi-VN', { maximumFractionDigits: 1, minimumFractionDigits: 1 })}% trên ${total.toLocaleString('vi-VN')} lượt đánh giá.`,
        italics: true,
        fontSize: 9,
        margin: [0, 4, 0, 0],
      },
    ],
  };
}

/** "Nơi nhận" and the preparer on the left, the head of the unit on the right, with room to sign. */
function signatureBlock(h: ReportHeading): object {
  return {
    unbreakable: true,
    margin: [0, 24, 0, 0],
    columns: [
      {
        width: '45%',
        stack: [
          { text: 'NGƯỜI LẬP BIỂU', bold: true, alignment: 'center' },
          { text: '(Ký, ghi rõ họ tên)', italics: true, alignment: 'center', fontSize: 9 },
          { text: h.preparedBy || ' ', bold: true, alignment: 'center', margin: [0, 48, 0, 0] },
          ...(h.recipients.length
            ? [
                { text: 'Nơi nhận:', bold: true, italics: true, fontSize: 10, margin: [0, 18, 0, 0] },
                ...h.recipients.map((line) => ({ text: line, fontSize: 9 })),
              ]
            : []),
        ],
      },
      {
        width: '55%',
        stack: [
          { text: h.headTitle.toUpperCase() || 'THỦ TRƯỞNG ĐƠN VỊ', bold: true, alignment: 'center' },
          { text: '(Ký tên, đóng dấu)', italics: true, alignment: 'center', fontSize: 9 },
          { text: h.headName || ' ', bold: true, alignment: 'center', margin: [0, 48, 0, 0] },
        ],
      },
    ],
  };
}
