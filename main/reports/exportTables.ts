// The tables every export format writes: one summary shaped like a periodic reform report and one
// table per breakdown. Figures only; staff names are the officers', never a citizen's.
import type { ExportTable, StatsFigures, StatsReport, StatsSmsCounts } from '../contract/index.ts';

/** `date`: the cell holds a service day (YYYY-MM-DD); each format writes it as a date. */
export type CellKind = 'int' | 'percent' | 'minutes' | 'text' | 'date';
export interface Column {
  vi: string;
  en: string;
  kind: CellKind;
  width?: number;
}
export type Cell = string | number | null;
export interface Table {
  name: ExportTable;
  sheetVi: string;
  titleVi: string;
  titleEn: string;
  columns: Column[];
  rows: Cell[][];
  /** Per row, the kind of the last column where it varies (the summary mixes counts, minutes and rates). */
  lastKinds?: CellKind[];
}

/** The official heading and signature block of a report (Nghị định 30/2020/NĐ-CP, Phụ lục I). */
export interface ReportHeading {
  /** The governing body, uppercase; empty = none. */
  agency: string;
  centerName: string;
  /** "Số: 12/BC-TTPVHCC", or "Số:       /BC-TTPVHCC" to be written by hand. */
  numberLine: string;
  /** "Mỹ Hòa, ngày 28 tháng 11 năm 2026" */
  dateLine: string;
  /** Human filter, e.g. "Lĩnh vực: Đất đai". */
  filterVi: string;
  generatedAt: string;
  preparedBy: string;
  headTitle: string;
  headName: string;
  recipients: string[];
}

export const NATIONAL = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const MOTTO = 'Độc lập - Tự do - Hạnh phúc';
export const REPORT_TITLE = 'BÁO CÁO';
export const REPORT_SUBJECT = 'Kết quả tiếp nhận công dân và mức độ hài lòng tại bộ phận một cửa';

/**
 * The subject under "BÁO CÁO". A period that ends today is still counting: the title itself says
 * its figures are provisional and when they were taken, not only a note in the period line.
 */
export function reportSubject(r: StatsReport, h: ReportHeading): string {
  return r.live ? `${REPORT_SUBJECT} (số liệu tạm tính đến ${h.generatedAt})` : REPORT_SUBJECT;
}

