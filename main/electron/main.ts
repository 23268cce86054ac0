// The Electron main process, kept thin: everything it decides is in config.ts, windowOptions.ts
// and ipcValidation.ts, which are tested without Electron.
import { app, BrowserWindow, ipcMain, Menu, session, type IpcMainInvokeEvent } from 'electron';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createApiClient, ipcChannels, type IpcChannel, type IpcRequest, type IpcResponse } from '../contract/index.ts';
import { PrintAgent } from '../printing/agent.ts';
import { HidScanner, nodeHidBackend, SerialScanner } from '../../hardware/scanner/sources.ts';
import { resolveShellConfig, startPath, type ShellConfig } from './config.ts';
import { checkIpc } from './ipcValidation.ts';
import { isAllowedNavigation, windowOptions } from './windowOptions.ts';
import { startHub, type Hub } from '../hub/hub.ts';
import { verifyPassword } from '../hub/passwords.ts';

const preload = join(__dirname, 'preload.cjs');
const rendererDir = join(__dirname, '..', 'renderer');

const configFile = () => join(app.getPath('userData'), 'motcua.json');

function readConfigFile(): Partial<ShellConfig> | null {
  try {
    return JSON.parse(readFileSync(configFile(), 'utf8')) as Partial<ShellConfig>;
  } catch {
    return null;
  }
}

/**
 * A kiosk app is one device: it pairs once (--pair CODE), keeps the token, gives it to its page
 * and drives the printer plugged into this PC when the manager set it as "the kiosk app".
 */
async function kioskIdentity(): Promise<void> {
  const api = createApiClient({ baseUrl: hubOrigin });
  if (config.pairCode) {
    const { token } = await api('device:pair', { code: config.pairCode });
    config = { ...config, deviceToken: token, pairCode: null };
    writeFileSync(configFile(), JSON.stringify({ ...(readConfigFile() ?? {}), deviceToken: token }, null, 2));
  }
  const token = config.deviceToken;
  if (!token) return;
  const me = await api('auth:me', {}, token);
  if (me.kind === 'device' && me.device.printer?.attachedTo === 'device') {
    new PrintAgent({
      claim: (waitMs) => api('print:claim', { waitMs: Math.max(waitMs, 20_000) }, token),
      report: (jobId, r) => api('print:report', { id: jobId, ...r }, token),
    }, 'kiosk app').start();
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

/** Scans go to the kiosk window, which handles them like a keyboard-wedge scan. */
function startScanner(): { device: HidScanner | SerialScanner; source: string } | null {
  const s = config.scanner;
  if (!s) return null;
  const send = (text: string) => { for (const w of BrowserWindow.getAllWindows()) w.webContents.send('scanner:code-scanned', { text }); };
  if (s.kind === 'serial') {
    const device = new SerialScanner(s.path, s.baudRate, send);
    device.start();
    return { device, source: s.path };
  }
  const device = new HidScanner(nodeHidBackend(s.mode === 'keyboard'), { vendorId: s.vendorId, productId: s.productId, mode: s.mode, layout: s.layout, reportSize: 64, pollMs: 2000 }, send);
  device.start();
  return { device, source: `${s.vendorId.toString(16)}:${s.productId.toString(16)} (${s.mode})` };
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

  if (config.role === 'kiosk') await kioskIdentity().catch((err: unknown) => console.error('motcua: kiosk pairing or printer agent failed:', err));
  handle('app:get-config', () => ({ role: config.role, hubUrl: hubOrigin, deviceToken: config.role === 'kiosk' ? config.deviceToken : null }));
  handle('printer:get-status', async () => {
    // The printer's last status as the hub knows it (every job checks it before and after).
    if (!config.deviceToken) return { ok: false, fault: 'not_configured' };
    const me = await createApiClient({ baseUrl: hubOrigin })('auth:me', {}, config.deviceToken).catch(() => null);
    const st = me?.kind === 'device' ? me.device.printerStatus : null;
    if (!me || me.kind !== 'device' || !me.device.printer) return { ok: false, fault: 'not_configured' };
    return { ok: st?.ok ?? true, fault: (st?.fault ?? null) as never };
  });
  const scanner = config.role === 'kiosk' ? startScanner() : null;
  handle('scanner:get-status', () => (scanner
    ? { status: scanner.device.status, source: scanner.source }
    : { status: 'not_configured', source: null }));
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
