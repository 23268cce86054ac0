// The file of one export, made where the statistics are computed (the off-loop thread): the
// figures, the heading with the filter's names, then XLSX, PDF or CSV.
import type { ExportFormat, ExportLayout, StatsReport } from '../contract/index.ts';
import { toCsv, toPdf, toXlsx } from './exportFiles.ts';
import type { ReportHeading } from './exportTables.ts';
import type { ExportProduct } from './exports.ts';
import type { StatsRequest, StatsService } from './stats.ts';
import type { SettingsStore } from '../store/settings.ts';
import { listFields } from '../../db/fields.ts';
import { listCounters } from '../../db/counters.ts';
import { listStaff } from '../../db/staff.ts';
import type { Db } from '../../db/open.ts';
import { partsOf } from '../base/time.ts';

/** The figures and the file of one export, where the statistics are computed. */
export async function produceExport(
  db: Db,
  stats: StatsService,
  settings: SettingsStore,
  query: StatsRequest,
  format: ExportFormat,
  layout: ExportLayout,
  onProgress: (progress: number, stage: string) => void,
): Promise<ExportProduct> {
  const report = await stats.report(query, (done, total) =>
    onProgress(0.8 * (done / total), `Đang tổng hợp số liệu ngày ${done}/${total}…`),
  );
  onProgress(0.8, 'Đang tạo tệp…');
  const h = heading(db, settings, report, layout.reportNo);
  const file =
    format === 'xlsx' ? await toXlsx(report, h) : format === 'pdf' ? await toPdf(report, h) : toCsv(report, layout.table, layout.csvStyle);
  const name = format === 'csv' ? `thong-ke_${report.from}_${report.to}_${layout.table}` : `bao-cao_${report.from}_${report.to}`;
  return { file, fileName: `${name}.${format}` };
}

function heading(db: Db, settings: SettingsStore, r: StatsReport, reportNo: string): ReportHeading {
  const parts: string[] = [];
  if (r.filter.fieldId !== null)
    parts.push(`Lĩnh vực: ${listFields(db).find((f) => f.id === r.filter.fieldId)?.nameVi ?? r.filter.fieldId}`);
  if (r.filter.counterId !== null)
    parts.push(`Quầy: ${listCounters(db).find((c) => c.id === r.filter.counterId)?.nameVi ?? r.filter.counterId}`);
  if (r.filter.staffId !== null)
    parts.push(`Cán bộ: ${listStaff(db).find((x) => x.id === r.filter.staffId)?.fullName ?? r.filter.staffId}`);
  const s = settings.get();
  const p = partsOf(r.generatedAt, s.timezone);
  const symbol = s.report.symbol ? `/BC-${s.report.symbol}` : '/BC';
  return {
    agency: s.report.agency,
    centerName: s.centerName,
    // Offices number a report when they register it: left blank, the number is written by hand.
    numberLine: `Số: ${reportNo || '\u00a0'.repeat(8)}${symbol}`,
    dateLine: `${s.report.place || '……………'}, ngày ${p.day} tháng ${p.month} năm ${p.year}`,
    filterVi: parts.join(' · '),
    generatedAt: localStamp(r.generatedAt, s.timezone),
    preparedBy: s.report.preparedBy,
    headTitle: s.report.headTitle,
    headName: s.report.headName,
    recipients: s.report.recipients
      .split('\n')
      .map((l) => l.trim().replace(/^-\s*/, '– ')) // an en dash, as typeset; a hyphen would read as a minus sign
      .filter(Boolean),
  };
}

/** dd/mm/yyyy HH:MM in the center's time zone. */
function localStamp(ms: number, timeZone: string): string {
  const p = partsOf(ms, timeZone);
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}