/** Text that a spreadsheet would run as a formula (= + - @, and tab or CR before them) is kept as text. */
export function neutralize(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** dd/mm/yyyy, as Vietnamese reports write dates. */
export function viDate(day: string): string {
  return `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
}

const minutes = (ms: number | null): number | null => (ms === null ? null : Math.round(ms / 6_000) / 10);

const figureColumns: Column[] = [
  { vi: 'Số phiếu cấp', en: 'Tickets issued', kind: 'int' },
  { vi: 'Số lượt đã phục vụ', en: 'Served', kind: 'int' },
  { vi: 'Số lượt vắng mặt', en: 'No-shows', kind: 'int' },
  { vi: 'Tỷ lệ vắng mặt', en: 'No-show rate', kind: 'percent' },
  { vi: 'Số phiếu đã hủy', en: 'Cancelled', kind: 'int' },
  { vi: 'Chờ TB (phút)', en: 'Avg wait (min)', kind: 'minutes' },
  { vi: 'Chờ trung vị (phút)', en: 'Median wait (min)', kind: 'minutes' },
  { vi: 'Chờ P90 (phút)', en: 'P90 wait (min)', kind: 'minutes' },
  { vi: 'Chờ quá mục tiêu', en: 'Over target wait', kind: 'percent' },
  { vi: 'Phục vụ TB (phút)', en: 'Avg service (min)', kind: 'minutes' },
  { vi: 'Lượt đánh giá', en: 'Ratings', kind: 'int' },
  { vi: 'Tỷ lệ phản hồi', en: 'Response rate', kind: 'percent' },
  { vi: 'Chỉ số hài lòng', en: 'Satisfaction index', kind: 'percent' },
];

function figureCells(f: StatsFigures): Cell[] {
  return [
    f.issued,
    f.served,
    f.noShow,
    f.noShowRate,
    f.cancelled,
    minutes(f.waitAvgMs),
    minutes(f.waitMedianMs),
    minutes(f.waitP90Ms),
    f.overTargetRate,
    minutes(f.serviceAvgMs),
    f.ratings,
    f.responseRate,
    f.satisfactionIndex,
  ];
}

/** The text messages' outcomes, as the tables head them (the citizens' numbers are in no table). */
const smsColumns: Column[] = [
  { vi: 'Tin nhắn đã gửi', en: 'Messages sent', kind: 'int' },
  { vi: 'Tin nhắn gửi lỗi', en: 'Messages failed', kind: 'int' },
  { vi: 'Không rõ kết quả', en: 'Outcome unknown', kind: 'int' },
];
const smsCells = (c: StatsSmsCounts): Cell[] => [c.sent, c.failed, c.unknown];
/**
 * "Tin nhắn gửi lỗi" split in its two kinds. Added after a table's earlier columns, which keep
 * their places and meanings (a sheet or CSV read by column position still reads the same).
 */
const smsFailedColumns: Column[] = [
  { vi: 'Gửi lỗi: bị từ chối', en: 'Failed: refused', kind: 'int' },
  { vi: 'Gửi lỗi: không thử lại', en: 'Failed: not tried again', kind: 'int' },
];
const smsFailedCells = (c: StatsSmsCounts): Cell[] => [c.failedRefused, c.failedNoRetry];

const WEEKDAYS_VI = ['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ nhật'];

export function reportTables(r: StatsReport): Table[] {
  const s = r.summary;
  const sms = r.sms;
  const smsByDay = new Map(sms?.byDay.map((d) => [d.day, d]));
  const noSms: StatsSmsCounts = { sent: 0, failed: 0, failedRefused: 0, failedNoRetry: 0, unknown: 0, dropped: 0, pending: 0 };
  const totalRatings = r.levels.reduce((a, l) => a + l.count, 0);
  const summaryRows: [no: number | string, indicator: string, unit: string, value: Cell][] = [
    [1, 'Số phiếu cấp', 'phiếu', s.issued],
    [2, 'Số lượt đã phục vụ', 'lượt', s.served],
    [3, 'Số lượt vắng mặt (gọi không có mặt)', 'lượt', s.noShow],
    [4, 'Tỷ lệ vắng mặt', '%', s.noShowRate],
    [5, 'Số phiếu đã hủy', 'phiếu', s.cancelled],
    [6, 'Thời gian chờ trung bình', 'phút', minutes(s.waitAvgMs)],
    [7, 'Thời gian chờ trung vị', 'phút', minutes(s.waitMedianMs)],
    [8, 'Thời gian chờ của 90% công dân không quá', 'phút', minutes(s.waitP90Ms)],
    [9, 'Tỷ lệ chờ quá thời gian mục tiêu', '%', s.overTargetRate],
    [10, 'Thời gian phục vụ trung bình', 'phút', minutes(s.serviceAvgMs)],
    [11, 'Số lượt đánh giá', 'lượt', s.ratings],
    [12, 'Tỷ lệ công dân đánh giá (trên số lượt đã phục vụ)', '%', s.responseRate],
    [13, 'Chỉ số hài lòng (Rất hài lòng + Hài lòng)', '%', s.satisfactionIndex],
    ...r.levels.map((l, i): [string, string, string, Cell] => [`13.${i + 1}`, `Mức "${l.vi}"`, 'lượt', l.count]),
    // Only where the center sends text messages (or sent some in the period): see StatsReport.sms.
    // Row 15 counts every failure; 15.1 and 15.2 are its two kinds, which a manager mends differently.
    ...(sms
      ? ([
          [14, 'Tin nhắn SMS báo lượt đã gửi', 'tin', sms.summary.sent],
          [15, 'Tin nhắn SMS gửi lỗi (không gửi được)', 'tin', sms.summary.failed],
          ['15.1', 'Trong đó: bị từ chối ở mọi lần thử (tối đa 4 lần)', 'tin', sms.summary.failedRefused],
          ['15.2', 'Trong đó: không thử lại (thường do tin dài quá một tin nhắn)', 'tin', sms.summary.failedNoRetry],
          [16, 'Tin nhắn SMS không rõ kết quả (đã chuyển đi, không có xác nhận)', 'tin', sms.summary.unknown],
        ] satisfies [number | string, string, string, Cell][])
      : []),
  ];
  const kinds: CellKind[] = summaryRows.map(([, , unit]) => (unit === '%' ? 'percent' : unit === 'phút' ? 'minutes' : 'int'));
  const hours = [...Array(24).keys()].filter((h) => r.heatmap.some((row) => (row[h] ?? 0) > 0));
  return [
    {
      name: 'summary',
      sheetVi: 'Tổng hợp',
      titleVi: 'Tổng hợp kết quả tiếp nhận và mức độ hài lòng',
      titleEn: 'Summary',
      columns: [
        { vi: 'STT', en: 'No.', kind: 'text', width: 6 },
        { vi: 'Chỉ tiêu', en: 'Indicator', kind: 'text', width: 52 },
        { vi: 'Đơn vị', en: 'Unit', kind: 'text', width: 10 },
        { vi: 'Giá trị', en: 'Value', kind: 'int', width: 14 },
      ],
      rows: summaryRows.map(([no, indicator, unit, value]) => [String(no), indicator, unit, value]),
      lastKinds: kinds,
    },
    {
      name: 'fields',
      sheetVi: 'Theo lĩnh vực',
      titleVi: 'Kết quả theo lĩnh vực',
      titleEn: 'By field',
      columns: [
        { vi: 'Mã', en: 'Code', kind: 'text', width: 9 },
        { vi: 'Lĩnh vực', en: 'Field', kind: 'text', width: 34 },
        { vi: 'Chuyển đến', en: 'Transferred in', kind: 'int' },
        { vi: 'Chuyển đi', en: 'Transferred out', kind: 'int' },
        ...figureColumns,
      ],
      rows: r.byField.map((f) => [f.code, f.nameVi, f.transferredIn, f.transferredOut, ...figureCells(f)]),
    },
    {
      name: 'officers',
      sheetVi: 'Theo cán bộ',
      titleVi: 'Kết quả theo cán bộ',
      titleEn: 'By officer',
      columns: [
        { vi: 'Cán bộ', en: 'Officer', kind: 'text', width: 28 },
        { vi: 'Tài khoản', en: 'Username', kind: 'text', width: 12 },
        ...figureColumns,
      ],
      rows: r.byOfficer.map((o) => [o.fullName, o.username, ...figureCells(o)]),
    },
    {
      name: 'counters',
      sheetVi: 'Theo quầy',
      titleVi: 'Kết quả theo quầy',
      titleEn: 'By counter',
      columns: [{ vi: 'Quầy', en: 'Counter', kind: 'text', width: 14 }, ...figureColumns],
      rows: r.byCounter.map((c) => [c.nameVi, ...figureCells(c)]),
    },
    {
      name: 'pauses',
      sheetVi: 'Tạm dừng quầy',
      titleVi: 'Tạm dừng quầy theo lý do',
      titleEn: 'Counter pauses by reason',
      columns: [
        { vi: 'Lý do', en: 'Reason', kind: 'text', width: 26 },
        { vi: 'Số lần tạm dừng', en: 'Pauses', kind: 'int' },
        { vi: 'Tổng thời gian (phút)', en: 'Total (min)', kind: 'minutes' },
      ],
      rows: r.pauses.map((p) => [p.vi, p.count, minutes(p.totalMs)]),
    },
    {
      name: 'sms',
      sheetVi: 'Tin nhắn SMS',
      titleVi: 'Tin nhắn SMS báo lượt theo lĩnh vực',
      titleEn: 'Text messages to citizens by field',
      columns: [
        { vi: 'Mã', en: 'Code', kind: 'text', width: 9 },
        { vi: 'Lĩnh vực', en: 'Field', kind: 'text', width: 34 },
        ...smsColumns,
        { vi: 'Không gửi (không còn cần)', en: 'Not sent (no longer needed)', kind: 'int' },
        { vi: 'Đang chờ gửi', en: 'Waiting to be sent', kind: 'int' },
        ...smsFailedColumns,
      ],
      // Counts only: the outbox holds no phone number, and none is read for a report.
      rows: sms
        ? [
            ...sms.byField.map((f): Cell[] => [f.code, f.nameVi, ...smsCells(f), f.dropped, f.pending, ...smsFailedCells(f)]),
            ['', 'Tổng cộng', ...smsCells(sms.summary), sms.summary.dropped, sms.summary.pending, ...smsFailedCells(sms.summary)],
          ]
        : [],
    },
    {
      name: 'days',
      sheetVi: 'Theo ngày',
      titleVi: 'Kết quả theo ngày',
      titleEn: 'By day',
      columns: [
        { vi: 'Ngày', en: 'Day', kind: 'date', width: 12 },
        { vi: 'Số phiếu cấp', en: 'Tickets issued', kind: 'int' },
        { vi: 'Số lượt đã phục vụ', en: 'Served', kind: 'int' },
        { vi: 'Số lượt vắng mặt', en: 'No-shows', kind: 'int' },
        { vi: 'Chờ TB (phút)', en: 'Avg wait (min)', kind: 'minutes' },
        { vi: 'Lượt đánh giá', en: 'Ratings', kind: 'int' },
        { vi: 'Chỉ số hài lòng', en: 'Satisfaction index', kind: 'percent' },
        ...(sms ? [...smsColumns, ...smsFailedColumns] : []),
      ],
      rows: r.byDay.map((d) => [
        d.day,
        d.issued,
        d.served,
        d.noShow,
        minutes(d.waitAvgMs),
        d.ratings,
        d.satisfactionIndex,
        ...(sms ? [...smsCells(smsByDay.get(d.day) ?? noSms), ...smsFailedCells(smsByDay.get(d.day) ?? noSms)] : []),
      ]),
    },
    {
      name: 'hours',
      sheetVi: 'Theo giờ',
      titleVi: 'Số phiếu cấp theo thứ và giờ',
      titleEn: 'Tickets by weekday and hour',
      columns: [
        { vi: 'Thứ', en: 'Weekday', kind: 'text', width: 12 },
        ...hours.map((h): Column => ({ vi: `${String(h).padStart(2, '0')}h`, en: `${h}:00`, kind: 'int', width: 8 })),
      ],
      // figures.ts builds the heatmap as 7 weekdays (Monday first) of 24 hours: each index is there.
      rows: r.heatmap.map((row, wd) => [WEEKDAYS_VI[wd]!, ...hours.map((h) => row[h]!)]),
    },
    {
      name: 'ratings',
      sheetVi: 'Đánh giá',
      titleVi: 'Mức độ hài lòng và lý do chưa hài lòng',
      titleEn: 'Satisfaction and reasons',
      columns: [
        { vi: 'Mục', en: 'Item', kind: 'text', width: 36 },
        { vi: 'Số lượt', en: 'Count', kind: 'int' },
        { vi: 'Tỷ lệ', en: 'Share', kind: 'percent' },
      ],
      rows: [
        ...r.levels.map((l): Cell[] => [l.vi, l.count, totalRatings === 0 ? null : l.count / totalRatings]),
        ...r.reasons.map((x): Cell[] => [`Lý do: ${x.vi}`, x.count, totalRatings === 0 ? null : x.count / totalRatings]),
      ],
    },
  ];
}

export function kindOf(t: Table, row: number, col: number): CellKind {
  // row and col index the table's own cells, and lastKinds holds one kind per row.
  return col === t.columns.length - 1 && t.lastKinds ? t.lastKinds[row]! : t.columns[col]!.kind;
}

/** The lines under the title: the period, the filter, when the figures were taken. */
export function headingLines(r: StatsReport, h: ReportHeading): string[] {
  return [
    `Kỳ báo cáo: từ ngày ${viDate(r.from)} đến ngày ${viDate(r.to)}${r.live ? ' (số liệu hôm nay đang cập nhật)' : ''}`,
    ...(h.filterVi ? [h.filterVi] : []),
    `Số liệu lấy lúc ${h.generatedAt}`,
  ];
}
