// How long a printer may take to answer while it prints: pure arithmetic over the job's bytes.
// A printer takes in a picture only as fast as its head makes room in its buffer, and answers a
// status request only once it has taken in the request (or, on some clones, printed up to it).
// So the driver asks after every raster band and allows each answer the paper printed since the
// previous one, at the printer's speed, plus a margin: an answer that keeps coming is life.

import { u16le } from '../bytes.ts';

/** Slower than the slowest thermal kiosk printer (cheap 58 mm models print 50–90 mm/s). */
export const SAFE_SPEED_MM_PER_SEC = 40;

/** A piece of a job ending where a real-time request may be placed, and the paper it prints (dots, 8 per mm). */
export interface Segment {
  end: number;
  dots: number;
}

/** Rows a job of unknown content could print per byte: raster on the narrowest paper (48 bytes a row). */
const ROWS_PER_UNKNOWN_BYTE = 1 / 48;

/**
 * Splits a job (without its final cut) after each raster band (GS v 0, the only commands a
 * raster job has besides ESC @): a request placed there never lands inside a command. Anything
 * else (a text job) is one segment; its paper is `paperDots` when known.
 */
export function jobSegments(body: Uint8Array, paperDots: number | null = null): Segment[] {
  const segments: Segment[] = [];
  let at = 0;
  let rows = 0;
  while (at < body.length) {
    if (body[at] === 0x1b && body[at + 1] === 0x40) {
      at += 2; // ESC @
      continue;
    }
    if (at + 8 <= body.length && body[at] === 0x1d && body[at + 1] === 0x76 && body[at + 2] === 0x30) {
      // GS v 0 m xL xH yL yH d1…dk
      const widthBytes = u16le(body, at + 4);
      const height = u16le(body, at + 6);
      const end = at + 8 + widthBytes * height;
      if (end > body.length) break;
      segments.push({ end, dots: height });
      rows += height;
      at = end;
      continue;
    }
    break;
  }
  if (at < body.length || segments.length === 0) {
    const rest = body.length - at;
    const dots = paperDots !== null ? Math.max(0, paperDots - rows) : Math.ceil(rest * ROWS_PER_UNKNOWN_BYTE);
    segments.push({ end: body.length, dots });
  }
  return segments;
}

/** How long the answer after a segment may take: its paper at the printer's speed, plus the margin. */
export function answerAllowanceMs(dots: number, speedMmPerSec: number, marginMs: number): number {
  return (dots / 8 / speedMmPerSec) * 1000 + marginMs;
}

/**
 * The printer's speed from when its answers came: between two answers the head printed exactly
 * the paper of the segments in between. Counted from the first answer the printer made us wait
 * for (before it, the buffer was taking in without printing having to make room). Null when the
 * answers came too close together to tell (the buffer took in most of the ticket at once).
 */
export function measuredSpeed(segments: readonly Segment[], sentAt: readonly number[], answeredAt: readonly number[]): number | null {
  const n = Math.min(segments.length, sentAt.length, answeredAt.length);
  let first = -1;
  for (let j = 0; j < n; j++)
    // j < n, the length of the shortest of the three lists
    if (answeredAt[j]! - sentAt[j]! > 20) {
      first = j;
      break;
    }
  const last = n - 1;
  if (first < 0 || last - first < 2) return null;
  // 0 ≤ first < last < n, the length of the shortest of the three lists
  const ms = answeredAt[last]! - answeredAt[first]!;
  if (ms < 100) return null;
  let dots = 0;
  // j ≤ last < n, the length of the shortest of the three lists
  for (let j = first + 1; j <= last; j++) dots += segments[j]!.dots;
  return Math.round(dots / 8 / (ms / 1000));
}
