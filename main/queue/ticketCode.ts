// The code in a ticket's QR: `MC1.<id>.<yyyymmdd>.<number>.<sig>`, signed with the hub's
// secret so a kiosk can show a ticket's status from its printed QR and nobody can forge one.
import { createHmac, timingSafeEqual } from 'node:crypto';

const PREFIX = 'MC1';

function sign(secret: string, body: string): string {
  return createHmac('sha256', secret).update(body).digest('base64url').slice(0, 10);
}

export function ticketCode(secret: string, t: { id: number; serviceDay: string; number: number }): string {
  const body = `${PREFIX}.${t.id}.${t.serviceDay.replaceAll('-', '')}.${t.number}`;
  return `${body}.${sign(secret, body)}`;
}

/** The ticket a code names, or null for anything that is not a genuine code of this hub. */
export function readTicketCode(secret: string, code: string): { id: number; serviceDay: string; number: number } | null {
  const m = /^MC1\.(\d{1,15})\.(\d{8})\.(\d{1,7})\.([A-Za-z0-9_-]{10})$/.exec(code.trim());
  if (!m) return null;
  const body = `${PREFIX}.${m[1]}.${m[2]}.${m[3]}`;
  const expected = Buffer.from(sign(secret, body));
  if (!timingSafeEqual(expected, Buffer.from(m[4]!))) return null;
  const d = m[2]!;
  return { id: Number(m[1]), serviceDay: `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6)}`, number: Number(m[3]) };
}

/** What a ticket's QR holds: a link that opens the ticket on a phone when the center set its address, else the code. */
export function ticketQrPayload(code: string, phoneBaseUrl: string): string {
  return phoneBaseUrl ? `${phoneBaseUrl.replace(/\/$/, '')}/t/${code}` : code;
}

/** The code inside what a scanner read: the code itself, or a phone link to it (…/t/MC1.…). */
export function codeInScan(text: string): string {
  const m = /\/t\/(MC1\.[A-Za-z0-9._-]+)\s*$/.exec(text.trim());
  return m ? m[1]! : text;
}
