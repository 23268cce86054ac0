// The file of one export, made where the statistics are computed (the off-loop thread): the
// figures, the heading with the filter's names, then XLSX, PDF or CSV.
import type { ExportFormat, ExportTable, StatsReport } from '../contract/index.ts';
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
  table: ExportTable,
  onProgress: (progress: number, stage: string) => void,
): Promise<ExportProduct> {
  const report = await stats.report(query, (done, total) =>
    onProgress(0.8 * (done / total), `Đang tổng hợp số liệu ngày ${done}/${total}…`),
  );
  onProgress(0.8, 'Đang tạo tệp…');
  const h = heading(db, settings, report);
  const file = format === 'xlsx' ? await toXlsx(report, h) : format === 'pdf' ? await toPdf(report, h) : toCsv(report, table);
  return { file, fileName: `thong-ke_${report.from}_${report.to}${format === 'csv' ? `_${table}` : ''}.${format}` };
}

function heading(db: Db, settings: SettingsStore, r: StatsReport): ReportHeading {
  const parts: string[] = [];
  if (r.filter.fieldId !== null)
    parts.push(`Lĩnh vực: ${listFields(db).find((f) => f.id === r.filter.fieldId)?.nameVi ?? r.filter.fieldId}`);
  if (r.filter.counterId !== null)
    parts.push(`Quầy: ${listCounters(db).find((c) => c.id === r.filter.counterId)?.nameVi ?? r.filter.counterId}`);
  if (r.filter.staffId !== null)
    parts.push(`Cán bộ: ${listStaff(db).find((x) => x.id === r.filter.staffId)?.fullName ?? r.filter.staffId}`);
  const tz = settings.get().timezone;
  return {
    centerName: settings.get().centerName,
    filterVi: parts.join(' · '),
    generatedAt: localStamp(r.generatedAt, tz),
  };
}

/** dd/mm/yyyy HH:MM in the center's time zone. */
function localStamp(ms: number, timeZone: string): string {
  const p = partsOf(ms, timeZone);
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}
