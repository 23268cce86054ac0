// Print jobs: born with their ticket, claimed by the device that owns the printer (long poll),
// finished with the printer's answer. A failed job never blocks the next one; a reprint is a
// new job for the same ticket.
import {
  PrinterConfig,
  defaultPrinterConfig,
  type PaperWidthDots,
  type Device,
  type PrintClaim,
  type PrintFault,
  type PrintJob,
  type ListedPrintJob,
  TicketStatus,
  type TicketLang,
  type TicketPrintData,
} from '../contract/index.ts';
import type { Db } from '../../db/open.ts';
import {
  claimNextJob,
  countJobsForTicket,
  failStuckJobs,
  finishJob,
  getPrintJob,
  insertPrintJob,
  recentJobs,
  setSpoolerJob,
  spooledJobsInFlight,
  unsettledJobForTicket,
  type PrintJobRecord,
} from '../../db/printJobs.ts';
import { getDevice, setPrinterConfig, setPrinterStatus } from '../../db/devices.ts';
import { deviceToWire, printJobToWire } from '../store/toWire.ts';
import { getField, listFields } from '../../db/fields.ts';
import { renderTicket } from '../../hardware/printer/render.ts';
import type { TicketPrintData as PrinterTicket } from '../../hardware/printer/layout.ts';
import { bitmapToPng } from '../../hardware/printer/raster.ts';
import { getTicket, type TicketRecord } from '../../db/tickets.ts';
import { HubError } from '../base/errors.ts';
import type { QueueEngine } from '../queue/engine.ts';
import type { Journal } from '../store/journal.ts';
import type { SettingsStore } from '../store/settings.ts';
import { ticketCode, ticketQrPayload } from '../queue/ticketCode.ts';
import type { Clock } from '../base/time.ts';
import type { Log } from '../base/log.ts';
import { printClaimed } from './printAgent.ts';

const MAX_JOBS_PER_TICKET = 5;
/**
 * Longer than any job can take (six status reads of 1.5 s, a raster job and the write timeout):
 * a job still 'printing' after this has lost its agent.
 */
export const STUCK_JOB_MS = 2 * 60_000;
/**
 * How long a job a spooler still held (`uncertain`) holds back a reprint after its last word: longer
 * than the agent follows it (spoolerTransport's giveUpMs), so past this nobody is watching it.
 */
export const UNCERTAIN_HOLD_MS = 5 * 60_000;

/**
 * The ticket as the wire carries it (contract) and as the printer takes it (hardware/printer/layout.ts)
 * are one shape. Neither folder may import the other, so this is where they meet: it stops
 * compiling the day either one drifts.
 */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const _sameTicket: Same<TicketPrintData, PrinterTicket> = true;

export class PrintService {
  private readonly jobWaiters = new Map<number, Set<() => void>>();
  private readonly resultWaiters = new Map<number, Set<() => void>>();
  private closed = false;

  constructor(
    private readonly db: Db,
    private readonly journal: Journal,
    private readonly engine: QueueEngine,
    private readonly settings: SettingsStore,
    private readonly clock: Clock,
    private readonly log: Log,
    /** Signs the code in each ticket's QR (store/hubSecret.ts). */
    private readonly secret: string,
  ) {
    // A job 'printing' at start was cut off when the hub (and its agents) stopped; one a spooler
    // held is not: its spooler is asked what became of it (HubPrintAgents resumes it).
    this.recoverStuck(Number.MAX_SAFE_INTEGER, 'interrupted', true);
    this.sweeper = setInterval(() => {
      try {
        this.recoverStuck(this.clock() - STUCK_JOB_MS, 'interrupted');
      } catch (err) {
        // A disk that takes no writes (STORAGE_UNAVAILABLE): the next sweep tries again.
        this.log.warn({ err }, 'failing stuck print jobs was refused; retrying at the next sweep');
      }
    }, 30_000);
    this.sweeper.unref();
  }

  private readonly sweeper: NodeJS.Timeout;

