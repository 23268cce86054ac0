// The province's report as an official document (the same form as a center's: Nghị định 30/2020):
// the ranking of sites by satisfaction index with their waits, no-show rates and tickets served.
import type { ProvinceFigures, ProvinceReport, ProvinceReportSettings } from '../main/contract/index.ts';
import { siteLevelText } from '../main/contract/index.ts';
import { MOTTO, NATIONAL, viDate } from '../main/reports/exportTables.ts';
import { pdfMaker, REPORT_FONT } from '../main/reports/exportFiles.ts';
import { partsOf } from '../main/base/time.ts';
import { PROVINCE_TZ } from './day.ts';
import type { ProvinceReports } from './reports.ts';

const TITLE = 'BÁO CÁO';
const SUBJECT = 'Kết quả phục vụ và mức độ hài lòng của các điểm giao dịch trên địa bàn tỉnh';
const COLUMNS = [
  'Hạng',
  'Điểm giao dịch',
  'Cấp',
  'Số phiếu cấp',
  'Số lượt đã phục vụ',
  'Tỷ lệ vắng mặt',
  'Chờ TB (phút)',
  'Chờ P90 (phút)',
  'Lượt đánh giá',
  'Chỉ số hài lòng',
];
const RANKED_BY = 'Xếp hạng theo chỉ số hài lòng (cao trước); bằng nhau thì theo thời gian chờ P90 (ngắn trước)';

/** The heading's words from the province's settings; what is not set is left for the hand. */
interface Heading {
  /** The governing body, uppercase; empty = none. */
  agency: string;
  center: string;
  dateLine: string;
  signerTitle: string;
  signerName: string;
}
function headingOf(s: ProvinceReportSettings, generatedAt: number): Heading {
  const p = partsOf(generatedAt, PROVINCE_TZ);
  return {
    agency: s.agency.toUpperCase(),
    center: `TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG TỈNH ${s.provinceName.toUpperCase()}`.trim(),
    dateLine: `${s.place || '……………'}, ngày ${p.day} tháng ${p.month} năm ${p.year}`,
    signerTitle: s.signerTitle.toUpperCase() || 'GIÁM ĐỐC',
    signerName: s.signerName,
  };
}

const minutes = (ms: number | null) => (ms === null ? null : Math.round(ms / 6_000) / 10);

function cells(f: ProvinceFigures): (number | null)[] {
  return [f.issued, f.served, f.noShowRate, minutes(f.waitAvgMs), minutes(f.waitP90Ms), f.ratings, f.satisfactionIndex];
}

export async function provinceExport(
  reports: ProvinceReports,
  from: string,
  to: string,
  format: 'xlsx' | 'pdf',
  settings: ProvinceReportSettings,
): Promise<{ fileName: string; mime: string; base64: string }> {
  const r = await reports.report(from, to);
  const h = headingOf(settings, r.generatedAt);
  const period = `Kỳ báo cáo: từ ngày ${viDate(from)} đến ngày ${viDate(to)}`;
  const file = format === 'xlsx' ? await xlsx(r, h, period) : await pdf(r, h, period);
  return {
    fileName: `bao-cao-tinh_${from}_${to}.${format}`,
    mime: format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'application/pdf',
    base64: file.toString('base64'),
  };
}

