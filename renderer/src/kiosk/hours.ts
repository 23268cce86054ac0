// Opening hours in words, for the closed screen: consecutive days with the same sessions are one line.
import type { OpeningHours } from '../../../main/contract/index.ts';
import type { Lang } from '../api.ts';

const days: Record<Lang, string[]> = {
  vi: ['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ Nhật'],
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
};

/** The week's keys by ISO weekday (1 = Monday at index 0). */
const WEEK = ['1', '2', '3', '4', '5', '6', '7'] as const;

export function hoursLines(hours: OpeningHours, lang: Lang): string[] {
  const sessionsOf = (d: number) => {
    const key = WEEK[d - 1];
    return ((key && hours.week[key]) ?? []).map(([a, b]) => `${a}–${b}`).join(', ');
  };
  const lines: string[] = [];
  let d = 1;
  while (d <= 7) {
    const s = sessionsOf(d);
    let end = d;
    while (end < 7 && sessionsOf(end + 1) === s) end++;
    if (s) lines.push(`${days[lang][d - 1]}${end > d ? ` – ${days[lang][end - 1]}` : ''}: ${s}`);
    d = end + 1;
  }
  return lines;
}

export function formatOpening(ms: number, timeZone: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', {
    timeZone,
    weekday: 'long',
    day: '2-digit',
    month: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(ms);
}
