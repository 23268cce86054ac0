// Dates as dd/mm/yyyy and times as 24-hour hh:mm, read and written apart from the inputs that
// show them (DateInput.tsx), so they are tested anywhere.
import { both } from './text.ts';

export const dateInputText = {
  datePlaceholder: both('dd/mm/yyyy', 'dd/mm/yyyy'),
  dateTitle: both('Ngày/tháng/năm, ví dụ 23/11/2026', 'Day/month/year, e.g. 23/11/2026'),
  timePlaceholder: both('hh:mm', 'hh:mm'),
  timeTitle: both('Giờ:phút theo 24 giờ, ví dụ 13:30', 'Hours:minutes, 24-hour clock, e.g. 13:30'),
};

/** 'YYYY-MM-DD' → 'dd/mm/yyyy' ('' stays ''). */
export function isoToDmy(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : '';
}

/** 'd/m/yyyy' or 'dd/mm/yyyy' → 'YYYY-MM-DD', or null when it is not a real day. */
export function dmyToIso(text: string): string | null {
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text.trim());
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * Typed digits get their slashes: '23112026' → '23/11/2026', '23/112' → '23/11/2'. A day or month
 * typed with one digit and its own separator ('5/1/2026') is left as typed.
 */
export function maskDate(raw: string): string {
  const parts = raw.replace(/[^\d/.-]/g, '').split(/[/.-]/);
  if (parts.slice(0, -1).some((x, i) => x.length !== 2 || i > 1)) return raw.replace(/[^\d/.-]/g, '').slice(0, 10);
  const d = parts.join('').slice(0, 8);
  return d.length > 4 ? `${d.slice(0, 2)}/${d.slice(2, 4)}/${d.slice(4)}` : d.length > 2 ? `${d.slice(0, 2)}/${d.slice(2)}` : d;
}

/** '7:30', '7h30', '0730', '07.30' → '07:30'; null when it is not a time of day. */
export function parseTime(text: string): string | null {
  const t = text.trim().toLowerCase();
  const m = /^(\d{1,2})[:h.](\d{2})$/.exec(t) ?? /^(\d{2})(\d{2})$/.exec(t);
  if (!m) return null;
  const [h, mi] = [Number(m[1]), Number(m[2])];
  if (h > 23 || mi > 59) return null;
  return `${String(h).padStart(2, '0')}:${String(mi).padStart(2, '0')}`;
}

export function maskTime(raw: string): string {
  if (/[:h.]/i.test(raw)) return raw.replace(/[^\d:h.]/gi, '').slice(0, 5);
  const d = raw.replace(/\D/g, '').slice(0, 4);
  return d.length > 2 ? `${d.slice(0, 2)}:${d.slice(2)}` : d;
}
