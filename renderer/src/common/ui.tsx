import { useEffect, useState } from 'react';
import type { Lang } from '../api.ts';
import type { LiveState } from '../live.ts';
import { commonText } from './commonText.ts';

export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now;
}

/** mm:ss, or h:mm:ss past an hour. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/** Formatters are costly to build (the first of a locale loads its data): each kind is built once. */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.DateTimeFormat(locale, options)));
  return f;
}

export function formatClock(ms: number, timeZone: string): string {
  return formatter('vi-VN', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ms);
}

export function formatDate(ms: number, timeZone: string, lang: Lang): string {
  return formatter(lang === 'vi' ? 'vi-VN' : 'en-GB', {
    timeZone,
    weekday: 'long',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(ms);
}

export function ConnectionBanner({ state, lang }: { state: LiveState; lang: Lang }) {
  if (state === 'online') return null;
  return (
    <div className={`conn conn-${state}`} role="status" data-testid="connection">
      {state === 'offline' ? commonText.connectionLostReconnecting[lang] : commonText.connecting[lang]}
    </div>
  );
}

export function LangToggle({ lang, setLang }: { lang: Lang; setLang: (l: Lang) => void }) {
  return (
    // Named in the language it switches to (lang=…), as a reader of that language looks for it.
    <button type="button" className="lang" lang={lang === 'vi' ? 'en' : 'vi'} onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')}>
      {commonText.otherLanguage[lang]}
    </button>
  );
}

export function useLang(key: string): [Lang, (l: Lang) => void] {
  const [lang, setLangState] = useState<Lang>(() => (localStorage.getItem(`motcua.lang.${key}`) === 'en' ? 'en' : 'vi'));
  const setLang = (l: Lang) => {
    localStorage.setItem(`motcua.lang.${key}`, l);
    setLangState(l);
  };
  return [lang, setLang];
}

export function ErrorNote({ text }: { text: string | null }) {
  return text ? (
    <p className="error" role="alert">
      {text}
    </p>
  ) : null;
}
