// The code in a ticket's QR, signed with the hub's secret so a kiosk can show a ticket's status
// from its printed QR and nobody can forge one:
//   `MC2.<id>.<yyyymmdd>.<number>.<sig>`: the signature in the safe alphabet (14 characters,
//   62 bits), so a wedge scanner typing through UniKey (Telex or VNI) delivers it unchanged;
//   `MC1.<id>.<yyyymmdd>.<number>.<sig>`: printed until #23, a base64url signature (10
//   characters) whose vowels Telex and VNI rewrite; still read, and undone when rewritten.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { safeDigits } from '../../hardware/scanner/safeCodes.ts';
import { SCAN_STEPS, untypedCandidates, type SegmentShape, type StepBudget } from '../../hardware/scanner/inputMethods.ts';

const PREFIX = 'MC2';

function sign(secret: string, body: string): string {
  return safeDigits(createHmac('sha256', secret).update(body).digest().subarray(0, 10), 14);
}

function signV1(secret: string, body: string): string {
  return createHmac('sha256', secret).update(body).digest('base64url').slice(0, 10);
}

export function ticketCode(secret: string, t: { id: number; serviceDay: string; number: number }): string {
  const body = `${PREFIX}.${t.id}.${t.serviceDay.replaceAll('-', '')}.${t.number}`;
  return `${body}.${sign(secret, body)}`;
}

type TicketRef = { id: number; serviceDay: string; number: number };

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

function readExact(secret: string, code: string): TicketRef | null {
  const m = /^(MC[12])\.(\d{1,15})\.(\d{8})\.(\d{1,7})\.([A-Za-z0-9_-]{10}|[0-9BCGHKLMNPQTV]{14})$/i.exec(code);
  if (!m) return null;
  // every group of the pattern takes part in a match
  const [version, id, day, number, mac] = [m[1]!, m[2]!, m[3]!, m[4]!, m[5]!];
  const v2 = version.toUpperCase() === 'MC2';
  const body = `${v2 ? 'MC2' : 'MC1'}.${id}.${day}.${number}`;
  if (!(v2 ? same(sign(secret, body), mac.toUpperCase()) : same(signV1(secret, body), mac))) return null;
  return { id: Number(id), serviceDay: `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6)}`, number: Number(number) };
}

/** A version-1 code's shape, for undoing an input method's rewriting. */
const V1_SHAPE: SegmentShape[] = [
  { chars: /[MC1]/, min: 3, max: 3 },
  { chars: /\d/, min: 1, max: 15 },
  { chars: /\d/, min: 8, max: 8 },
  { chars: /\d/, min: 1, max: 7 },
  { chars: /[A-Za-z0-9_-]/, min: 10, max: 10 },
];

/**
 * The ticket a code names, or null for anything that is not a genuine code of this hub. A code
 * rewritten by UniKey on the way (a wedge scanner typing through Telex or VNI) is read when one
 * way of undoing the rewriting gives a code whose signature verifies, within `budget` steps
 * (one scan's, SCAN_STEPS; what is left stays in it).
 */
export function readTicketCode(secret: string, code: string, budget: StepBudget = scanBudget()): TicketRef | null {
  const text = code.trim();
  const exact = readExact(secret, text);
  if (exact || !/^MC1\./i.test(text)) return exact;
  for (const candidate of untypedCandidates(text, V1_SHAPE, budget, (body) => signV1(secret, body))) {
    const found = candidate !== text ? readExact(secret, candidate) : null;
    if (found) return found;
  }
  return null;
}

/**
 * Milliseconds one scan may spend undoing UniKey on the hub's event loop (calls wait meanwhile).
 * `MOTCUA_SCAN_UNDO_MS` changes it: tests that measure how many old codes are read set it high,
 * since this machine's speed varies threefold between days.
 */
export const SCAN_UNDO_MS = 100;

/** One scan's budget: the steps, and a deadline on the process's monotonic clock. */
export function scanBudget(): StepBudget {
  const ms = Number(process.env.MOTCUA_SCAN_UNDO_MS ?? SCAN_UNDO_MS);
  const now = () => performance.now();
  return { steps: SCAN_STEPS, until: now() + (Number.isFinite(ms) && ms >= 0 ? ms : SCAN_UNDO_MS), now };
}

/** No undoing at all: a phone opens its link with a camera, never through an input method. */
export const AS_SCANNED: StepBudget = { steps: 0 };

/** What a ticket's QR holds: a link that opens the ticket on a phone when the center set its address, else the code. */
export function ticketQrPayload(code: string, phoneBaseUrl: string): string {
  return phoneBaseUrl ? `${phoneBaseUrl.replace(/\/$/, '')}/t/${code}` : code;
}

/** The code inside what a scanner read: the code itself, or a phone link to it (…/t/MC2.…, …/t/MC1.…). */
export function codeInScan(text: string): string {
  const m = /\/t\/(MC[12]\.[^/?#\s]+)\s*$/i.exec(text.trim().normalize('NFC'));
  return m?.[1] ?? text;
}
