// Writes the export tables as XLSX (exceljs), CSV (UTF-8 with BOM, so Excel reads Vietnamese
// right) and PDF (pdfmake with Liberation Serif: Times New Roman's metrics, as Nghị định 30/2020
// asks, and every Vietnamese letter; shipped with the app in main/reports/fonts, copied to
// dist/fonts by the build). Every text cell is neutralized against formula injection; numbers stay numbers.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type ExcelJSModule from 'exceljs';
import type { CsvStyle, ExportTable, StatsReport } from '../contract/index.ts';
import {
  headingLines,
  kindOf,
  MOTTO,
  NATIONAL,
  neutralize,
  REPORT_TITLE,
  reportSubject,
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
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'motcua';
  wb.created = new Date(r.generatedAt);
  // The text messages' sheet only where the report has them (StatsReport.sms).
  for (const t of reportTables(r).filter((x) => x.name !== 'sms' || r.sms !== null)) {
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
    if (t.name === 'summary') merged(reportSubject(r, h), 1, span, { bold: true, size: 12 });
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

/**
 * The foot of Phụ lục I as the PDF lays it out: three blocks side by side, "Nơi nhận" bottom left
 * with its list, who prepared the report in the middle, who signs on the right (room to sign,
 * then the names), the titles level with "Nơi nhận" (#24: the list used to sit under the names).
 */
function signatureRows(
  ws: ExcelJSModule.Worksheet,
  h: ReportHeading,
  span: number,
  half: number,
  merged: (text: string, from: number, to: number, font: Partial<ExcelJSModule.Font>, row?: ExcelJSModule.Row) => ExcelJSModule.Row,
): void {
  // The columns of each block: a third of the width for the list, the rest shared by the signers.
  const left = Math.max(1, Math.min(half - 1, Math.floor(span / 3)));
  const middle = left + Math.max(1, Math.floor((span - left) / 2));
  const NAMES_AT = 6; // titles, hints, four rows to sign in, then the names
  const listed: Array<{ text: string; font: Partial<ExcelJSModule.Font> }> = h.recipients.length
    ? [
        { text: 'Nơi nhận:', font: { bold: true, italic: true, size: 12 } },
        ...h.recipients.map((line) => ({ text: line, font: { size: 11 } })),
      ]
    : [];
  const signers: Record<number, [string, string, Partial<ExcelJSModule.Font>]> = {
    0: ['NGƯỜI LẬP BIỂU', h.headTitle.toUpperCase() || 'THỦ TRƯỞNG ĐƠN VỊ', { bold: true, size: 13 }],
    1: ['(Ký, ghi rõ họ tên)', '(Ký tên, đóng dấu)', { italic: true, size: 12 }],
    [NAMES_AT]: [h.preparedBy, h.headName, { bold: true, size: 13 }],
  };
  ws.addRow([]);
  for (let i = 0; i < Math.max(NAMES_AT + 1, listed.length); i++) {
    const row = ws.addRow([]);
    const line = listed[i];
    if (line) {
      merged(line.text, 1, left, line.font, row);
      row.getCell(1).alignment = { horizontal: 'left', vertical: 'top', wrapText: true };
    }
    const signer = signers[i];
    if (signer) {
      merged(signer[0], left + 1, middle, signer[2], row);
      merged(signer[1], middle + 1, span, signer[2], row);
    }
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

/** The unit of a rate in a CSV, where rates are fractions: 0.25 is a quarter, not 0.25%. */
export const CSV_RATE_UNIT = 'tỷ lệ (0-1)';

/**
 * One table, CRLF, with a BOM so Excel opens it as UTF-8. `standard`: comma-separated, decimal
 * point, ISO dates (RFC 4180); `excel-vn`: semicolon, decimal comma, dd/mm/yyyy, as Excel reads
 * it on a computer set to Vietnamese. Rates are fractions (0.25 = 25%) in both.
 */
export function toCsv(r: StatsReport, table: ExportTable, style: CsvStyle = 'standard'): Buffer {
  // reportTables makes one table of each ExportTable name, so the one asked for is there.
  const t = reportTables(r).find((x) => x.name === table)!;
  const sep = style === 'excel-vn' ? ';' : ',';
  const lines = [t.columns.map((c) => csvCell(c.kind === 'percent' ? `${c.vi} (0-1)` : c.vi, 'text', style)).join(sep)];
  // The summary's unit column says "%" where its value is a rate: in a CSV that value is a fraction.
  const unit = (c: Cell, i: number): Cell => (c === '%' && t.lastKinds?.[i] === 'percent' ? CSV_RATE_UNIT : c);
  t.rows.forEach((row, i) => lines.push(row.map((c, col) => csvCell(unit(c, i), kindOf(t, i, col), style)).join(sep)));
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

/** pdfmake's name for the report's font family. */
export const REPORT_FONT = 'LiberationSerif';

/**
 * The fonts' folder: beside this source file (main/reports/fonts), or, built, dist/fonts beside
 * dist/hub-worker.mjs or one level up from dist/electron/.
 */
function reportFontDir(): string {
  for (const rel of ['./fonts', '../fonts']) {
    const dir = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(join(dir, 'LiberationSerif-Regular.ttf'))) return dir;
  }
  throw new Error('Không tìm thấy phông chữ của báo cáo (LiberationSerif-Regular.ttf) / report fonts not found');
}

export function pdfMaker(): PdfMake {
  if (pdfmake) return pdfmake;
  const require = createRequire(import.meta.url);
  // pdfmake ships no types for its Node entry: PdfMake above names the four calls made here.
  const made = require('pdfmake') as PdfMake;
  const fonts = reportFontDir();
  made.addFonts({
    [REPORT_FONT]: {
      normal: join(fonts, 'LiberationSerif-Regular.ttf'),
      bold: join(fonts, 'LiberationSerif-Bold.ttf'),
      italics: join(fonts, 'LiberationSerif-Italic.ttf'),
      bolditalics: join(fonts, 'LiberationSerif-BoldItalic.ttf'),
    },
  });
  // A report never fetches anything: only the bundled fonts may be read.
  made.setLocalAccessPolicy((path) => path.startsWith(fonts));
  made.setUrlAccessPolicy(() => false);
  return (pdfmake = made);
}

/** Tables this short never split across pages: a lone row or header on a page of its own reads badly. */
const KEEP_WHOLE_ROWS = 30;
/** Rows of a long last table that go to the page of the signatures, so that page is never signatures alone. */
const ROWS_WITH_SIGNATURES = 3;
/** pdfmake ids: the last rows, and the signatures they stay on a page with. */
const KEEP_ID = 'rows-with-signatures';
const SIGNATURES_ID = 'signatures';
/**
 * A signature block longer than this many recipients may break across pages: pdfmake drops the
 * text of an unbreakable block taller than a page rather than print it.
 */
const RECIPIENTS_UNBREAKABLE = 16;

/**
 * Moves the last rows to the next page when the signatures would start on a page of their own
 * (the page a director signs then shows figures too). A node already at the top of its page is
 * left where it is, so the layout always ends.
 */
function keepRowsWithSignatures(
  node: { id?: string },
  nodes: { getFollowingNodesOnPage(): { id?: string }[]; getPreviousNodesOnPage(): unknown[] },
): boolean {
  if (node.id !== KEEP_ID || nodes.getPreviousNodesOnPage().length === 0) return false;
  return !nodes.getFollowingNodesOnPage().some((n) => n.id === SIGNATURES_ID);
}

/**
 * A4 landscape with the decree's margins (Nghị định 30/2020, Phụ lục I: top and bottom 20 mm,
 * left 30 mm, right 15 mm), in points.
 */
const MM = 72 / 25.4;
const mm = (v: number): number => Math.round(v * MM);
const PAGE_MARGINS: [left: number, top: number, right: number, bottom: number] = [mm(30), mm(20), mm(15), mm(20)];
/** The agency's column of the heading, in points: the country's takes the rest of the line. */
const AGENCY_WIDTH = 300;

/** One table's rows `from`..`to` (its header too when `header`), numbers right, text left, dates unbroken. */
function pdfTable(t: Table, from: number, to: number, header: boolean): object {
  const narrow = t.columns.length <= 4;
  const rows = t.rows.slice(from, to).map((row, k) =>
    row.map((c, col) => ({
      text: pdfCell(t, from + k, col, c),
      alignment: typeof c === 'string' && kindOf(t, from + k, col) !== 'date' ? 'left' : 'right',
      noWrap: kindOf(t, from + k, col) === 'date',
    })),
  );
  return {
    table: {
      headerRows: header ? 1 : 0,
      // A row never splits, and the header comes with at least one row on every page.
      keepWithHeaderRows: header ? 1 : 0,
      dontBreakRows: true,
      // A narrow table keeps its columns to their content; a wide one shares the page between its numbers.
      widths: t.columns.map((c) =>
        c.kind === 'date' ? 'auto' : c.kind === 'text' ? Math.max(28, (c.width ?? 12) * (narrow ? 5.5 : 3.4)) : narrow ? 90 : '*',
      ),
      body: [...(header ? [t.columns.map((c) => ({ text: c.vi, bold: true, fillColor: '#dde8f0', alignment: 'center' }))] : []), ...rows],
    },
    layout: 'lightHorizontalLines',
    // Up to 12 columns fit a landscape A4 at 10 pt (the days of a center that sends texts, the hours of a working day).
    fontSize: t.columns.length > 12 ? 7 : 10,
  };
}

export async function toPdf(r: StatsReport, h: ReportHeading): Promise<Buffer> {
  const content: object[] = [
    // The heading of Phụ lục I: the agencies top left (the governing body, then the center in
    // bold with a short rule under it) and the number; the country in bold capitals, its motto
    // bold and underlined, and the place and date in italics on the right.
    {
      columns: [
        {
          width: AGENCY_WIDTH,
          stack: [
            ...(h.agency ? [{ text: h.agency.toUpperCase(), fontSize: 12, alignment: 'center' }] : []),
            { text: h.centerName.toUpperCase(), fontSize: 12, bold: true, alignment: 'center' },
            {
              canvas: [{ type: 'line', x1: AGENCY_WIDTH / 2 - 40, y1: 0, x2: AGENCY_WIDTH / 2 + 40, y2: 0, lineWidth: 0.6 }],
              margin: [0, 3, 0, 0],
            },
            { text: h.numberLine, fontSize: 13, alignment: 'center', margin: [0, 6, 0, 0] },
          ],
        },
        {
          width: '*',
          stack: [
            { text: NATIONAL, fontSize: 12.5, bold: true, alignment: 'center' },
            { text: MOTTO, fontSize: 13.5, bold: true, alignment: 'center', decoration: 'underline' },
            { text: h.dateLine, fontSize: 13, italics: true, alignment: 'center', margin: [0, 10, 0, 0] },
          ],
        },
      ],
    },
    { text: REPORT_TITLE, style: 'title', margin: [0, 18, 0, 0] },
    { text: reportSubject(r, h), bold: true, alignment: 'center', fontSize: 14 },
    ...headingLines(r, h).map((text) => ({ text, italics: true, alignment: 'center', fontSize: 12, margin: [0, 2, 0, 0] })),
  ];
  const tables = reportTables(r).filter((t) => t.rows.length > 0);
  tables.forEach((t, n) => {
    const section = { text: t.titleVi, style: 'section' };
    const small = t.rows.length <= KEEP_WHOLE_ROWS;
    if (n === tables.length - 1) {
      // The last rows and the signatures share a page (keepRowsWithSignatures): a short table
      // moves whole, a long one its last rows.
      if (small) content.push({ id: KEEP_ID, stack: [section, pdfTable(t, 0, t.rows.length, true)], unbreakable: true });
      else {
        const split = t.rows.length - ROWS_WITH_SIGNATURES;
        content.push({ stack: [section, pdfTable(t, 0, split, true)] });
        content.push({ id: KEEP_ID, stack: [pdfTable(t, split, t.rows.length, false)], unbreakable: true });
      }
      content.push(signatureBlock(h));
      return;
    }
    // A short table moves whole to the next page rather than leave its title or a row behind.
    const table = pdfTable(t, 0, t.rows.length, true);
    content.push(small ? { stack: [section, table], unbreakable: true } : { stack: [section, table] });
    if (t.name === 'summary') content.push(satisfactionChart(r));
  });
  if (tables.length === 0) content.push(signatureBlock(h));
  return pdfMaker()
    .createPdf({
      pageSize: 'A4',
      pageOrientation: 'landscape',
      pageMargins: PAGE_MARGINS,
      info: { title: 'Báo cáo kết quả tiếp nhận và mức độ hài lòng', creator: 'motcua' },
      content,
      pageBreakBefore: keepRowsWithSignatures,
      footer: (page: number, pages: number) => ({
        text: `Trang ${page}/${pages}`,
        alignment: 'right',
        margin: [0, 20, PAGE_MARGINS[2], 0],
        fontSize: 10,
      }),
      styles: {
        title: { fontSize: 14, bold: true, alignment: 'center' },
        section: { fontSize: 13, bold: true, margin: [0, 14, 0, 4] },
      },
      defaultStyle: { font: REPORT_FONT, fontSize: 11 },
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

/**
 * The foot of Phụ lục I, side by side: "Nơi nhận" bottom left (bold italic 12 pt, the list in
 * 11 pt), then who prepared the report, then who signs it (title bold in capitals, room to sign,
 * name in bold), the titles level with "Nơi nhận".
 */
function signatureBlock(h: ReportHeading): object {
  const signer = (title: string, hint: string, name: string) => ({
    width: '*',
    stack: [
      { text: title, bold: true, fontSize: 13, alignment: 'center' },
      { text: hint, italics: true, fontSize: 12, alignment: 'center' },
      { text: name || ' ', bold: true, fontSize: 13, alignment: 'center', margin: [0, 60, 0, 0] },
    ],
  });
  return {
    id: SIGNATURES_ID,
    unbreakable: h.recipients.length <= RECIPIENTS_UNBREAKABLE,
    margin: [0, 24, 0, 0],
    columns: [
      {
        width: 210,
        stack: h.recipients.length
          ? [{ text: 'Nơi nhận:', bold: true, italics: true, fontSize: 12 }, ...h.recipients.map((line) => ({ text: line, fontSize: 11 }))]
          : [{ text: ' ' }],
      },
      signer('NGƯỜI LẬP BIỂU', '(Ký, ghi rõ họ tên)', h.preparedBy),
      signer(h.headTitle.toUpperCase() || 'THỦ TRƯỞNG ĐƠN VỊ', '(Ký tên, đóng dấu)', h.headName),
    ],
  };
}
