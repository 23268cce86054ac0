// Numbers, dates and files as every staff screen shows them, in the screen's language.
import type { Lang } from '../api.ts';

const locale = (lang: Lang) => (lang === 'vi' ? 'vi-VN' : 'en-GB');

/** 89.168 in Vietnamese, 89,168 in English. */
export function int(n: number, lang: Lang): string {
  return n.toLocaleString(locale(lang));
}
export function pct(v: number | null, lang: Lang): string {
  return v === null ? '—' : v.toLocaleString(locale(lang), { style: 'percent', maximumFractionDigits: 1 });
}
export function mins(ms: number | null, lang: Lang): string {
  return ms === null
    ? '—'
    : `${(ms / 60_000).toLocaleString(locale(lang), { maximumFractionDigits: 1 })} ${lang === 'vi' ? 'phút' : 'min'}`;
}

/** The service day (YYYY-MM-DD) it is now in a time zone: a date input's value. */
export function dayIn(timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** Saves a file the hub sent as base64. */
export function download(fileName: string, mime: string, base64: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** dd/mm/yyyy HH:MM:SS in a time zone, the date first as Vietnamese documents write it. */
export function dateTime(ms: number, timeZone: string): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(ms)
      .map((x) => [x.type, x.value]),
  );
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}:${p.second}`;
}
