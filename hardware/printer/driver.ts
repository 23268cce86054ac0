// Prints one job: status before, the bytes, status after. Every way it can go wrong ends in a
// reason the kiosk can show; nothing here throws.
import { cmd } from './commands.ts';
import { faultOf, isStatusByte, parseStatus, type PrinterFault, type PrinterStatus } from './status.ts';
import { TransportError, type PrinterTransport } from './transport.ts';
import { SpoolerTransport, printThroughSpooler } from './spoolerTransport.ts';

/** `after` null: sent through a spooler, which gives no status back (delivered, not confirmed). */
export type PrintResult = { status: 'printed'; after: PrinterStatus | null } | { status: 'failed'; reason: PrinterFault } | UncertainPrint;

/**
 * Through a spooler only: it still holds the job and may yet print it, so it is neither printed nor
 * failed. `settled` gives what the spooler said in the end, or null when it never could say.
 */
export interface UncertainPrint {
  status: 'uncertain';
  detail: string;
  settled: Promise<Exclude<PrintResult, UncertainPrint> | null>;
}

export interface DriverOptions {
  statusTimeoutMs: number;
  /** Bytes per write: small enough that a dropped connection is noticed mid-job. */
  chunkBytes: number;
}

export const defaultDriverOptions: DriverOptions = { statusTimeoutMs: 1500, chunkBytes: 16 * 1024 };

/** Asks DLE EOT 1, 2 and 4; null when the printer does not answer in time. */
export async function readStatus(t: PrinterTransport, timeoutMs: number): Promise<PrinterStatus | null> {
  const replies: number[] = [];
  for (const n of [1, 2, 4] as const) {
    await t.write(cmd.status(n));
    let byte: number | null;
    do byte = await t.readByte(timeoutMs);
    while (byte !== null && !isStatusByte(byte)); // skip stray bytes (e.g. ASB) until a status byte
    if (byte === null) return null;
    replies.push(byte);
  }
  return parseStatus(replies[0]!, replies[1]!, replies[2]!);
}

/** The job without its final cut (GS V 66 n), and that cut: sent only once the rest has arrived. */
export function splitFinalCut(bytes: Uint8Array): { body: Uint8Array; cut: Uint8Array | null } {
  const n = bytes.length;
  if (n >= 4 && bytes[n - 4] === 0x1d && bytes[n - 3] === 0x56 && bytes[n - 2] === 66)
    return { body: bytes.subarray(0, n - 4), cut: bytes.subarray(n - 4) };
  return { body: bytes, cut: null };
}

/**
 * The guarantee: a job reported failed is never completed later. Its cut is sent only after the
 * printer has answered a status request placed after the whole picture; any failure before that
 * aborts the connection (a TCP reset, a flushed serial port), dropping what was still queued here.
 * A printer that stopped reading may still print the part it had taken in once it resumes, but
 * never cut: no second finished ticket beside the reprint the kiosk offers.
 */
export async function printJob(
  t: PrinterTransport | SpoolerTransport,
  bytes: Uint8Array,
  opts: DriverOptions = defaultDriverOptions,
): Promise<PrintResult> {
  if (t instanceof SpoolerTransport) return printThroughSpooler(t, bytes);
  try {
    await t.open();
  } catch {
    return { status: 'failed', reason: 'offline' };
  }
  let sending = false;
  let result: PrintResult | null = null;
  try {
    const before = await readStatus(t, opts.statusTimeoutMs);
    if (!before) return { status: 'failed', reason: t.lost ? 'disconnected' : 'timeout' };
    const faultBefore = faultOf(before);
    if (faultBefore) return { status: 'failed', reason: faultBefore };
    const { body, cut } = splitFinalCut(bytes);
    sending = true;
    for (let at = 0; at < body.length; at += opts.chunkBytes) await t.write(body.subarray(at, at + opts.chunkBytes));
    if (cut) {
      // The printer answers in order: an answer to a question sent after the picture means it has
      // taken in the whole picture. Only then the cut, so a printer that stopped reading never
      // gets it with late bytes: a ticket reported failed is never finished later.
      await t.discardInput();
      const received = await readStatus(t, opts.statusTimeoutMs);
      if (!received) return (result = { status: 'failed', reason: t.lost ? 'disconnected' : 'timeout' });
      const faultMid = faultOf(received);
      if (faultMid) return (result = { status: 'failed', reason: faultMid });
      await t.write(cut);
    }
    // Whatever came in during the job (an automatic status, an answer to bytes of the picture)
    // is not the answer to the question asked now.
    await t.discardInput();
    const after = await readStatus(t, opts.statusTimeoutMs);
    if (!after) return (result = { status: 'failed', reason: t.lost ? 'disconnected' : 'timeout' });
    const faultAfter = faultOf(after);
    return (result = faultAfter ? { status: 'failed', reason: faultAfter } : { status: 'printed', after });
  } catch (err) {
    const reason: PrinterFault = !(err instanceof TransportError)
      ? 'error'
      : err.reason === 'disconnected'
        ? 'disconnected'
        : err.reason === 'stalled'
          ? 'timeout'
          : 'offline';
    return (result = { status: 'failed', reason });
  } finally {
    if (sending && result?.status !== 'printed') await t.abort().catch(() => undefined);
    else await t.close().catch(() => undefined);
  }
}