  /** Fails the jobs left 'printing' (see failStuckJobs); the manager sees them and can reprint. */
  recoverStuck(before: number, reason: PrintFault, keepSpooled = false): number[] {
    const ids = this.journal.write(() => {
      const failed = failStuckJobs(this.db, before, reason, this.clock(), keepSpooled);
      // the rows exist: failStuckJobs has just updated them in this same transaction
      for (const id of failed) this.recordResult(getPrintJob(this.db, id)!);
      return failed;
    });
    if (ids.length > 0) this.log.warn({ jobIds: ids, reason }, 'print jobs left printing were failed');
    return ids;
  }

  /** The device's printer settings, or null when it has none (then no job is made). */
  printerOf(deviceId: number | null): PrinterConfig | null {
    if (deviceId === null) return null;
    const raw = getDevice(this.db, deviceId)?.printer;
    const parsed = raw ? PrinterConfig.safeParse(raw) : null;
    return parsed?.success ? parsed.data : null;
  }

  /** A manager sets (or removes, with null) a device's printer. */
  setPrinter(deviceId: number, printer: PrinterConfig | null, staffId: number | null): Device {
    return this.journal.write(() => {
      if (!getDevice(this.db, deviceId)) throw new HubError('DEVICE_NOT_FOUND');
      setPrinterConfig(this.db, deviceId, printer);
      this.journal.record('config:changed', { deviceId, staffId }, { entity: 'device', id: deviceId, action: 'updated' });
      // the row exists: found above in this same transaction
      return deviceToWire(getDevice(this.db, deviceId)!);
    });
  }

  /** Wake a device's waiting claim once the current write batch is durable. */
  jobQueued(deviceId: number): void {
    void this.journal.settled().then(
      () => wake(this.jobWaiters, deviceId),
      () => undefined,
    );
  }

  /** Long poll: the oldest pending job of the device, waiting up to waitMs (real time) for one. */
  async claim(deviceId: number, waitMs: number): Promise<PrintClaim> {
    const deadline = Date.now() + waitMs;
    for (;;) {
      if (this.closed) return { job: null };
      const claimed = this.journal.write(() => {
        const job = claimNextJob(this.db, deviceId, this.clock());
        if (!job) return null;
        const printer = this.printerOf(deviceId);
        if (!printer) {
          finishJob(this.db, job.id, 'failed', 'not_configured', this.clock());
          return 'retry' as const;
        }
        return {
          job: printJobToWire(job),
          ticket: this.printData(job.ticketId, { lang: job.lang, reprintAt: job.reprintOf === null ? null : this.clock() }),
          printer,
        };
      });
      if (claimed === 'retry') continue;
      if (claimed) {
        await this.journal.settled();
        return claimed;
      }
      const left = deadline - Date.now();
      if (left <= 0) return { job: null };
      await waitFor(this.jobWaiters, deviceId, left);
    }
  }

  /** The hub is stopping: every waiting claim and job watcher answers now. */
  close(): void {
    this.closed = true;
    clearInterval(this.sweeper);
    for (const map of [this.jobWaiters, this.resultWaiters]) for (const key of [...map.keys()]) wake(map, key);
  }

