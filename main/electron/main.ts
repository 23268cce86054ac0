// The Electron main process, kept thin: what it decides is in config.ts, recovery.ts,
// windowOptions.ts and ipcValidation.ts (tested without Electron); this file wires them up.
// It must come back by itself: nobody is at a kiosk at 7:30 when the hub PC is still booting.
import { app, BrowserWindow, dialog, ipcMain, Menu, session, type IpcMainInvokeEvent } from 'electron';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ApiError,
  createApiClient,
  ipcChannels,
  PrintFault,
  type IpcChannel,
  type IpcRequest,
  type IpcResponse,
} from '../contract/index.ts';
import { PrintAgent } from '../devices/printAgent.ts';
import { HidScanner, nodeHidBackend, SerialScanner } from '../../hardware/scanner/sources.ts';
import { parseShellConfigFile, resolveShellConfig, startPath, type ShellConfig } from './config.ts';
import { checkIpc } from './ipcValidation.ts';
import { backoffMs, connectingPage, crashDecision, fatalMessage } from './recovery.ts';
import { isAllowedNavigation, windowOptions } from './windowOptions.ts';
import type { Hub } from '../hub/hub.ts';
import { startHubPatiently } from '../hub/startPatiently.ts';
import { fileLog, stderrLog, type FileLog, type Log } from '../base/log.ts';
import { verifyPassword } from '../base/passwords.ts';
import { codeOf, messageOf } from '../base/errors.ts';
import { inFours } from '../auth/access.ts';

const preload = join(__dirname, 'preload.cjs');
const rendererDir = join(__dirname, '..', 'renderer');
const configFile = () => join(app.getPath('userData'), 'motcua.json');
const crashFile = () => join(app.getPath('userData'), 'crashes.json');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let log: Log = stderrLog;
let logging: FileLog | null = null;
let hub: Hub | null = null;
let hubOrigin = '';
let config: ShellConfig;
let quitting = false;
/** The role's page opens once this settles: a kiosk's pairing must be done before its page asks for the token. */
let identityReady: Promise<void> = Promise.resolve();

function readText(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    if (codeOf(err) === 'ENOENT') return null;
    throw err;
  }
}

/** Says why the app cannot run, in a message window and the log, then quits (no relaunch: it would fail again). */
function cannotStart(kind: 'config' | 'crash-loop', detail: string): void {
  const m = fatalMessage(kind, detail);
  log.fatal({ kind, detail }, m.title);
  logging?.flushSync();
  dialog.showErrorBox(m.title, m.body);
  app.exit(1);
}

/** A crash in the main process: logged, then the app starts again, unless it keeps crashing. */
function crashed(err: unknown): void {
  log.fatal({ err }, 'main process crashed');
  let previous: unknown = [];
  try {
    previous = JSON.parse(readText(crashFile()) ?? '[]');
  } catch {
    /* a broken record counts as none */
  }
  const times = Array.isArray(previous) ? previous.filter((t: unknown): t is number => typeof t === 'number') : [];
  const { crashes, relaunch } = crashDecision(times, Date.now());
  try {
    writeFileSync(crashFile(), JSON.stringify(crashes));
  } catch {
    /* the disk may be why we crashed */
  }
  if (!relaunch) return cannotStart('crash-loop', err instanceof Error ? err.message : String(err));
  log.warn({ crashesInWindow: crashes.length }, 'relaunching after a crash');
  logging?.flushSync();
  app.relaunch();
  app.exit(1);
}

/** null when the hub answers, else why not (for the log and the waiting page). */
async function probeHub(): Promise<string | null> {
  try {
    const res = await fetch(`${hubOrigin}/api/health`, { signal: AbortSignal.timeout(3000) });
    return res.ok ? null : `HTTP ${res.status}`;
  } catch (err) {
    return err instanceof Error ? (codeOf(err.cause) ?? err.name) : String(err);
  }
}

