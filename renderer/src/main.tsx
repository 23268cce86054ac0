import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import './styles.css';

// Each role loads only its own code: a kiosk never downloads the manager console.
const Kiosk = lazy(() => import('./kiosk/Kiosk.tsx').then((m) => ({ default: m.Kiosk })));
const CounterConsole = lazy(() => import('./counter/CounterConsole.tsx').then((m) => ({ default: m.CounterConsole })));
const Manager = lazy(() => import('./manager/Manager.tsx').then((m) => ({ default: m.Manager })));
const Home = lazy(() => import('./Home.tsx').then((m) => ({ default: m.Home })));

/** One route per role; the hub answers each of these paths with this app. */
function route(pathname: string) {
  if (pathname.startsWith('/kiosk')) return <Kiosk />;
  if (pathname.startsWith('/counter')) return <CounterConsole />;
  if (pathname.startsWith('/manager')) return <Manager />;
  return <Home />;
}

document.documentElement.dataset.role = location.pathname.split('/')[1] || 'home';
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Suspense fallback={null}>{route(location.pathname)}</Suspense>
  </StrictMode>,
);
