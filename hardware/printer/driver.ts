// Prints one job: status before, the bytes, status after. Every way it can go wrong ends in a
// reason the kiosk can show; nothing here throws.
import { cmd } from './commands.ts';
import { faultOf, isStatusByte, parseStatus, type PrinterFault, type PrinterStatus } from './status.ts';
import { TransportError, type PrinterTransport } from './transports.ts';

export type PrintResult = { status: 'printed'; after: PrinterStatus } | { status: 'failed'; reason: PrinterFault };

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

export async function printJob(t: PrinterTransport, bytes: Uint8Array, opts: DriverOptions = defaultDriverOptions): Promise<PrintResult> {
  try {
    await t.open();
  } catch {
    return { status: 'failed', reason: 'offline' };
  }
  try {
    const before = await readStatus(t, opts.statusTimeoutMs);
    if (!before) return { status: 'failed', reason: t.lost ? 'disconnected' : 'timeout' };
    const faultBefore = faultOf(before);
    if (faultBefore) return { status: 'failed', reason: faultBefore };
    for (let at = 0; at < bytes.length; at += opts.chunkBytes) await t.write(bytes.subarray(at, at + opts.chunkBytes));
    const after = await readStatus(t, opts.statusTimeoutMs);
    if (!after) return { status: 'failed', reason: t.lost ? 'disconnected' : 'timeout' };
    const faultAfter = faultOf(after);
    return faultAfter ? { status: 'failed', reason: faultAfter } : { status: 'printed', after };
  } catch (err) {
    return { status: 'failed', reason: err instanceof TransportError ? (err.reason === 'disconnected' ? 'disconnected' : 'offline') : 'error' };
  } finally {
    await t.close().catch(() => undefined);
  }
}
