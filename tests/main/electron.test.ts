// The Electron shell's decisions, tested without Electron; the real app where a binary exists.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { AppRole, ipcChannels } from '../../main/contract/index.ts';
import { resolveShellConfig, startPath } from '../../main/electron/config.ts';
import { checkIpc } from '../../main/electron/ipcValidation.ts';
import { isAllowedNavigation, windowOptions } from '../../main/electron/windowOptions.ts';
import { repoRoot, waitExit } from '../helpers/child.ts';

const hub = 'http://192.168.1.10:8686';

describe('shell configuration', () => {
  it('defaults to the all-in-one role; device roles need a hub address', () => {
    expect(resolveShellConfig([], null)).toMatchObject({ role: 'all', hubUrl: null, port: 8686 });
    expect(resolveShellConfig(['--role', 'kiosk', '--hub', `${hub}/`], null)).toMatchObject({ role: 'kiosk', hubUrl: hub });
    expect(resolveShellConfig(['--role=display', `--hub=${hub}`], null).role).toBe('display');
    expect(resolveShellConfig([], { role: 'counter', hubUrl: hub }).role).toBe('counter');
    expect(resolveShellConfig(['--role', 'manager'], { role: 'counter', hubUrl: hub }).role).toBe('manager');
    expect(() => resolveShellConfig(['--role', 'kiosk'], null)).toThrow(/needs --hub/);
    expect(() => resolveShellConfig(['--role', 'cashier'], null)).toThrow(/--role must be one of/);
    expect(() => resolveShellConfig(['--role', 'kiosk', '--hub', 'javascript:alert(1)'], null)).toThrow(/--hub/);
    expect(startPath('rating', 4)).toBe('/rating/4');
    expect(resolveShellConfig(['--role', 'kiosk', '--hub', hub, '--pair', 'ABCD2345'], null).pairCode).toBe('ABCD2345');
    expect(resolveShellConfig(['--role', 'kiosk'], { hubUrl: hub, deviceToken: 'tok' }).deviceToken).toBe('tok');
    expect(() => resolveShellConfig(['--role', 'kiosk', '--hub', hub, '--pair', '../x'], null)).toThrow(/--pair/);
  });
});

describe('windows', () => {
  it.each(AppRole.options)('%s: isolated, sandboxed, no Node in the page', (role) => {
    const o = windowOptions(role, '/app/preload.cjs');
    expect(o.webPreferences).toMatchObject({
      contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false, webSecurity: true,
      webviewTag: false, allowRunningInsecureContent: false, preload: '/app/preload.cjs',
    });
  });

  it('the kiosk is fullscreen, in kiosk mode, without devtools; the manager console is a normal window', () => {
    expect(windowOptions('kiosk', 'p')).toMatchObject({ kiosk: true, fullscreen: true, autoHideMenuBar: true });
    expect(windowOptions('kiosk', 'p').webPreferences?.devTools).toBe(false);
    expect(windowOptions('manager', 'p')).toMatchObject({ kiosk: false, fullscreen: false });
  });

  it('navigation stays on the hub', () => {
    expect(isAllowedNavigation(`${hub}/manager`, hub)).toBe(true);
    for (const bad of ['http://192.168.1.11:8686/', 'https://192.168.1.10:8686/', 'file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,x', 'not a url']) {
      expect(isAllowedNavigation(bad, hub), bad).toBe(false);
    }
  });
});

describe('IPC validation', () => {
  it('accepts a well-formed message from a hub page only', () => {
    expect(checkIpc('kiosk:exit', `${hub}/kiosk`, hub, { pin: '123456' })).toEqual({ ok: true, payload: { pin: '123456' } });
    expect(checkIpc('kiosk:exit', 'http://evil.example/kiosk', hub, { pin: '123456' }).ok).toBe(false);
    expect(checkIpc('kiosk:exit', undefined, hub, { pin: '123456' }).ok).toBe(false);
    expect(checkIpc('kiosk:exit', `${hub}/kiosk`, hub, { pin: 123456 }).ok).toBe(false);
    expect(checkIpc('printer:get-status', `${hub}/kiosk`, hub, { extra: true }).ok).toBe(false);
    expect(checkIpc('kiosk:exit', `${hub}/kiosk`, hub, { pin: '12a4' }).ok).toBe(false);
    expect(checkIpc('constructor' as never, `${hub}/kiosk`, hub, {}).ok).toBe(false);
  });
});

