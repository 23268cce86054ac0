// Window options per role. Every window is isolated and sandboxed; the kiosk is locked down.
import type { BrowserWindowConstructorOptions } from 'electron';
import type { AppRole } from '../contract/index.ts';

/**
 * `pinSet`: staff can leave the kiosk with a PIN. A kiosk device is always locked; the all-in-one
 * app only once a PIN exists (a fresh install locked full-screen would leave no way out).
 */
export function windowOptions(
  role: AppRole,
  preloadPath: string,
  opts: { pinSet: boolean } = { pinSet: false },
): BrowserWindowConstructorOptions {
  const kiosk = role === 'kiosk' || (role === 'all' && opts.pinSet);
  const locked = kiosk || role === 'display' || role === 'rating';
  return {
    width: 1280,
    height: 800,
    show: false,
    backgroundColor: '#f2f5f9',
    autoHideMenuBar: locked,
    fullscreen: locked,
    kiosk,
    title: 'motcua',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      devTools: !locked,
      autoplayPolicy: 'no-user-gesture-required', // displays speak each call without a click
    },
  };
}

/** Only pages of the hub itself; never a new window, never another site. */
export function isAllowedNavigation(target: string, hubOrigin: string): boolean {
  try {
    return new URL(target).origin === new URL(hubOrigin).origin;
  } catch {
    return false;
  }
}
