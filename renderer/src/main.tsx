import { StrictMode, type ComponentType } from 'react';
import { createRoot } from 'react-dom/client';
// The typeface the styles name, shipped with the app (a center may have no internet): Vietnamese,
// Latin and Latin-extended subsets, in the weights the styles use; the browser fetches a subset
// only when a page needs it.
import '@fontsource/be-vietnam-pro/400.css';
import '@fontsource/be-vietnam-pro/500.css';
import '@fontsource/be-vietnam-pro/600.css';
import '@fontsource/be-vietnam-pro/700.css';
import '@fontsource/be-vietnam-pro/800.css';
import './styles.css';

/**
 * One route per role, each loading only its own code (a kiosk never downloads the manager
 * console). The module is loaded before the first render rather than through <Suspense>,
 * whose reveal React 19 holds back for ~300 ms: a kiosk coming back after a reload should not.
 */
function route(pathname: string): Promise<ComponentType> {
  if (pathname.startsWith('/kiosk')) return import('./kiosk/Kiosk.tsx').then((m) => m.Kiosk);
  if (pathname.startsWith('/counter')) return import('./counter/CounterConsole.tsx').then((m) => m.CounterConsole);
  if (pathname.startsWith('/manager')) return import('./manager/Manager.tsx').then((m) => m.Manager);
  if (pathname.startsWith('/province')) return import('./province/ProvinceConsole.tsx').then((m) => m.ProvinceConsole);
  if (pathname.startsWith('/display/hall')) return import('./display/HallDisplay.tsx').then((m) => m.HallDisplay);
  const rating = /^\/rating\/(\d+)/.exec(pathname);
  if (rating) {
    const n = Number(rating[1]);
    return import('./rating/RatingScreen.tsx').then((m) => () => <m.RatingScreen counterNumber={n} />);
  }
  const counter = /^\/display\/counter\/(\d+)/.exec(pathname);
  if (counter) {
    const n = Number(counter[1]);
    return import('./display/CounterDisplay.tsx').then((m) => () => <m.CounterDisplay counterNumber={n} />);
  }
  return import('./Home.tsx').then((m) => m.Home);
}

document.documentElement.dataset.role = location.pathname.split('/')[1] || 'home';
void route(location.pathname).then((Screen) => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <Screen />
    </StrictMode>,
  );
});