  /**
   * `confirmed` false: sent through a spooler, which cannot say whether it printed. `uncertain`: the
   * spooler still holds the job and may print it; its agent reports printed or failed when it knows.
   */
  report(
    deviceId: number,
    jobId: number,
    status: 'printed' | 'failed' | 'uncertain',
    reason: PrintFault | undefined,
    confirmed = true,
    paperLow = false,
  ): PrintJob {
    const job = this.journal.write(() => {
      const j = getPrintJob(this.db, jobId);
      if (!j || j.deviceId !== deviceId) throw new HubError('NOT_FOUND');
      if (status === 'uncertain') {
        // Neither printed nor failed; the printer's last known status stays as it was.
        if (j.status !== 'printing') throw new HubError('CONFLICT');
        finishJob(this.db, jobId, 'uncertain', null, this.clock(), false);
        // the row exists: found above in this same transaction
        return getPrintJob(this.db, jobId)!;
      }
      finishJob(this.db, jobId, status, status === 'failed' ? (reason ?? 'error') : null, this.clock(), confirmed);
      this.setStatus(deviceId, status === 'printed', status === 'failed' ? (reason ?? 'error') : null, paperLow);
      // the row exists: found above in this same transaction
      const done = getPrintJob(this.db, jobId)!;
      this.recordResult(done);
      return done;
    });
    void this.journal.settled().then(
      () => wake(this.resultWaiters, jobId),
      () => undefined,
    );
    const line = { deviceId, jobId, ticketId: job.ticketId, status, reason: job.errorCode, confirmed };
    if (status === 'printed') this.log.info(line, confirmed ? 'ticket printed' : 'ticket sent to the spooler');
    else if (status === 'uncertain') this.log.warn(line, 'the spooler still holds the ticket: it may still print');
    else this.log.warn(line, 'ticket not printed');
    return printJobToWire(job);
  }

  /** The spooler now holds the job, under this id: kept, so a restarted hub can ask about it. */
  spooled(deviceId: number, jobId: number, spoolerJob: string): void {
    this.journal.write(() => {
      const j = getPrintJob(this.db, jobId);
      if (!j || j.deviceId !== deviceId) throw new HubError('NOT_FOUND');
      setSpoolerJob(this.db, jobId, spoolerJob, this.clock());
    });
  }

  /** Jobs a spooler held when the hub stopped, not yet known printed or failed. */
  spooledInFlight(): PrintJobRecord[] {
    return spooledJobsInFlight(this.db);
  }

  /**
   * A job a spooler held across a restart and still holds: it may still print, so a reprint waits;
   * its last word is now (`UNCERTAIN_HOLD_MS` counts from here), as it is being followed again.
   */
  stillHeld(jobId: number): void {
    this.journal.write(() => {
      const j = getPrintJob(this.db, jobId);
      if (j && (j.status === 'printing' || j.status === 'uncertain')) finishJob(this.db, jobId, 'uncertain', null, this.clock(), false);
    });
    this.log.warn({ jobId }, 'after a restart the spooler still holds the ticket: it may still print');
  }

  /** A job left with a spooler nobody here can ask (the printer's settings changed): failed as interrupted. */
  interrupted(jobId: number): void {
    this.journal.write(() => {
      const j = getPrintJob(this.db, jobId);
      if (!j || (j.status !== 'printing' && j.status !== 'uncertain')) return;
      finishJob(this.db, jobId, 'failed', 'interrupted', this.clock());
      // the row exists: found above in this same transaction
      this.recordResult(getPrintJob(this.db, jobId)!);
    });
  }

  reportStatus(deviceId: number, ok: boolean, fault: PrintFault | null, paperLow = false): void {
    this.journal.write(() => this.setStatus(deviceId, ok, fault, paperLow));
  }

  /** Stores the printer's state; a change (a fault, or ready again) is journaled for the screens that follow it. */
  private setStatus(deviceId: number, ok: boolean, fault: PrintFault | null, paperLow: boolean): void {
    const before = getDevice(this.db, deviceId)?.printerStatus ?? null;
    setPrinterStatus(this.db, deviceId, { ok, fault, paperLow }, this.clock());
    if (before !== null && before.ok === ok && before.fault === fault && (before.paperLow ?? false) === paperLow) return;
    this.journal.record('printer:status-changed', { deviceId }, { deviceId, ok, fault, paperLow });
  }

  /** A job that ended, for the kiosk waiting on it, the manager's screens and the audit. */
  private recordResult(job: PrintJobRecord): void {
    if (job.status !== 'printed' && job.status !== 'failed') return;
    this.journal.record(
      job.status === 'printed' ? 'print:printed' : 'print:failed',
      { ticketId: job.ticketId, deviceId: job.deviceId },
      { job: printJobToWire(job) },
    );
  }

