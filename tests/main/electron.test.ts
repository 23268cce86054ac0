// The Electron shell's decisions, tested without Electron; the real app where a binary exists.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppRole } from '../../main/contract/index.ts';
import { parseShellConfigFile, resolveShellConfig, startPath } from '../../main/electron/config.ts';
import { backoffMs, connectingPage, crashDecision } from '../../main/electron/recovery.ts';
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
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
      preload: '/app/preload.cjs',
    });
  });

  it('the kiosk is fullscreen, in kiosk mode, without devtools; the manager console is a normal window', () => {
    expect(windowOptions('kiosk', 'p')).toMatchObject({ kiosk: true, fullscreen: true, autoHideMenuBar: true });
    expect(windowOptions('kiosk', 'p').webPreferences?.devTools).toBe(false);
    expect(windowOptions('manager', 'p')).toMatchObject({ kiosk: false, fullscreen: false });
  });

  it('the all-in-one app locks itself only once a staff PIN exists (a fresh install must have a way out)', () => {
    expect(windowOptions('all', 'p', { pinSet: false })).toMatchObject({ kiosk: false, fullscreen: false });
    expect(windowOptions('all', 'p', { pinSet: true })).toMatchObject({ kiosk: true, fullscreen: true });
  });

  it('navigation stays on the hub', () => {
    expect(isAllowedNavigation(`${hub}/manager`, hub)).toBe(true);
    for (const bad of [
      'http://192.168.1.11:8686/',
      'https://192.168.1.10:8686/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/html,x',
      'not a url',
    ]) {
      expect(isAllowedNavigation(bad, hub), bad).toBe(false);
    }
  });
});

describe('motcua.json', () => {
  it('is checked against its schema, and a mistake is said in both languages', () => {
    expect(parseShellConfigFile(null)).toEqual({ ok: true, file: null });
    expect(parseShellConfigFile('{"role":"display","hubUrl":"http://10.0.0.5:8686","startAtLogin":true}')).toMatchObject({
      ok: true,
      file: { role: 'display', startAtLogin: true },
    });
    const notJson = parseShellConfigFile('{"role": kiosk}');
    expect(notJson.ok).toBe(false);
    expect(!notJson.ok && notJson.message).toMatch(/^Tệp motcua.json không phải JSON hợp lệ \/ motcua.json is not valid JSON/);
    const wrong = parseShellConfigFile('{"role":"cashier","port":"8686","scanner":{"kind":"hid"}}');
    expect(!wrong.ok && wrong.message).toMatch(/role.*port.*scanner/s);
    expect(parseShellConfigFile('{"adminPinHash":"1234"}').ok).toBe(false); // a PIN in clear, not its hash
  });
});

describe('recovery', () => {
  it('retries back off to half a minute; a crash relaunches unless five came within ten minutes', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 20].map(backoffMs)).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
    const now = 10 * 60 * 60_000;
    expect(crashDecision([], now)).toEqual({ crashes: [now], relaunch: true });
    expect(crashDecision([now - 11 * 60_000, now - 3000, now - 2000, now - 1000], now)).toEqual({
      crashes: [now - 3000, now - 2000, now - 1000, now],
      relaunch: true,
    });
    expect(crashDecision([now - 4000, now - 3000, now - 2000, now - 1000], now).relaunch).toBe(false);
    const page = connectingPage('http://10.0.0.5:8686', 2, 4000, 'ECONNREFUSED');
    expect(page).toContain('Đang kết nối tới máy chủ…');
    expect(page).toContain('http://10.0.0.5:8686');
    expect(page).toContain('Thử lại sau 4 giây (lần 3)');
    expect(connectingPage('http://x/<script>', 0, 1000, null)).not.toContain('<script>');
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

describe('npm start', () => {
  it('without an Electron binary, says so and serves every role from the headless hub', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'motcua-start-'));
    const child = spawn(process.execPath, [join(repoRoot, 'dist', 'start.mjs'), '--port', '0', '--host', '127.0.0.1', '--data', dir], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
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
if (!binary)
  console.warn(
    'SKIPPED Electron app tests: the Electron binary is not installed here (ELECTRON_SKIP_BINARY_DOWNLOAD); they run where it exists.',
  );

describe.skipIf(!binary)('the Electron app (Playwright _electron)', () => {
  it('opens the kiosk window locked down, with the bridge and no Node', async () => {
    const { _electron } = await import('playwright-core');
    await (await import('../../scripts/build.ts')).buildBundles();
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
