// The print agents the hub runs itself: one per device whose printer it can reach.
import type { Db } from '../../db/open.ts';
import { devicesWithPrinters } from '../../db/devices.ts';
import { PrintAgent, type PrintQueue, type SpoolerTimes } from './printAgent.ts';
import type { PrintService } from './printing.ts';
import type { Log } from '../base/log.ts';

export class HubPrintAgents {
  private readonly agents = new Map<number, { agent: PrintAgent; key: string }>();

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

  /** Starts, restarts or stops agents to match the devices' printer settings. */
  sync(): void {
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
    await Promise.all([...this.agents.values()].map((a) => a.agent.stop()));
    this.agents.clear();
  }
}
