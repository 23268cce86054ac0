// Field names are never clipped (#24): measured on screen, the buttons' text first shrinks a little
// (down to MIN_SCALE), then the list takes fewer rows a page (more pages), or one column fewer when
// only two rows are left (wider buttons hold a long name in fewer lines), until every name and its
// state show whole. Whatever changes the room (count, orientation, text size, language, a notice
// above the list, the window, the font arriving) starts the fit again from full size.
import { useEffect, useLayoutEffect, useState, type RefObject } from 'react';

export const MIN_SCALE = 0.8;
const STEP = 0.05;

export interface FieldFit {
  scale: number;
  rowsCap: number | null;
  colsCap: number | null;
}

/** Whether a line of a field button (its name, its state) reaches its border or overflows its width. */
function clipped(button: Element): boolean {
  const box = button.getBoundingClientRect();
  return [...button.children].some((c) => {
    const r = c.getBoundingClientRect();
    return r.top < box.top + 2 || r.bottom > box.bottom - 2 || c.scrollWidth > c.clientWidth + 1;
  });
}

/** The window's size and the web fonts' arrival, as a key: either changes what fits. */
function useRoom(): string {
  const [room, setRoom] = useState(() => `${innerWidth}x${innerHeight}`);
  // Counts the typeface loads that finished: `document.fonts.ready` resolves at once on a page that
  // has asked for no font yet (before the first layout), which only re-rendered the list for nothing.
  const [fontLoads, setFontLoads] = useState(0);
  useEffect(() => {
    const on = () => setRoom(`${innerWidth}x${innerHeight}`);
    const loaded = () => setFontLoads((n) => n + 1);
    addEventListener('resize', on);
    document.fonts?.addEventListener('loadingdone', loaded);
    return () => {
      removeEventListener('resize', on);
      document.fonts?.removeEventListener('loadingdone', loaded);
    };
  }, []);
  return `${room}|${fontLoads}`;
}

/**
 * The fit for the list in `ref` (its `.field-btn` children; its `--rows` the grid's rows a page).
 * `key` names everything else that changes the room.
 */
export function useFieldFit(ref: RefObject<HTMLElement | null>, key: string): FieldFit {
  const room = useRoom();
  const fullKey = `${key}|${room}`;
  const [fit, setFit] = useState<FieldFit & { key: string }>({ key: fullKey, scale: 1, rowsCap: null, colsCap: null });
  const current = fit.key === fullKey ? fit : { key: fullKey, scale: 1, rowsCap: null, colsCap: null };
  // Runs after every render (a page turned, a line's wait grown longer: the text changed, not the
  // key), before paint. It cannot loop: each step only lowers the scale or the rows, and stops at
  // nothing clipped or one row.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const cut = [...el.querySelectorAll('.field-btn')].some(clipped);
    const rows = Number(el.style.getPropertyValue('--rows')) || 1;
    const cols = Number(el.style.getPropertyValue('--cols')) || 1;
    if (!cut) {
      if (fit.key !== fullKey) setFit(current);
      return;
    }
    if (current.scale - STEP >= MIN_SCALE - 1e-6) setFit({ ...current, scale: Math.round((current.scale - STEP) * 100) / 100 });
    else if (rows <= 2 && cols > 1) setFit({ key: fullKey, scale: 1, rowsCap: null, colsCap: cols - 1 });
    else if (rows > 1) setFit({ ...current, scale: 1, rowsCap: rows - 1 });
  });
  return { scale: current.scale, rowsCap: current.rowsCap, colsCap: current.colsCap };
}