/** Shows the waiting page and retries with backoff until the hub answers. */
async function untilHubAnswers(win: BrowserWindow): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const why = await probeHub();
    if (why === null) {
      if (attempt > 0) log.info({ hub: hubOrigin, attempts: attempt }, 'hub reachable again');
      return;
    }
    const wait = backoffMs(attempt);
    log.warn({ hub: hubOrigin, attempt, why, retryInMs: wait }, 'hub not reachable');
    if (!win.isDestroyed())
      await win
        .loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(connectingPage(hubOrigin, attempt, wait, why))}`)
        .catch(() => undefined);
    await sleep(wait);
  }
}

/** Retries an start-up step (pairing, the print agent) with backoff until it works. */
async function retried(what: string, step: () => Promise<void>): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await step();
      return;
    } catch (err) {
      const wait = backoffMs(attempt);
      log.warn({ err: messageOf(err), attempt, retryInMs: wait }, `${what} failed; retrying`);
      await sleep(wait);
    }
  }
}

/**
 * A kiosk app is one device: it pairs once (--pair CODE), keeps the token, gives it to its page
 * and drives the printer plugged into this PC when the manager set it as "the kiosk app".
 */
async function pairKiosk(): Promise<void> {
  const api = createApiClient({ baseUrl: hubOrigin });
  const pairCode = config.pairCode;
  if (pairCode) {
    await retried('pairing', async () => {
      try {
        const { token } = await api('device:pair', { code: pairCode });
        config = { ...config, deviceToken: token, pairCode: null };
        const current = parseShellConfigFile(readText(configFile()));
        writeFileSync(configFile(), JSON.stringify({ ...(current.ok ? current.file : {}), deviceToken: token }, null, 2));
        log.info('paired with the hub');
      } catch (err) {
        if (err instanceof ApiError && err.code === 'PAIRING_CODE_INVALID') {
          log.error('the pairing code was refused (wrong or expired): pair from the kiosk screen or start with a new --pair code');
          config = { ...config, pairCode: null };
          return;
        }
        throw err;
      }
    });
  }
}

async function startKioskPrintAgent(): Promise<void> {
  const api = createApiClient({ baseUrl: hubOrigin });
  const token = config.deviceToken;
  if (!token) return;
  await retried('starting the print agent', async () => {
    const me = await api('auth:me', {}, token);
    if (me.kind === 'device' && me.device.printer?.attachedTo === 'device') {
      new PrintAgent(
        {
          claim: (waitMs) => api('print:claim', { waitMs: Math.max(waitMs, 20_000) }, token),
          report: (jobId, r) => api('print:report', { id: jobId, ...r }, token),
        },
        'kiosk app',
        log,
      ).start();
      log.info({ deviceId: me.device.id }, 'print agent started');
    }
  });
}

function handle<C extends IpcChannel>(
  channel: C,
  fn: (payload: IpcRequest<C>, e: IpcMainInvokeEvent) => Promise<IpcResponse<C>> | IpcResponse<C>,
): void {
  ipcMain.handle(channel, async (e, payload: unknown) => {
    const check = checkIpc(channel, e.senderFrame?.url, hubOrigin, payload);
    if (!check.ok) {
      log.warn({ channel, reason: check.reason }, 'ipc refused');
      throw new Error('refused');
    }
    return ipcChannels[channel].response.parse(await fn(check.payload, e));
  });
}

/** Windows that may close: a locked kiosk closes only after its PIN was given (or when the app quits). */
const unlocked = new WeakSet<BrowserWindow>();

function openWindow(path: string, role = config.role): BrowserWindow {
  const options = windowOptions(role, preload, { pinSet: config.adminPinHash !== null });
  const win = new BrowserWindow(options);
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.webContents.on('will-navigate', (e, url) => {
    if (!isAllowedNavigation(url, hubOrigin)) e.preventDefault();
  });
  win.webContents.on('will-redirect', (e, url) => {
    if (!isAllowedNavigation(url, hubOrigin)) e.preventDefault();
  });
  // A kiosk must come back by itself: reload after a renderer crash or a hang.
  win.webContents.on('render-process-gone', (_e, details) => {
    log.error({ reason: details.reason }, 'page crashed; reloading');
    setTimeout(() => {
      if (!win.isDestroyed()) win.reload();
    }, 1000);
  });
  win.on('unresponsive', () => {
    log.warn('page hung');
    setTimeout(() => {
      if (!win.isDestroyed()) win.webContents.forcefullyCrashRenderer();
    }, 10_000);
  });
  if (options.kiosk) {
    win.on('close', (e) => {
      if (quitting || unlocked.has(win)) return;
      e.preventDefault(); // Alt+F4, the close button: a citizen must not end the kiosk
      log.info('close refused: the kiosk is locked (staff PIN needed)');
    });
  }
  // The hub went away (or was never there): wait for it on the waiting page, then come back.
  let recovering = false;
  win.webContents.on('did-fail-load', (_e, code, description, url, isMainFrame) => {
    if (!isMainFrame || code === -3 || recovering || !url.startsWith(hubOrigin)) return; // -3: aborted by a newer load
    recovering = true;
    log.warn({ code, description, url }, 'page failed to load');
    void untilHubAnswers(win)
      .then(() => (win.isDestroyed() ? undefined : win.loadURL(url)))
      .finally(() => {
        recovering = false;
      });
  });
  win.once('ready-to-show', () => win.show());
  void (async () => {
    if (!hub) await untilHubAnswers(win);
    await identityReady;
    if (!win.isDestroyed()) await win.loadURL(hubOrigin + path).catch(() => undefined);
  })();
  return win;
}

function roleMenu(): Menu {
  const open = (path: string, role: ShellConfig['role']) => () => openWindow(path, role);
  return Menu.buildFromTemplate([
    {
      label: 'Màn hình / Screens',
      submenu: [
        { label: 'Kiosk lấy số', click: open('/kiosk', 'kiosk') },
        { label: 'Quầy tiếp nhận', click: open('/counter', 'counter') },
        { label: 'Màn hình sảnh', click: open('/display/hall', 'display') },
        { label: 'Quản lý', click: open('/manager', 'manager') },
        { type: 'separator' },
        { role: 'quit', label: 'Thoát / Quit' },
      ],
    },
  ]);
}

/** Scans go to the kiosk window, which handles them like a keyboard-wedge scan. */
function startScanner(): { device: HidScanner | SerialScanner; source: string } | null {
  const s = config.scanner;
  if (!s) return null;
  const send = (text: string) => {
    for (const w of BrowserWindow.getAllWindows()) w.webContents.send('scanner:code-scanned', { text });
  };
  if (s.kind === 'serial') {
    const device = new SerialScanner(s.path, s.baudRate, send);
    device.onStatus((status) => log.info({ scanner: s.path, status }, 'scanner'));
    device.start();
    return { device, source: s.path };
  }
  const device = new HidScanner(
    nodeHidBackend(s.mode === 'keyboard'),
    { vendorId: s.vendorId, productId: s.productId, mode: s.mode, layout: s.layout, reportSize: 64, pollMs: 2000 },
    send,
  );
  const source = `${s.vendorId.toString(16)}:${s.productId.toString(16)} (${s.mode})`;
  device.onStatus((status) => log.info({ scanner: source, status }, 'scanner'));
  device.start();
  return { device, source };
}

async function main(): Promise<void> {
  process.on('uncaughtException', crashed);
  process.on('unhandledRejection', crashed);
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  logging = await fileLog(join(app.getPath('userData'), 'logs'), 'app', { sync: true });
  log = logging.log;
  const file = parseShellConfigFile(readText(configFile()));
  if (!file.ok) return cannotStart('config', file.message);
  try {
    config = resolveShellConfig(process.argv.slice(1), file.file);
  } catch (err) {
    return cannotStart('config', messageOf(err));
  }
  log.info({ role: config.role, hub: config.hubUrl, version: app.getVersion() }, 'app starting');
  if (config.role === 'kiosk' && config.adminPinHash === null)
    log.warn('no adminPinHash in motcua.json: the locked kiosk can only be left from the operating system');
  app.setLoginItemSettings({ openAtLogin: config.startAtLogin, args: process.argv.slice(1) });
  await app.whenReady();
  if (config.role === 'all' || config.role === 'hub') {
    // On a data disk that takes no writes (full, read-only) the hub serves every screen a page
    // saying why and goes live by itself once the disk takes writes (hub/startPatiently.ts).
    const role = config.role;
    const patient = await startHubPatiently(
      {
        dataDir: config.dataDir ?? join(app.getPath('userData'), 'hub'),
        port: config.port,
        rendererDir,
        seedDemo: role === 'all',
      },
      { waiting: (fault, url) => log.error({ hub: url, kind: fault.kind }, 'embedded hub waits for its data disk to take writes') },
    );
    hubOrigin = patient.url;
    app.on('before-quit', () => {
      quitting = true;
      void patient.close();
    });
    void patient.live.then((live) => {
      hub = live;
      log.info({ hub: hubOrigin, role }, 'embedded hub started');
      // The server PC: no window. The first admin is created with the setup code, in the log.
      const setup = role === 'hub' ? live.setupCode() : null;
      if (setup) log.warn({ setupCode: inFours(setup) }, `first-run setup: open ${hubOrigin}/manager and enter the setup code`);
    }, crashed);
    if (role === 'hub') {
      Menu.setApplicationMenu(null);
      return;
    }
  } else {
    // resolveShellConfig refuses any other role without the hub's address
    hubOrigin = config.hubUrl!;
  }

  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));

  handle('app:get-config', () => ({
    role: config.role,
    hubUrl: hubOrigin,
    deviceToken: config.role === 'kiosk' ? config.deviceToken : null,
  }));
  handle('printer:get-status', async () => {
    // The printer's last status as the hub knows it (every job checks it before and after).
    if (!config.deviceToken) return { ok: false, fault: 'not_configured' };
    const me = await createApiClient({ baseUrl: hubOrigin })('auth:me', {}, config.deviceToken).catch(() => null);
    const st = me?.kind === 'device' ? me.device.printerStatus : null;
    if (!me || me.kind !== 'device' || !me.device.printer) return { ok: false, fault: 'not_configured' };
    return { ok: st?.ok ?? true, fault: PrintFault.nullable().parse(st?.fault ?? null) };
  });
  const scanner = config.role === 'kiosk' ? startScanner() : null;
  handle('scanner:get-status', () =>
    scanner ? { status: scanner.device.status, source: scanner.source } : { status: 'not_configured', source: null },
  );
  handle('kiosk:exit', async ({ pin }, e) => {
    const ok = config.adminPinHash !== null && (await verifyPassword(pin, config.adminPinHash));
    const win = BrowserWindow.fromWebContents(e.sender);
    log.info({ ok }, 'kiosk exit asked');
    if (ok && win) {
      unlocked.add(win);
      win.setKiosk(false);
    }
    return { ok };
  });

  Menu.setApplicationMenu(config.role === 'all' ? roleMenu() : null);
  if (config.role === 'kiosk') {
    identityReady = pairKiosk();
    void identityReady.then(startKioskPrintAgent);
  }
  const first = openWindow(startPath(config.role));
  app.on('second-instance', () => {
    if (!first.isDestroyed()) first.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', () => {
    quitting = true;
    log.info('app quitting');
  });
}

main().catch(crashed);
