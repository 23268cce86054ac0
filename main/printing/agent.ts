// The device that owns a printer: takes its print jobs from the hub, renders and sends each,
// and reports printed or failed with the printer's reason. Runs in the hub for printers the hub
// reaches (network, or USB on the hub PC) and in a kiosk's Electron app for its own printer.
import type { PrintClaim, PrinterConfig, PrintFault, PrintJob } from '../contract/index.ts';
import { printJob, defaultDriverOptions, type DriverOptions, type PrintResult } from '../../hardware/printer/driver.ts';
import { renderTicket } from '../../hardware/printer/render.ts';
import { DeviceFileTransport, SerialTransport, TcpTransport, type PrinterTransport } from '../../hardware/printer/transports.ts';

/** The hub as the agent sees it: in-process or over HTTP. */
export interface PrintQueue {
  claim(waitMs: number): Promise<PrintClaim>;
  report(jobId: number, result: { status: 'printed' } | { status: 'failed'; reason: PrintFault }): Promise<PrintJob | unknown>;
}

export function transportFor(p: PrinterConfig): PrinterTransport {
  switch (p.transport) {
    case 'tcp': return new TcpTransport(p.host!, p.port ?? 9100);
    case 'usb': return new DeviceFileTransport(p.path!);
    case 'serial': return new SerialTransport(p.path!, p.baudRate ?? 9600);
  }
}

export async function printClaimed(claim: Extract<PrintClaim, { job: PrintJob }>, opts: DriverOptions = defaultDriverOptions): Promise<PrintResult> {
  const rendered = renderTicket(claim.ticket, claim.printer);
  return printJob(transportFor(claim.printer), rendered.bytes, opts);
}

export class PrintAgent {
  private running = false;
  private loop: Promise<void> | null = null;

  constructor(private readonly queue: PrintQueue, private readonly name: string, private readonly opts: DriverOptions = defaultDriverOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        const claim = await this.queue.claim(1000); // short polls: stop() returns within a second
        if (!claim.job) continue;
        const result = await printClaimed(claim, this.opts);
        await this.queue.report(claim.job.id, result.status === 'printed' ? { status: 'printed' } : result);
      } catch (err) {
        if (!this.running) break;
        console.error(`print agent ${this.name}:`, (err as Error).message);
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  }
}
