// The device that owns a printer: takes its print jobs from the hub, renders and sends each,
// and reports printed or failed with the printer's reason. Runs in the hub for printers the hub
// reaches (network, or USB on the hub PC) and in a kiosk's Electron app for its own printer.
import type { PrintClaim, PrinterConfig, PrintFault, PrintJob } from '../contract/index.ts';
import { printJob, defaultDriverOptions, type DriverOptions, type PrintResult } from '../../hardware/printer/driver.ts';
import { renderTicket } from '../../hardware/printer/render.ts';
import type { PrinterTransport } from '../../hardware/printer/transport.ts';
import { DeviceFileTransport } from '../../hardware/printer/deviceFileTransport.ts';
import { SerialTransport } from '../../hardware/printer/serialTransport.ts';
import { TcpTransport } from '../../hardware/printer/tcpTransport.ts';
import {
  SpoolerTransport,
  defaultSpoolerOptions,
  resumeThroughSpooler,
  type SpoolerOptions,
} from '../../hardware/printer/spoolerTransport.ts';
import { UsbTransport } from '../../hardware/printer/usbTransport.ts';
import type { Log } from '../base/log.ts';
import { messageOf } from '../base/errors.ts';
import { backoffMs } from '../base/time.ts';

/** The hub as the agent sees it: in-process or over HTTP. */
export interface PrintQueue {
  claim(waitMs: number): Promise<PrintClaim>;
  report(
    jobId: number,
    result:
      | { status: 'printed'; confirmed: boolean; paperLow?: boolean }
      | { status: 'failed'; reason: PrintFault }
      /** A spooler still holds the job and may print it: reported again once it knows. */
      | { status: 'uncertain' },
  ): Promise<PrintJob | unknown>;
  /**
   * The spooler's id for a job it now holds, kept with the job so a hub restarted meanwhile asks
   * the spooler what became of it. Only the hub's own agents have it (a kiosk app's agent outlives
   * a hub restart and reports itself).
   */
  spooled?(jobId: number, spoolerJob: string): unknown;
}

/** The spooler's deadlines (tests shorten them; see spoolerTransport.ts). */
export type SpoolerTimes = Partial<Pick<SpoolerOptions, 'uncertainAfterMs' | 'giveUpMs' | 'pollMs'>>;

export function transportFor(p: PrinterConfig, spooler: SpoolerTimes = {}): PrinterTransport | SpoolerTransport {
  switch (p.transport) {
    case 'tcp':
      return new TcpTransport(configured(p.host, 'host'), p.port ?? 9100);
    case 'usb':
      return new DeviceFileTransport(configured(p.path, 'path'));
    case 'serial':
      return new SerialTransport(configured(p.path, 'path'), p.baudRate ?? 9600);
    case 'spooler':
      return new SpoolerTransport(
        { queue: configured(p.queue, 'queue'), server: p.host ? `${p.host}:${p.port ?? 631}` : undefined },
        { ...defaultSpoolerOptions, ...spooler },
      );
    case 'usb-raw':
      return new UsbTransport({
        vendorId: configured(p.usbVendorId, 'usbVendorId'),
        productId: configured(p.usbProductId, 'usbProductId'),
      });
  }
}

/** A field the printer's transport needs: PrinterConfig's schema refuses a configuration without it. */
function configured<T>(value: T | undefined, field: keyof PrinterConfig): T {
  if (value === undefined) throw new Error(`printer: ${field} is not set`);
  return value;
}

export async function printClaimed(
  claim: Pick<Extract<PrintClaim, { job: PrintJob }>, 'ticket' | 'printer'>,
  opts: DriverOptions = defaultDriverOptions,
  spooler: SpoolerTimes = {},
  onSpooled: ((spoolerJob: string) => void) | null = null,
): Promise<PrintResult> {
  const rendered = renderTicket(claim.ticket, claim.printer);
  // A printer still printing is given the time its paper takes at its speed (the manager's setting, else a safe one).
  const speedMmPerSec = claim.printer.speedMmPerSec ?? opts.speedMmPerSec;
  const transport = transportFor(claim.printer, spooler);
  if (transport instanceof SpoolerTransport) transport.onSpooled = onSpooled;
  return printJob(transport, { bytes: rendered.bytes, paperDots: rendered.paperDots }, { ...opts, speedMmPerSec });
}