  /** A job's state; with waitMs, answers as soon as it is printed or failed. */
  async get(jobId: number, deviceId: number | null, waitMs: number): Promise<PrintJob> {
    const read = () => {
      const j = getPrintJob(this.db, jobId);
      if (!j || (deviceId !== null && j.deviceId !== deviceId)) throw new HubError('NOT_FOUND');
      return j;
    };
    let job = read();
    if (waitMs > 0 && (job.status === 'pending' || job.status === 'printing')) {
      await waitFor(this.resultWaiters, jobId, waitMs);
      job = read();
    }
    return printJobToWire(job);
  }

  reprint(jobId: number, deviceId: number | null): PrintJob {
    const job = this.journal.write(() => {
      const old = getPrintJob(this.db, jobId);
      if (!old || (deviceId !== null && old.deviceId !== deviceId)) throw new HubError('NOT_FOUND');
      // A job that may still come out (queued, printing, or held by a spooler) would make two tickets.
      if (unsettledJobForTicket(this.db, old.ticketId, this.clock() - UNCERTAIN_HOLD_MS)) throw new HubError('PRINT_MAY_STILL_PRINT');
      if (countJobsForTicket(this.db, old.ticketId) >= MAX_JOBS_PER_TICKET) throw new HubError('CONFLICT');
      const id = insertPrintJob(this.db, old.ticketId, old.deviceId, this.clock(), { lang: old.lang, reprintOf: old.reprintOf ?? old.id });
      // the row exists: inserted just above in this same transaction
      return getPrintJob(this.db, id)!;
    });
    if (job.deviceId !== null) this.jobQueued(job.deviceId);
    return printJobToWire(job);
  }

  recent(deviceId: number | null): ListedPrintJob[] {
    return recentJobs(this.db, deviceId, 50).map((j) => ({
      ...printJobToWire(j),
      ticketNumber: j.ticketNumber,
      ticketStatus: TicketStatus.parse(j.ticketStatus),
    }));
  }

  /** What the ticket says, with the queue as it is now (a reprint says so, and when). */
  printData(ticketId: number, opts: { lang: TicketLang; reprintAt: number | null } = { lang: 'vi', reprintAt: null }): TicketPrintData {
    const t = getTicket(this.db, ticketId);
    if (!t) throw new HubError('TICKET_NOT_FOUND');
    return this.compose(t, opts);
  }

  /**
   * Prints the sample ticket, marked as a test, on a printer as the manager has just set it up
   * (saved or not): the hub must reach it itself, so a printer the kiosk app drives is tested there.
   */
  async testPrint(
    printer: PrinterConfig,
  ): Promise<{ printed: boolean; fault: PrintFault | null; paperLow: boolean; speedMmPerSec: number | null }> {
    if (printer.attachedTo === 'device') throw new HubError('PRINT_TEST_ON_KIOSK');
    const ticket = { ...this.sample(), header: 'IN THỬ · TEST PRINT', details: ['Đây là phiếu in thử, không dùng để xếp hàng.'] };
    const first = await printClaimed({ ticket, printer });
    // A spooler that still holds the test: wait for its word (bounded by the spooler's give-up time).
    const result =
      first.status === 'uncertain' ? ((await first.settled) ?? { status: 'failed' as const, reason: 'timeout' as const }) : first;
    this.log.info({ transport: printer.transport, result: result.status }, 'test print');
    return result.status === 'printed'
      ? { printed: true, fault: null, paperLow: result.after?.paperNearEnd ?? false, speedMmPerSec: result.speedMmPerSec ?? null }
      : { printed: false, fault: result.reason, paperLow: false, speedMmPerSec: null };
  }

  /** A sample ticket (number 1023, priority, the first field) as the printer would print it today. */
  preview(widthDots: PaperWidthDots): { png: string; lengthMm: number } {
    const job = renderTicket(this.sample(), { ...defaultPrinterConfig, widthDots });
    return { png: bitmapToPng(job.bitmap).toString('base64'), lengthMm: Math.round(job.paperDots / 8) /* 203 dpi: 8 dots a millimetre */ };
  }

