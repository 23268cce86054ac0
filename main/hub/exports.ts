// Export jobs: a year's first export may have days to summarise, so an export runs in the
// background and reports its progress; the file is kept in memory for a while to be fetched.
import type { ExportFile, ExportFormat, ExportStatus, ExportTable, StatsReport } from '../contract/index.ts';
import { toCsv, toPdf, toXlsx } from '../stats/exportFiles.ts';
import type { ReportHeading } from '../stats/exportTables.ts';
import { HubError } from './errors.ts';
import type { StatsRequest, StatsService } from './stats.ts';
import type { SettingsStore } from './settings.ts';
import type { Clock } from './time.ts';
import { listFields } from '../../db/fields.ts';
import { listCounters } from '../../db/counters.ts';
import { listStaff } from '../../db/staff.ts';
import type { Db } from '../../db/open.ts';

const KEEP_MS = 30 * 60_000;
const KEEP_JOBS = 20;
const MIME: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  pdf: 'application/pdf',
};

interface Job { status: ExportStatus; file: Buffer | null; mime: string; startedAt: number }

export class ExportService {
  private nextId = 1;
  private readonly jobs = new Map<number, Job>();

  constructor(
    private readonly db: Db,
    private readonly stats: StatsService,
    private readonly settings: SettingsStore,
    private readonly clock: Clock,
  ) {}

  start(query: StatsRequest, format: ExportFormat, table: ExportTable): ExportStatus {
    this.prune();
    const id = this.nextId++;
    const job: Job = {
      status: { id, state: 'running', progress: 0, stage: 'Đang chuẩn bị…', fileName: null, error: null },
      file: null, mime: MIME[format], startedAt: this.clock(),
    };
    this.jobs.set(id, job);
    void this.run(job, query, format, table);
    return { ...job.status };
  }

  status(id: number): ExportStatus {
    const job = this.jobs.get(id);
    if (!job) throw new HubError('EXPORT_NOT_FOUND');
    return { ...job.status };
  }

  file(id: number): ExportFile {
    const job = this.jobs.get(id);
    if (!job) throw new HubError('EXPORT_NOT_FOUND');
    if (job.status.state !== 'done' || !job.file) throw new HubError('EXPORT_NOT_READY');
    return { fileName: job.status.fileName!, mime: job.mime, base64: job.file.toString('base64') };
  }

  private async run(job: Job, query: StatsRequest, format: ExportFormat, table: ExportTable): Promise<void> {
    const s = job.status;
    try {
      const report = await this.stats.report(query, (done, total) => {
        s.progress = 0.8 * (done / total);
        s.stage = `Đang tổng hợp số liệu ngày ${done}/${total}…`;
      });
      s.progress = 0.8;
      s.stage = 'Đang tạo tệp…';
      const heading = this.heading(report);
      job.file = format === 'xlsx' ? await toXlsx(report, heading) : format === 'pdf' ? await toPdf(report, heading) : toCsv(report, table);
      s.fileName = `thong-ke_${report.from}_${report.to}${format === 'csv' ? `_${table}` : ''}.${format}`;
      s.progress = 1;
      s.stage = 'Hoàn thành';
      s.state = 'done';
    } catch (err) {
      s.state = 'failed';
      s.stage = 'Không tạo được báo cáo';
      s.error = err instanceof HubError ? err.code : 'INTERNAL';
      if (!(err instanceof HubError)) console.error('export failed', err);
    }
  }

  private heading(r: StatsReport): ReportHeading {
    const parts: string[] = [];
    if (r.filter.fieldId !== null) parts.push(`Lĩnh vực: ${listFields(this.db).find((f) => f.id === r.filter.fieldId)?.nameVi ?? r.filter.fieldId}`);
    if (r.filter.counterId !== null) parts.push(`Quầy: ${listCounters(this.db).find((c) => c.id === r.filter.counterId)?.nameVi ?? r.filter.counterId}`);
    if (r.filter.staffId !== null) parts.push(`Cán bộ: ${listStaff(this.db).find((x) => x.id === r.filter.staffId)?.fullName ?? r.filter.staffId}`);
    const tz = this.settings.get().timezone;
    return {
      centerName: this.settings.get().centerName,
      filterVi: parts.join(' · '),
      generatedAt: localStamp(r.generatedAt, tz),
    };
  }

  private prune(): void {
    const now = this.clock();
    for (const [id, job] of this.jobs) if (job.status.state !== 'running' && now - job.startedAt > KEEP_MS) this.jobs.delete(id);
    while (this.jobs.size >= KEEP_JOBS) {
      const oldest = [...this.jobs].find(([, j]) => j.status.state !== 'running');
      if (!oldest) break;
      this.jobs.delete(oldest[0]);
    }
  }
}

/** dd/mm/yyyy HH:MM in the center's time zone. */
function localStamp(ms: number, timeZone: string): string {
  const p = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
  }).formatToParts(ms).map((x) => [x.type, x.value]));
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}
