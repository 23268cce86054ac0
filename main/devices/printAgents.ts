// The print agents the hub runs itself: one per device whose printer it can reach.
import type { Db } from '../../db/open.ts';
import { devicesWithPrinters } from '../../db/devices.ts';
import { PrintAgent, reportOf, resumeSpooled, type PrintQueue, type SpoolerTimes } from './printAgent.ts';
import type { PrintService } from './printing.ts';
import type { Log } from '../base/log.ts';
import { messageOf } from '../base/errors.ts';

export class HubPrintAgents {
  private readonly agents = new Map<number, { agent: PrintAgent; key: string }>();
  private resumed = false;
  private stopped = false;

  constructor(
    private readonly db: Db,
    private readonly printing: PrintService,
    private readonly log: Log,
    /** The spooler's deadlines, when not the defaults (tests). */
    private readonly spooler: SpoolerTimes = {},
  ) {}

  /** Each running agent and when it last asked for work. */
  status(): { deviceId: number; lastActiveAt: number }[] {
    return [...this.agents].map(([deviceId, a]) => ({ deviceId, lastActiveAt: a.agent.lastActiveAt }));
  }

  /**
   * After a restart: each job a spooler held is asked about (the way the agent asks while it
   * follows one): completed → printed; still queued or printing → may still print, followed to its
   * end; cancelled or gone → failed. A job whose spooler the hub cannot ask any more is interrupted.
   */
  private resume(): void {
    for (const job of this.printing.spooledInFlight()) {
      const printer = this.printing.printerOf(job.deviceId);
      const following = printer && job.spoolerJob ? resumeSpooled(printer, job.spoolerJob, this.spooler) : null;
      if (!following || job.deviceId === null) {
        this.printing.interrupted(job.id);
        continue;
      }
      const deviceId = job.deviceId;
      const report = (r: Parameters<typeof reportOf>[0]) => {
        if (this.stopped) return;
        const done = reportOf(r);
        this.printing.report(deviceId, job.id, done.status, done.status === 'failed' ? done.reason : undefined, false);
      };
      this.log.info({ jobId: job.id, spoolerJob: job.spoolerJob }, 'asking the spooler what became of a job held before the restart');
      void following
        .then(async (first) => {
          if (first.status !== 'uncertain') return report(first);
          if (!this.stopped) this.printing.stillHeld(job.id);
          const final = await first.settled;
          if (final) report(final);
          else this.log.warn({ jobId: job.id }, 'the spooler never said what became of the job');
        })
        .catch((err: unknown) => this.log.error({ jobId: job.id, err: messageOf(err) }, 'print job result lost'));
    }
  }

  /** Starts, restarts or stops agents to match the devices' printer settings. */
  sync(): void {
    if (!this.resumed) {
      this.resumed = true;
      this.resume();
    }
    const wanted = new Map<number, string>();
    for (const d of devicesWithPrinters(this.db)) {
      const p = this.printing.printerOf(d.id);
      if (p?.attachedTo === 'hub') wanted.set(d.id, JSON.stringify(p));
    }
    for (const [id, running] of this.agents) {
      if (wanted.get(id) !== running.key) {
        void running.agent.stop();
        this.agents.delete(id);
      }
    }
    for (const [id, key] of wanted) {
      if (this.agents.has(id)) continue;
      const queue: PrintQueue = {
        claim: (waitMs) => this.printing.claim(id, waitMs),
        spooled: (jobId, spoolerJob) => this.printing.spooled(id, jobId, spoolerJob),
        report: async (jobId, r) =>
          this.printing.report(
            id,
            jobId,
            r.status,
            r.status === 'failed' ? r.reason : undefined,
            r.status === 'printed' ? r.confirmed : true,
            r.status === 'printed' && r.paperLow === true,
          ),
      };
      const agent = new PrintAgent(queue, `device ${id}`, this.log, undefined, this.spooler);
      this.log.info({ deviceId: id }, 'print agent started');
      agent.start();
      this.agents.set(id, { agent, key });
    }
  }

  async stopAll(): Promise<void> {
    this.stopped = true;
    await Promise.all([...this.agents.values()].map((a) => a.agent.stop()));
    this.agents.clear();
  }
}
