// Following a ticket's print job: the hub journals every result (print:printed / print:failed on
// this kiosk's printer topic), so the kiosk learns it from the live stream like everything else.
// When the stream is down it asks the hub directly; past the time a citizen waits, it says so.
import { useCallback, useRef } from 'react';
import { printFaultOf, type PrintFault } from '../../../main/contract/enums.ts';
import { isPrintEvent } from '../../../main/contract/eventGuards.ts';
import type { JournalEvent, PrintJob } from '../../../main/contract/index.ts';
import { api } from '../api.ts';

export type PrintState =
  | { kind: 'printing'; jobId: number }
  /** `confirmed` false: sent through the OS spooler, which cannot say it printed. */
  | { kind: 'printed'; confirmed: boolean }
  | { kind: 'failed'; reason: PrintFault | 'unconfirmed'; jobId: number }
  /** Past the wait, still queued, printing or held by a spooler: it may come out, so no reprint yet. */
  | { kind: 'may-print'; jobId: number }
  | { kind: 'no-printer' };

export const PRINT_WAIT_MS = 20_000;

function stateOf(job: PrintJob): PrintState | null {
  if (job.status === 'printed') return { kind: 'printed', confirmed: job.confirmed };
  if (job.status === 'failed') return { kind: 'failed', reason: printFaultOf(job.errorCode), jobId: job.id };
  return null;
}

export interface PrintJobs {
  /**
   * Resolves when the job has ended, or with `unconfirmed` after PRINT_WAIT_MS when the hub cannot
   * be asked. A job still unsettled then is told to `onWaiting` as `may-print` and followed on.
   */
  follow: (jobId: number, streamOnline: boolean, onWaiting?: (s: PrintState) => void) => Promise<PrintState>;
  /** Feed the kiosk's live events here. */
  onEvents: (events: readonly JournalEvent[]) => void;
}

export function usePrintJobs(token: string | null): PrintJobs {
  const waiters = useRef(new Map<number, (s: PrintState) => void>());
  // A fast printer can answer before the kiosk has the answer: results wait here briefly.
  const ended = useRef(new Map<number, PrintState>());

  const onEvents = useCallback((events: readonly JournalEvent[]) => {
    for (const e of events) {
      if (!isPrintEvent(e)) continue;
      const s = stateOf(e.data.job);
      if (!s) continue;
      const waiter = waiters.current.get(e.data.job.id);
      if (waiter) waiter(s);
      else {
        ended.current.set(e.data.job.id, s);
        const [oldest] = ended.current.keys();
        if (ended.current.size > 20 && oldest !== undefined) ended.current.delete(oldest);
      }
    }
  }, []);

  const follow = useCallback(
    (jobId: number, streamOnline: boolean, onWaiting?: (s: PrintState) => void): Promise<PrintState> => {
      const known = ended.current.get(jobId);
      if (known) return Promise.resolve(known);
      return new Promise<PrintState>((resolve) => {
        let settled = false;
        const finish = (s: PrintState) => {
          if (settled) return;
          settled = true;
          waiters.current.delete(jobId);
          clearTimeout(timer);
          resolve(s);
        };
        waiters.current.set(jobId, finish);
        const ask = async (waitMs: number): Promise<PrintState | null> => {
          if (!token) return null;
          const job = await api('print:get', { id: jobId, waitMs }, token).catch(() => null);
          return job && stateOf(job);
        };
        const timer = setTimeout(() => {
          void (async () => {
            const job = token ? await api('print:get', { id: jobId, waitMs: 0 }, token).catch(() => null) : null;
            if (!job || stateOf(job)) return finish((job && stateOf(job)) ?? { kind: 'failed', reason: 'unconfirmed', jobId });
            // Queued, printing, or held by a spooler: it may still come out. Say so and follow it on.
            onWaiting?.({ kind: 'may-print', jobId });
            for (let i = 0; i < 120 && !settled; i++) {
              const s = await ask(8000);
              if (s) return finish(s);
              if (!settled) await new Promise((r) => setTimeout(r, 2000));
            }
          })();
        }, PRINT_WAIT_MS);
        if (!streamOnline) {
          // No stream to tell us: ask the hub, which answers as soon as the job ends.
          void (async () => {
            const deadline = Date.now() + PRINT_WAIT_MS - 1000;
            while (!settled && Date.now() < deadline) {
              const s = await ask(Math.min(8000, deadline - Date.now()));
              if (s) return finish(s);
              if (!settled) await new Promise((r) => setTimeout(r, 1000));
            }
          })();
        }
      });
    },
    [token],
  );

  return { follow, onEvents };
}
