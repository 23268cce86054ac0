// Center-local calendar arithmetic. Pure: callers pass the instant and the time zone.

export type Clock = () => number;
export const systemClock: Clock = () => Date.now();

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar and clock parts of an instant in a time zone (formatters cached per zone). */
export function partsOf(ms: number, timeZone: string): Record<string, string> {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  const out: Record<string, string> = {};
  for (const p of f.formatToParts(ms)) out[p.type] = p.value;
  return out;
}

const dayCache = new Map<string, { minute: number; day: string }>();

/** The service day (`YYYY-MM-DD`) an instant belongs to in the center's time zone. */
export function serviceDayOf(ms: number, timeZone: string): string {
  // Every zone's offset is whole minutes, so one minute never spans two days: cache per minute.
  const minute = Math.floor(ms / 60_000);
  const cached = dayCache.get(timeZone);
  if (cached?.minute === minute) return cached.day;
  const p = partsOf(ms, timeZone);
  const day = `${p.year}-${p.month}-${p.day}`;
  dayCache.set(timeZone, { minute, day });
  return day;
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** ISO weekday (1 = Monday) and minutes since local midnight. */
export function localClockOf(ms: number, timeZone: string): { weekday: number; minutes: number } {
  const p = partsOf(ms, timeZone);
  return { weekday: WEEKDAYS[p.weekday ?? ''] ?? 1, minutes: Number(p.hour) * 60 + Number(p.minute) };
}

export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

export interface Hours {
  enforced: boolean;
  week: Partial<Record<'1' | '2' | '3' | '4' | '5' | '6' | '7', [string, string][]>>;
}

const WEEK = ['1', '2', '3', '4', '5', '6', '7'] as const;

/** A day's opening sessions by its ISO weekday (1 = Monday). */
function sessionsOn(hours: Hours, isoWeekday: number): [string, string][] {
  const key = WEEK[isoWeekday - 1];
  return (key && hours.week[key]) ?? [];
}

export function isOpenAt(ms: number, timeZone: string, hours: Hours): boolean {
  if (!hours.enforced) return true;
  const { weekday, minutes } = localClockOf(ms, timeZone);
  const today = sessionsOn(hours, weekday);
  return today.some(([open, close]) => minutes >= minutesOf(open) && minutes < minutesOf(close));
}

/** When the center next opens after `ms` (within a week), or null when hours are not enforced or none are set. */
export function nextOpening(ms: number, timeZone: string, hours: Hours): number | null {
  if (!hours.enforced) return null;
  const today = serviceDayOf(ms, timeZone);
  for (let d = 0; d <= 7; d++) {
    const day = shiftDay(today, d);
    const sessions = sessionsOn(hours, weekdayIndexOf(day) + 1);
    const opens = sessions.map(([open]) => instantOf(day, minutesOf(open), timeZone)).filter((at) => at > ms);
    if (opens.length > 0) return Math.min(...opens);
  }
  return null;
}

/** The zone's offset from UTC at an instant, in minutes (Asia/Ho_Chi_Minh: +420). */
export function utcOffsetMinutes(ms: number, timeZone: string): number {
  const p = partsOf(ms, timeZone);
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute));
  return Math.round((asUtc - Math.floor(ms / 60_000) * 60_000) / 60_000);
}

/** The instant a center-local day and minute stand for. */
export function instantOf(serviceDay: string, minutes: number, timeZone: string): number {
  const naive = Date.parse(`${serviceDay}T00:00:00Z`) + minutes * 60_000;
  // The offset at the naive instant is right except within hours of a DST change; one more step fixes that.
  const first = naive - utcOffsetMinutes(naive, timeZone) * 60_000;
  return naive - utcOffsetMinutes(first, timeZone) * 60_000;
}

/** The service day `n` days after (or before) another; days are calendar dates, zone-free. */
export function shiftDay(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** The weekday of a service day, 0 = Monday … 6 = Sunday. */
export function weekdayIndexOf(day: string): number {
  return (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
}

/** Waits between retries: 1, 2, 4 … seconds, at most 30 (a hub or printer back within half a minute is found). */
export function backoffMs(attempt: number): number {
  return Math.min(30_000, 1000 * 2 ** Math.min(Math.max(0, attempt), 5));
}