  private sample(): TicketPrintData {
    const now = this.clock();
    return this.compose({
      id: 1,
      serviceDay: this.engine.serviceDay(now),
      number: 1023,
      fieldId: listFields(this.db)[0]?.id ?? 1,
      priority: true,
      issuedAt: now,
    });
  }

  /** Vietnamese, and English beside it when the citizen chose English at the kiosk. */
  compose(
    /** A stored ticket, or the sample: only what a slip shows, with nobody ahead. */
    t: TicketRecord | Pick<TicketRecord, 'id' | 'serviceDay' | 'number' | 'fieldId' | 'priority' | 'issuedAt'>,
    opts: { lang: TicketLang; reprintAt: number | null } = { lang: 'vi', reprintAt: null },
  ): TicketPrintData {
    const s = this.settings.get();
    const en = opts.lang === 'en';
    const field = getField(this.db, t.fieldId);
    const full = 'status' in t ? this.engine.withWait(t) : { peopleAhead: 0, estimatedWaitMin: 0 };
    const stamp = (ms: number) =>
      new Intl.DateTimeFormat('vi-VN', {
        timeZone: s.timezone,
        hour: '2-digit',
        minute: '2-digit',
        day: '2-digit',
        month: '2-digit',
        year: 'numeric',
        hourCycle: 'h23',
      })
        .formatToParts(ms)
        .reduce<Record<string, string>>((a, p) => ({ ...a, [p.type]: p.value }), {});
    const when = stamp(t.issuedAt);
    const at = `${when.hour}:${when.minute} ngày ${when.day}/${when.month}/${when.year}`;
    const details = [`Lấy số lúc ${at}`];
    if (en) details.push(`Issued at ${when.hour}:${when.minute}, ${when.day}/${when.month}/${when.year}`);
    if ('status' in t && t.status !== 'waiting') {
      details.push('Số này đã được gọi', ...(en ? ['This number has been called'] : []));
    } else if (full.peopleAhead === 0) {
      details.push('Không có ai chờ trước quý công dân', ...(en ? ['Nobody is waiting before you'] : []));
    } else {
      details.push(`Số người chờ trước: ${full.peopleAhead}`, ...(en ? [`People ahead of you: ${full.peopleAhead}`] : []));
      // The same rule as every screen (engine.ts waitMinutes): no minutes while no counter serving the field is open.
      const m = full.estimatedWaitMin;
      details.push(
        m === null ? 'Chưa có quầy nào mở cho lĩnh vực này' : `Thời gian chờ dự kiến: khoảng ${m} phút`,
        ...(en ? [m === null ? 'No counter is open for this service yet' : `Expected wait: about ${m} min`] : []),
      );
    }
    let reprintLabel: string | null = null;
    if (opts.reprintAt !== null) {
      const r = stamp(opts.reprintAt);
      reprintLabel = `IN LẠI lúc ${r.hour}:${r.minute} ${r.day}/${r.month}/${r.year}${en ? ' · REPRINT' : ''}`;
    }
    return {
      centerName: s.centerName,
      header: s.ticketHeader,
      fieldName: field?.nameVi ?? '',
      fieldNameEn: en ? (field?.nameEn ?? null) : null,
      number: t.number,
      priorityLabel: t.priority ? (en ? 'ƯU TIÊN · PRIORITY' : 'ƯU TIÊN') : null,
      details,
      qrPayload: ticketQrPayload(ticketCode(this.secret, t), s.phoneBaseUrl),
      footer: en ? `${s.ticketFooter} Please wait until your number is called. Thank you.` : s.ticketFooter,
      reprintLabel,
    };
  }
}

function waitFor(map: Map<number, Set<() => void>>, key: number, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const set = map.get(key) ?? new Set();
    map.set(key, set);
    const done = () => {
      clearTimeout(timer);
      set.delete(done);
      if (set.size === 0) map.delete(key);
      resolve();
    };
    const timer = setTimeout(done, ms);
    set.add(done);
  });
}

function wake(map: Map<number, Set<() => void>>, key: number): void {
  for (const w of [...(map.get(key) ?? [])]) w();
}
