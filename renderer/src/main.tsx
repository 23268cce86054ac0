// The entry is kept tiny so that it runs as soon as it arrives: it starts the route's code, React
// and (on a kiosk) the first requests to the hub all at once, instead of one after another (#24).
// The styles are each page's own <link> (renderer/index.html, and renderer/kiosk.html for the kiosk).
import { KIOSK_FIRST_LOAD, prefetch } from './early.ts';
import type { Routed } from './render.tsx';

/**
 * One route per role, each loading only its own code (a kiosk never downloads the manager
 * console). The module is loaded before the first render rather than through <Suspense>,
 * whose reveal React 19 holds back for ~300 ms: a kiosk coming back after a reload should not.
 */
function route(pathname: string): Promise<Routed> {
  if (pathname.startsWith('/kiosk')) {
    prefetch('kiosk', KIOSK_FIRST_LOAD);
    // The first render waits for the first snapshot (asked for above), so that it is the whole screen.
    const code = import('./kiosk/Kiosk.tsx').then(async (m) => ({ Screen: m.Kiosk, props: { first: await m.firstKioskSnapshot() } }));
    return code;
  }
  if (pathname.startsWith('/counter')) return import('./counter/CounterConsole.tsx').then((m) => ({ Screen: m.CounterConsole, props: {} }));
  if (pathname.startsWith('/manager')) return import('./manager/Manager.tsx').then((m) => ({ Screen: m.Manager, props: {} }));
  if (pathname.startsWith('/province'))
    return import('./province/ProvinceConsole.tsx').then((m) => ({ Screen: m.ProvinceConsole, props: {} }));
  if (pathname.startsWith('/display/hall')) return import('./display/HallDisplay.tsx').then((m) => ({ Screen: m.HallDisplay, props: {} }));
  const rating = /^\/rating\/(\d+)/.exec(pathname);
  if (rating) {
    const counterNumber = Number(rating[1]);
    return import('./rating/RatingScreen.tsx').then((m) => ({ Screen: m.RatingScreen, props: { counterNumber } }));
  }
  const counter = /^\/display\/counter\/(\d+)/.exec(pathname);
  if (counter) {
    const counterNumber = Number(counter[1]);
    return import('./display/CounterDisplay.tsx').then((m) => ({ Screen: m.CounterDisplay, props: { counterNumber } }));
  }
  return import('./Home.tsx').then((m) => ({ Screen: m.Home, props: {} }));
}

document.documentElement.dataset.role = location.pathname.split('/')[1] || 'home';
const routed = route(location.pathname);
void import('./render.tsx').then(async ({ render }) => render(await routed));
