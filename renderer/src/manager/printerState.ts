// What the printer panel shows and sends, apart from its markup: the status in words, the form's
// settings cleaned for their connection, the prints a manager should look at.
import { printFaultLabel, printFaultOf, type Device, type ListedPrintJob, type PrinterConfig } from '../../../main/contract/index.ts';
import type { Lang } from '../api.ts';
import { managerText } from './managerText.ts';

export function printerStatusText(d: Device, lang: Lang): string {
  if (!d.printer) return managerText.noPrinter[lang];
  if (!d.printerStatus) return managerText.notUsedYet[lang];
  // A spooler takes the job and says nothing of paper or cover: never "ready" as if that were known.
  if (d.printerStatus.ok) return (d.printer.transport === 'spooler' ? managerText.sentThroughSpooler : managerText.ready)[lang];
  return printFaultLabel[printFaultOf(d.printerStatus.fault)][lang];
}

/** The form's settings without what its connection does not use (a spooler keeps host and port: the CUPS server). */
export function cleanedPrinter(cfg: PrinterConfig): PrinterConfig {
  return {
    ...cfg,
    ...(cfg.transport === 'tcp'
      ? { path: undefined, baudRate: undefined, queue: undefined }
      : cfg.transport === 'spooler'
        ? { path: undefined, baudRate: undefined, host: cfg.host?.trim() || undefined, port: cfg.host?.trim() ? cfg.port : undefined }
        : cfg.transport === 'usb-raw'
          ? { path: undefined, baudRate: undefined, host: undefined, port: undefined, queue: undefined }
          : { host: undefined, port: undefined, queue: undefined }),
    ...(cfg.transport === 'usb-raw' ? {} : { usbVendorId: undefined, usbProductId: undefined }),
  };
}

/** The prints a manager should look at: failed, sent but unconfirmed, or still possibly printing. */
export function printsToCheck(jobs: readonly ListedPrintJob[]): ListedPrintJob[] {
  return jobs.filter((j) => j.status === 'failed' || j.status === 'uncertain' || (j.status === 'printed' && !j.confirmed)).slice(0, 10);
}