describe('preload', () => {
  it('exposes one frozen object with one function per channel, and never ipcRenderer', async () => {
    const out = await build({ entryPoints: [join(repoRoot, 'main/electron/preload.ts')], bundle: true, platform: 'node', format: 'cjs', write: false, external: ['electron'] });
    const exposed: Record<string, unknown> = {};
    const invoked: [string, unknown][] = [];
    const fakeElectron = {
      contextBridge: { exposeInMainWorld: (key: string, value: unknown) => { exposed[key] = value; } },
      ipcRenderer: { invoke: async (channel: string, payload: unknown) => { invoked.push([channel, payload]); return null; }, on: () => undefined, removeListener: () => undefined },
    };
    runInNewContext(out.outputFiles[0]!.text, { require: (m: string) => (m === 'electron' ? fakeElectron : null), module: { exports: {} }, exports: {} });
    expect(Object.keys(exposed)).toEqual(['motcua']);
    const api = exposed.motcua as Record<string, (...a: unknown[]) => unknown>;
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.keys(api).sort()).toEqual(['appConfig', 'exitKiosk', 'onCodeScanned', 'printerStatus', 'scannerStatus']);
    expect(Object.values(api).every((f) => typeof f === 'function')).toBe(true);
    await api.printerStatus!();
    await api.exitKiosk!({ pin: '1234' });
    await api.appConfig!();
    await api.scannerStatus!();
    expect(invoked.map(([c]) => c).sort()).toEqual(Object.keys(ipcChannels).sort());
  });
});

describe('npm start', () => {
  it('without an Electron binary, says so and serves every role from the headless hub', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'motcua-start-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'main/cli/start.ts', '--port', '0', '--host', '127.0.0.1', '--data', dir], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    try {
      await expect.poll(() => out, { timeout: 30_000 }).toMatch(/Màn hình sảnh/);
      expect(out).toMatch(/Electron binary is missing/);
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)![1]!;
      expect(out).toContain(`${url}/kiosk#pair=`);
      expect(out).toContain(`${url}/counter`);
      expect(out).toContain(`${url}/manager`);
      const page = await fetch(`${url}/counter`);
      expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
      expect(await page.text()).toContain('<div id="root">');
    } finally {
      child.kill('SIGTERM');
      await waitExit(child);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

function electronBinary(): string | null {
  try {
    const p = createRequire(import.meta.url)('electron') as unknown;
    return typeof p === 'string' && existsSync(p) ? p : null;
  } catch {
    return null;
  }
}
const binary = electronBinary();
if (!binary) console.warn('SKIPPED Electron app tests: the Electron binary is not installed here (ELECTRON_SKIP_BINARY_DOWNLOAD); they run where it exists.');

describe.skipIf(!binary)('the Electron app (Playwright _electron)', () => {
  it('opens the kiosk window locked down, with the bridge and no Node', async () => {
    const { _electron } = await import('playwright-core');
    await import('../../main/electron/build.ts');
    const dir = mkdtempSync(join(tmpdir(), 'motcua-electron-'));
    const app = await _electron.launch({ executablePath: binary!, args: [repoRoot, '--data', dir, '--port', '0'] });
    try {
      const win = await app.firstWindow();
      await win.waitForURL(/\/kiosk/);
      expect(await win.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
      expect(await win.evaluate(() => Object.isFrozen((globalThis as { motcua?: object }).motcua))).toBe(true);
      expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.isKiosk())).toBe(true);
    } finally {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

it('electron-builder unpacks native modules from asar', () => {
  const yml = readFileSync(join(repoRoot, 'electron-builder.yml'), 'utf8');
  expect(yml).toMatch(/asarUnpack:[\s\S]*\*\*\/\*\.node/);
  expect(yml).toMatch(/better-sqlite3/);
  expect(yml).toMatch(/target: nsis/);
  expect(yml).toMatch(/AppImage/);
  expect(yml).toMatch(/- deb/);
});
