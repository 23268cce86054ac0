// Window options per role. Every window is isolated and sandboxed; the kiosk is locked down.
import type { BrowserWindowConstructorOptions } from 'electron';
import type { AppRole } from '../contract/index.ts';

export function windowOptions(role: AppRole, preloadPath: string): BrowserWindowConstructorOptions {
  const locked = role === 'kiosk' || role === 'all' || role === 'display' || role === 'rating';
  return {
    width: 1280,
    height: 800,
    show: false,
    backgroundColor: '#f2f5f9',
    autoHideMenuBar: locked,
    fullscreen: locked,
    kiosk: role === 'kiosk' || role === 'all',
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