/**
 * What became of a job the printer's spooler was given before the hub restarted (`spoolerJob`, its
 * id there): asked of the spooler, and followed while it still holds it. Null when the printer is
 * not a spooler the hub itself reaches (nobody here can ask).
 */
export function resumeSpooled(printer: PrinterConfig, spoolerJob: string, spooler: SpoolerTimes = {}): Promise<PrintResult> | null {
  if (printer.transport !== 'spooler' || printer.attachedTo !== 'hub') return null;
  const transport = transportFor(printer, spooler);
  return transport instanceof SpoolerTransport ? resumeThroughSpooler(transport, spoolerJob) : null;
}

export function reportOf(
  result: Exclude<PrintResult, { status: 'uncertain' }>,
): { status: 'printed'; confirmed: boolean; paperLow: boolean } | { status: 'failed'; reason: PrintFault } {
  return result.status === 'printed'
    ? { status: 'printed', confirmed: result.after !== null, paperLow: result.after?.paperNearEnd ?? false }
    : result;
}

export class PrintAgent {
  private running = false;
  private loop: Promise<void> | null = null;

  /** When the loop last asked for work: an agent that stops asking is dead (see /api/health). */
  lastActiveAt = 0;

  constructor(
    private readonly queue: PrintQueue,
    private readonly name: string,
    private readonly log: Log,
    private readonly opts: DriverOptions = defaultDriverOptions,
    private readonly spooler: SpoolerTimes = {},
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  /** A late result, reported apart from the loop: the hub may be away for a moment (a kiosk app's agent). */
  private async reportWithRetry(jobId: number, result: Exclude<PrintResult, { status: 'uncertain' }>): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.queue.report(jobId, reportOf(result));
        return;
      } catch (err) {
        if (attempt >= 10) throw err;
        await new Promise((r) => setTimeout(r, backoffMs(attempt)));
      }
    }
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        this.lastActiveAt = Date.now();
        const claim = await this.queue.claim(1000); // short polls: stop() returns within a second
        this.lastActiveAt = Date.now();
        if (!claim.job) continue;
        const job = claim.job;
        const result = await printClaimed(claim, this.opts, this.spooler, (spoolerJob) => {
          Promise.resolve()
            .then(() => this.queue.spooled?.(job.id, spoolerJob))
            .catch((err: unknown) => this.log.warn({ agent: this.name, jobId: job.id, err: messageOf(err) }, 'spooler job id not kept'));
        });
        if (result.status === 'uncertain') {
          // Held by a spooler that may still print it: never failed now, and the next ticket is not
          // kept waiting; the spooler's final word is reported when it comes.
          this.log.warn({ agent: this.name, jobId: job.id, ticketId: job.ticketId, detail: result.detail }, 'print job may still print');
          await this.queue.report(job.id, { status: 'uncertain' });
          void result.settled
            .then(async (final) => {
              if (!final) return this.log.warn({ agent: this.name, jobId: job.id }, 'the spooler never said what became of the job');
              this.log.info({ agent: this.name, jobId: job.id, ticketId: job.ticketId, ...final }, 'print job settled');
              await this.reportWithRetry(job.id, final);
            })
            .catch((err: unknown) => this.log.error({ agent: this.name, jobId: job.id, err: messageOf(err) }, 'print job result lost'));
          failures = 0;
          continue;
        }
        this.log.info({ agent: this.name, jobId: job.id, ticketId: job.ticketId, ...result }, 'print job sent');
        await this.queue.report(job.id, reportOf(result));
        failures = 0;
      } catch (err) {
        if (!this.running) break;
        // The hub away (a kiosk app's agent) or a bug: said once per attempt, with longer waits.
        const wait = backoffMs(failures++);
        this.log.error({ agent: this.name, err: messageOf(err), retryInMs: wait }, 'print agent failed; retrying');
        await new Promise((r) => setTimeout(r, wait));
      }
    }
  }
}
