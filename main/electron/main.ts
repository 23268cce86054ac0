// The Electron main process, kept thin: everything it decides is in config.ts, windowOptions.ts
// and ipcValidation.ts, which are tested without Electron.
import { app, BrowserWindow, ipcMain, Menu, session, type IpcMainInvokeEvent } from 'electron';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ipcChannels, type IpcChannel, type IpcRequest, type IpcResponse } from '../contract/index.ts';
import { resolveShellConfig, startPath, type ShellConfig } from './config.ts';
import { checkIpc } from './ipcValidation.ts';
import { isAllowedNavigation, windowOptions } from './windowOptions.ts';
import { startHub, type Hub } from '../hub/hub.ts';
import { verifyPassword } from '../hub/passwords.ts';

const preload = join(__dirname, 'preload.cjs');
const rendererDir = join(__dirname, '..', 'renderer');

function readConfigFile(): Partial<ShellConfig> | null {
  try {
    return JSON.parse(readFileSync(join(app.getPath('userData'), 'motcua.json'), 'utf8')) as Partial<ShellConfig>;
  } catch {
    return null;
  }
}

let hub: Hub | null = null;
let hubOrigin = '';
let config: ShellConfig;

function handle<C extends IpcChannel>(channel: C, fn: (payload: IpcRequest<C>, e: IpcMainInvokeEvent) => Promise<IpcResponse<C>> | IpcResponse<C>): void {
  ipcMain.handle(channel, async (e, payload: unknown) => {
    const check = checkIpc(channel, e.senderFrame?.url, hubOrigin, payload);
    if (!check.ok) {
      console.error(`ipc refused: ${check.reason}`);
      throw new Error('refused');
    }
    return ipcChannels[channel].response.parse(await fn(check.payload, e));
  });
}

function openWindow(path: string, role = config.role): BrowserWindow {
  const win = new BrowserWindow(windowOptions(role, preload));
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.webContents.on('will-navigate', (e, url) => { if (!isAllowedNavigation(url, hubOrigin)) e.preventDefault(); });
  win.webContents.on('will-redirect', (e, url) => { if (!isAllowedNavigation(url, hubOrigin)) e.preventDefault(); });
  // A kiosk must come back by itself: reload after a renderer crash or a hang.
  win.webContents.on('render-process-gone', () => setTimeout(() => { if (!win.isDestroyed()) win.reload(); }, 1000));
  win.on('unresponsive', () => setTimeout(() => { if (!win.isDestroyed()) win.webContents.forcefullyCrashRenderer(); }, 10_000));
  win.once('ready-to-show', () => win.show());
  void win.loadURL(hubOrigin + path);
  return win;
}

function roleMenu(): Menu {
  const open = (path: string, role: ShellConfig['role']) => () => openWindow(path, role);
  return Menu.buildFromTemplate([{
    label: 'Màn hình / Screens',
    submenu: [
      { label: 'Kiosk lấy số', click: open('/kiosk', 'kiosk') },
      { label: 'Quầy tiếp nhận', click: open('/counter', 'counter') },
      { label: 'Màn hình sảnh', click: open('/display/hall', 'display') },
      { label: 'Quản lý', click: open('/manager', 'manager') },
      { type: 'separator' },
      { role: 'quit', label: 'Thoát / Quit' },
    ],
  }]);
}

async function main(): Promise<void> {
  config = resolveShellConfig(process.argv.slice(1), readConfigFile());
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  await app.whenReady();
  if (config.role === 'all') {
    hub = await startHub({ dataDir: config.dataDir ?? join(app.getPath('userData'), 'hub'), port: config.port, rendererDir });
    hubOrigin = hub.url;
  } else hubOrigin = config.hubUrl!;

  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));

  handle('app:get-config', () => ({ role: config.role, hubUrl: hubOrigin }));
  handle('printer:get-status', () => ({ ok: false, fault: 'not_configured' }));
  handle('kiosk:exit', async ({ pin }, e) => {
    const ok = config.adminPinHash !== null && (await verifyPassword(pin, config.adminPinHash));
    if (ok) BrowserWindow.fromWebContents(e.sender)?.setKiosk(false);
    return { ok };
  });

  Menu.setApplicationMenu(config.role === 'all' ? roleMenu() : null);
  const main = openWindow(startPath(config.role));
  app.on('second-instance', () => { if (!main.isDestroyed()) main.focus(); });
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', () => { void hub?.close(); });
}

main().catch((err: unknown) => {
  console.error('motcua:', err);
  app.exit(1);
});
