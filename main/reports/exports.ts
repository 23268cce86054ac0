// Export jobs: a year's first export may have days to summarise, so an export runs in the
// background (off the event loop) and reports its progress; the file is kept in memory for a while to be fetched.
import type { ExportFile, ExportFormat, ExportStatus, ExportLayout } from '../contract/index.ts';
import { HubError } from '../base/errors.ts';
import type { StatsRequest } from './stats.ts';
import type { Clock } from '../base/time.ts';
import type { Log } from '../base/log.ts';

const KEEP_MS = 30 * 60_000;
const KEEP_JOBS = 20;
const MIME: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  pdf: 'application/pdf',
};

interface Job {
  status: ExportStatus;
  file: Buffer | null;
  mime: string;
  startedAt: number;
}

export interface ExportProduct {
  file: Buffer;
  fileName: string;
}
/** Makes the file of an export; `onProgress` gets the share done (0…0.8) and the stage to show. */
export type ExportProducer = (
  query: StatsRequest,
  format: ExportFormat,
  layout: ExportLayout,
  onProgress: (progress: number, stage: string) => void,
) => Promise<ExportProduct>;

export class ExportService {
  private nextId = 1;
  private readonly jobs = new Map<number, Job>();

  constructor(
    private readonly produce: ExportProducer,
    private readonly clock: Clock,
    private readonly log: Log,
  ) {}

  start(query: StatsRequest, format: ExportFormat, layout: ExportLayout): ExportStatus {
    this.prune();
    const id = this.nextId++;
    const job: Job = {
      status: { id, state: 'running', progress: 0, stage: 'Đang chuẩn bị…', fileName: null, error: null },
      file: null,
      mime: MIME[format],
      startedAt: this.clock(),
    };
    this.jobs.set(id, job);
    void this.run(job, query, format, layout);
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
    const { state, fileName } = job.status;
    if (state !== 'done' || !job.file || fileName === null) throw new HubError('EXPORT_NOT_READY');
    return { fileName, mime: job.mime, base64: job.file.toString('base64') };
  }

  private async run(job: Job, query: StatsRequest, format: ExportFormat, layout: ExportLayout): Promise<void> {
    const s = job.status;
    try {
      const made = await this.produce(query, format, layout, (progress, stage) => {
        s.progress = progress;
        s.stage = stage;
      });
      job.file = made.file;
      s.fileName = made.fileName;
      s.progress = 1;
      s.stage = 'Hoàn thành';
      s.state = 'done';
    } catch (err) {
      s.state = 'failed';
      s.stage = 'Không tạo được báo cáo';
      s.error = err instanceof HubError ? err.code : 'INTERNAL';
      if (!(err instanceof HubError)) this.log.error({ err, format, table: layout.table }, 'export failed');
      else this.log.warn({ code: err.code, format, table: layout.table }, 'export refused');
    }
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