async function xlsx(r: ProvinceReport, h: Heading, period: string): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Xếp hạng', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const line = (left: string, right: string, bold: boolean) => {
    const row = ws.addRow([left, '', '', '', right]);
    ws.mergeCells(row.number, 1, row.number, 4);
    ws.mergeCells(row.number, 5, row.number, COLUMNS.length);
    row.getCell(1).alignment = row.getCell(5).alignment = { horizontal: 'center' };
    row.getCell(5).font = { bold };
    return row;
  };
  if (h.agency) {
    line(h.agency, NATIONAL, true);
    const center = line(h.center, MOTTO, true);
    center.getCell(1).font = { bold: true };
    center.getCell(5).font = { bold: true, underline: true };
    line('Số:        /BC-TTPVHCC', h.dateLine, false).getCell(5).font = { italic: true };
  } else {
    line(h.center, NATIONAL, true).getCell(1).font = { bold: true };
    line('Số:        /BC-TTPVHCC', MOTTO, true).getCell(5).font = { bold: true, underline: true };
    line('', h.dateLine, false).getCell(5).font = { italic: true };
  }
  ws.addRow([]);
  for (const [text, font] of [
    [TITLE, { bold: true, size: 14 }],
    [SUBJECT, { bold: true }],
    [period, { italic: true }],
    [RANKED_BY, { italic: true }],
  ] as const) {
    const row = ws.addRow([text]);
    ws.mergeCells(row.number, 1, row.number, COLUMNS.length);
    row.getCell(1).alignment = { horizontal: 'center' };
    row.getCell(1).font = font;
  }
  ws.addRow([]);
  const header = ws.addRow(COLUMNS);
  header.font = { bold: true };
  header.alignment = { wrapText: true, horizontal: 'center', vertical: 'middle' };
  ws.pageSetup.printTitlesRow = `${header.number}:${header.number}`;
  const formats = ['0', '@', '@', '#,##0', '#,##0', '0.0%', '0.0', '0.0', '#,##0', '0.0%'];
  for (const s of r.sites) {
    const row = ws.addRow([s.rank, s.name, siteLevelText[s.level].vi, ...cells(s)]);
    formats.forEach((f, i) => (row.getCell(i + 1).numFmt = f));
  }
  const total = ws.addRow(['', 'Toàn tỉnh', '', ...cells(r.total)]);
  total.font = { bold: true };
  formats.forEach((f, i) => (total.getCell(i + 1).numFmt = f));
  [7, 34, 12, 12, 14, 12, 12, 12, 12, 13].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  ws.addRow([]);
  const sign = ws.addRow(['NGƯỜI LẬP BIỂU', '', '', '', h.signerTitle]);
  ws.mergeCells(sign.number, 1, sign.number, 4);
  ws.mergeCells(sign.number, 5, sign.number, COLUMNS.length);
  sign.font = { bold: true };
  sign.getCell(1).alignment = sign.getCell(5).alignment = { horizontal: 'center' };
  if (h.signerName) {
    ws.addRows([[], [], []]);
    const name = ws.addRow(['', '', '', '', h.signerName]);
    ws.mergeCells(name.number, 5, name.number, COLUMNS.length);
    name.getCell(5).font = { bold: true };
    name.getCell(5).alignment = { horizontal: 'center' };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function pdf(r: ProvinceReport, h: Heading, period: string): Promise<Buffer> {
  const pct = (v: number | null) =>
    v === null ? '–' : `${(v * 100).toLocaleString('vi-VN', { maximumFractionDigits: 1, minimumFractionDigits: 1 })}%`;
  const n = (v: number | null) => (v === null ? '–' : v.toLocaleString('vi-VN'));
  const row = (rank: string, name: string, level: string, f: ProvinceFigures, bold = false) =>
    [
      rank,
      name,
      level,
      n(f.issued),
      n(f.served),
      pct(f.noShowRate),
      n(minutes(f.waitAvgMs)),
      n(minutes(f.waitP90Ms)),
      n(f.ratings),
      pct(f.satisfactionIndex),
    ].map((text, i) => ({ text, bold, alignment: i < 3 ? 'left' : 'right', noWrap: i !== 1 }));
  return pdfMaker()
    .createPdf({
      pageSize: 'A4',
      pageOrientation: 'landscape',
      pageMargins: [40, 28, 28, 36],
      defaultStyle: { font: REPORT_FONT, fontSize: 9 },
      content: [
        {
          columns: [
            {
              width: '45%',
              stack: [
                ...(h.agency ? [{ text: h.agency, alignment: 'center' }] : []),
                { text: h.center, bold: true, alignment: 'center' },
                { text: 'Số:        /BC-TTPVHCC', alignment: 'center', margin: [0, 4, 0, 0] },
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
        { text: TITLE, bold: true, fontSize: 15, alignment: 'center', margin: [0, 16, 0, 0] },
        { text: SUBJECT, bold: true, alignment: 'center', fontSize: 12 },
        { text: period, italics: true, alignment: 'center', margin: [0, 2, 0, 0] },
        { text: RANKED_BY, italics: true, alignment: 'center', margin: [0, 2, 0, 10] },
        {
          table: {
            headerRows: 1,
            keepWithHeaderRows: 1,
            dontBreakRows: true,
            widths: ['auto', '*', 'auto', 'auto', 'auto', 'auto', 'auto', 'auto', 'auto', 'auto'],
            body: [
              COLUMNS.map((text) => ({ text, bold: true, fillColor: '#dde8f0', alignment: 'center' })),
              ...r.sites.map((s) => row(String(s.rank), s.name, siteLevelText[s.level].vi, s)),
              row('', 'Toàn tỉnh', '', r.total, true),
            ],
          },
          layout: 'lightHorizontalLines',
        },
        {
          unbreakable: true,
          margin: [0, 24, 0, 0],
          columns: [
            {
              width: '45%',
              stack: [
                { text: 'NGƯỜI LẬP BIỂU', bold: true, alignment: 'center' },
                { text: '(Ký, ghi rõ họ tên)', italics: true, alignment: 'center' },
              ],
            },
            {
              width: '55%',
              stack: [
                { text: h.signerTitle, bold: true, alignment: 'center' },
                { text: '(Ký tên, đóng dấu)', italics: true, alignment: 'center' },
                { text: h.signerName || ' ', bold: true, alignment: 'center', margin: [0, 48, 0, 0] },
              ],
            },
          ],
        },
      ],
      footer: (page: number, pages: number) => ({ text: `Trang ${page}/${pages}`, alignment: 'right', margin: [0, 8, 28, 0], fontSize: 8 }),
    })
    .getBuffer();
}
