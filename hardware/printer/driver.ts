// Prints one job: status before, the bytes, status after. Every way it can go wrong ends in a
// reason the kiosk can show; nothing here throws.
import { cmd } from './commands.ts';
import { faultOf, faultOfOfflineCause, isStatusByte, parseStatus, type PrinterFault, type PrinterStatus } from './status.ts';
import { answerAllowanceMs, jobSegments, measuredSpeed, SAFE_SPEED_MM_PER_SEC, type Segment } from './pacing.ts';
import { TransportError, type PrinterTransport } from './transport.ts';
import { SpoolerTransport, printThroughSpooler } from './spoolerTransport.ts';

/**
 * `after` null: sent through a spooler, which gives no status back (delivered, not confirmed).
 * `speedMmPerSec`: the printer's speed as its answers showed it, when they came spread enough to tell.
 */
export type PrintResult =
  | { status: 'printed'; after: PrinterStatus | null; speedMmPerSec?: number | null }
  | { status: 'failed'; reason: PrinterFault }
  | UncertainPrint;

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
  /** How long an idle printer may take to answer; while it prints, each answer also gets the paper printed before it. */
  statusTimeoutMs: number;
  /** Bytes per write: small enough that a dropped connection is noticed mid-job. */
  chunkBytes: number;
  /** The printer's speed (the manager's setting); else one slower than any kiosk printer's. */
  speedMmPerSec?: number;
}

export const defaultDriverOptions: DriverOptions = { statusTimeoutMs: 1500, chunkBytes: 16 * 1024, speedMmPerSec: SAFE_SPEED_MM_PER_SEC };

/** A job's bytes and the paper it takes (a text-mode job's paper cannot be read from its bytes). */
export interface PrintWork {
  bytes: Uint8Array;
  paperDots: number;
}

/** Asks DLE EOT 1, 2 and 4; null when the printer does not answer in time. */
export async function readStatus(t: PrinterTransport, timeoutMs: number): Promise<PrinterStatus | null> {
  const printer = await askStatus(t, 1, timeoutMs);
  if (printer === null) return null;
  const offlineCause = await askStatus(t, 2, timeoutMs);
  if (offlineCause === null) return null;
  const paper = await askStatus(t, 4, timeoutMs);
  if (paper === null) return null;
  return parseStatus(printer, offlineCause, paper);
}

/** One DLE EOT n and its answer; null when the printer does not answer in time. */
async function askStatus(t: PrinterTransport, n: 1 | 2 | 4, timeoutMs: number): Promise<number | null> {
  await t.write(cmd.status(n));
  let byte: number | null;
  do byte = await t.readByte(timeoutMs);
  while (byte !== null && !isStatusByte(byte)); // skip stray bytes (e.g. ASB) until a status byte
  return byte;
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
  work: Uint8Array | PrintWork,
  opts: DriverOptions = defaultDriverOptions,
): Promise<PrintResult> {
  const bytes = work instanceof Uint8Array ? work : work.bytes;
  const paperDots = work instanceof Uint8Array ? null : work.paperDots;
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
    const sent = await sendWatched(t, body, jobSegments(body, paperDots), opts);
    if ('reason' in sent) return (result = { status: 'failed', reason: sent.reason });
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
    return (result = faultAfter
      ? { status: 'failed', reason: faultAfter }
      : { status: 'printed', after, speedMmPerSec: sent.speedMmPerSec });
  } catch (err) {
    const reason: PrinterFault = reasonOf(err);
    return (result = { status: 'failed', reason });
  } finally {
    if (sending && result?.status !== 'printed') await t.abort().catch(() => undefined);
    else await t.close().catch(() => undefined);
  }
}

function reasonOf(err: unknown): PrinterFault {
  return !(err instanceof TransportError)
    ? 'error'
    : err.reason === 'disconnected'
      ? 'disconnected'
      : err.reason === 'stalled'
        ? 'timeout'
        : 'offline';
}

/**
 * Sends the picture with a status request (DLE EOT 2) after each segment. A printer answers only
 * as its head makes room, so each answer may take the paper of its segment at the printer's
 * speed plus the margin, counted from the previous answer: a slow printer that keeps answering
 * is printing, never failed; one that stops answering is stalled. An answer saying the printer
 * stopped (paper end, cover open, error) fails the job at once.
 * One question at a time, the next segment already on its way so the head never waits: asked
 * right after the previous answer, a question carries the ACK of that answer, so a printer whose
 * TCP holds small replies until acknowledged (Nagle) never sits on one for a delayed ACK.
 */
async function sendWatched(
  t: PrinterTransport,
  body: Uint8Array,
  segments: readonly Segment[],
  opts: DriverOptions,
): Promise<{ speedMmPerSec: number | null } | { reason: PrinterFault }> {
  const speed = opts.speedMmPerSec ?? SAFE_SPEED_MM_PER_SEC;
  const sentAt: number[] = [];
  const answeredAt: number[] = [];
  const send = async (from: number, to: number) => {
    for (let i = from; i < to; i += opts.chunkBytes) await t.write(body.subarray(i, Math.min(to, i + opts.chunkBytes)));
  };
  await t.discardInput();
  await send(0, segments[0]?.end ?? 0);
  let life = performance.now();
  for (const [j, segment] of segments.entries()) {
    await t.write(cmd.status(2));
    const asked = performance.now();
    sentAt.push(asked);
    const next = segments[j + 1];
    if (next) await send(segment.end, next.end);
    const deadline = Math.max(life, asked) + answerAllowanceMs(segment.dots, speed, opts.statusTimeoutMs);
    let answer: number | null;
    do {
      const left = deadline - performance.now();
      answer = left > 0 ? await t.readByte(left) : null;
      if (answer === null) return { reason: t.lost ? 'disconnected' : 'timeout' };
    } while (!isStatusByte(answer)); // skip what is not an answer (e.g. an automatic status)
    life = performance.now();
    answeredAt.push(life);
    const fault = faultOfOfflineCause(answer);
    if (fault) return { reason: fault };
  }
  return { speedMmPerSec: measuredSpeed(segments, sentAt, answeredAt) };
}
