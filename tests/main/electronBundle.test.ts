// The Electron shell as shipped: dist/electron/main.cjs, built exactly as `npm run dist` builds
// it, run in plain Node with a stand-in for the `electron` module only (tests/helpers/
// electronStandIn.cjs). Everything else in the bundle is the real code: the embedded hub, the
// pairing, the print agent to an ESC/POS emulator, node-hid, the logs, the crash handling.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient, defaultPrinterConfig, ipcChannels } from '../../main/contract/index.ts';
import { PrinterEmulator } from '../../tools/printer/emulator.ts';
import { hashPassword } from '../../main/base/passwords.ts';
import { buildBundles } from '../../scripts/build.ts';
import { freePort, repoRoot, spawnBuiltHub, waitExit } from '../helpers/child.ts';
import { ShellRun, type Msg } from '../helpers/shell.ts';

const dirs: string[] = [];
function tempDir(name: string): string {
  const d = mkdtempSync(join(tmpdir(), `motcua-shell-${name}-`));
  dirs.push(d);
  return d;
}

beforeAll(async () => {
  await buildBundles();
}, 120_000);
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('the built Electron main process, all in one', () => {
  it('starts the embedded hub and opens the kiosk page it serves, windowed on a fresh install; every IPC handler exists and validates', async () => {
    const userData = tempDir('all');
    const run = new ShellRun(userData, ['--data', join(userData, 'hub'), '--port', '0']);
    try {
      await run.until(() => run.of('load').some((m) => String(m.url).endsWith('/kiosk')), 30_000, 'the kiosk page');
      const load = run.of('load').find((m) => String(m.url).endsWith('/kiosk'))!;
      expect(load.status).toBe(200);
      expect(String(load.html)).toContain('<div id="root">');
      const hubUrl = String(load.url).replace(/\/kiosk$/, '');
      expect((await (await fetch(`${hubUrl}/api/health`)).json()) as { ok: boolean }).toMatchObject({ ok: true });

      const win = run.of('window')[0]! as Msg & {
        options: { kiosk: boolean; fullscreen: boolean; webPreferences: Record<string, unknown> };
      };
      expect(win.options.kiosk).toBe(false); // no PIN yet: a fresh install is not locked with no way out
      expect(win.options.webPreferences).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        preload: join(repoRoot, 'dist', 'electron', 'preload.cjs'),
      });
      expect(run.of('menu')[0]!.labels).toContain('Quản lý');
      expect(run.of('permissions-locked')).toHaveLength(1);

      // The handlers the preload calls, one per channel, each answering a hub page and refusing the rest.
      expect(
        run
          .of('ipc-handler')
          .map((m) => m.channel)
          .sort(),
      ).toEqual(Object.keys(ipcChannels).sort());
      const page = `${hubUrl}/kiosk`;
      expect((await run.invoke('app:get-config', {}, page)).value).toMatchObject({ role: 'all', hubUrl });
      expect((await run.invoke('scanner:get-status', {}, page)).value).toEqual({ status: 'not_configured', source: null });
      expect((await run.invoke('printer:get-status', {}, page)).value).toEqual({ ok: false, fault: 'not_configured' });
      expect((await run.invoke('kiosk:exit', { pin: '1234' }, page)).value).toEqual({ ok: false });
      expect((await run.invoke('app:get-config', {}, 'http://evil.example/kiosk')).error).toBe('refused');
      expect((await run.invoke('kiosk:exit', { pin: 1234 }, page)).error).toBe('refused');
      expect((await run.invoke('app:get-config', { extra: 1 }, page)).error).toBe('refused');
      expect(run.logText()).toContain('ipc refused');

      // Not locked: the window may be closed.
      expect((await run.command({ type: 'close', window: 1 }, 'closed')).prevented).toBe(false);
      expect(run.logText()).toContain('embedded hub started');
    } finally {
      await run.stop();
    }
  }, 60_000);
});

describe('the built Electron main process, as the hub of a server PC', () => {
  it('--role hub runs the hub with no window and no demo data; the setup code is in its log', async () => {
    const userData = tempDir('hubrole');
    const port = await freePort();
    const run = new ShellRun(userData, ['--role', 'hub', '--port', String(port)]);
    try {
      await run.until(() => run.logText().includes('embedded hub started'), 30_000, 'the hub');
      const health = (await (await fetch(`http://127.0.0.1:${port}/api/health`)).json()) as { ok: boolean };
      expect(health.ok).toBe(true);
      const setup = (await (await fetch(`http://127.0.0.1:${port}/api/setup`)).json()) as { needed: boolean };
      expect(setup.needed).toBe(true);
      expect(run.logText()).toMatch(/"setupCode":"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}"/);
      expect(run.of('window')).toHaveLength(0);
    } finally {
      await run.stop();
    }
  }, 60_000);
});

describe('the built Electron main process, as a kiosk device', () => {
  it('waits for a hub that is not up, pairs, prints a ticket to the printer, keeps its scanner and its lock', async () => {
    const hubData = tempDir('hub');
    const userData = tempDir('kiosk');
    const port = await freePort();
    const emu = new PrinterEmulator(576);
    const printerPort = await emu.listen();
    // The manager prepares the kiosk: a device with a printer driven by the kiosk's own app.
    let hub = await spawnBuiltHub(hubData, { port });
    const api = createApiClient({ baseUrl: hub.url });
    const admin = (await api('auth:login', { username: 'admin', password: 'motcua-admin' })).token;
    const created = await api('devices:create', { kind: 'kiosk', name: 'Kiosk tầng 1', counterId: null }, admin);
    await api(
      'devices:set-printer',
      { id: created.device.id, printer: { ...defaultPrinterConfig, port: printerPort, attachedTo: 'device' } },
      admin,
    );
    hub.child.kill('SIGTERM');
    await waitExit(hub.child);

    // 7:30: the kiosk PC starts before the hub PC.
    writeFileSync(
      join(userData, 'motcua.json'),
      JSON.stringify({
        role: 'kiosk',
        hubUrl: `http://127.0.0.1:${port}`,
        adminPinHash: await hashPassword('246810'),
        startAtLogin: true,
        scanner: { kind: 'hid', vendorId: 0x0c2e, productId: 0x0b61, mode: 'pos', layout: 'us' },
      }),
    );
    const run = new ShellRun(userData, ['--pair', created.code]);
    try {
      await run.until(() => run.of('load').some((m) => m.url === 'data:'), 20_000, 'the waiting page');
      const waiting = run.of('load').find((m) => m.url === 'data:')!;
      expect(String(waiting.html)).toContain('Đang kết nối tới máy chủ…');
      expect(String(waiting.html)).toContain(`http://127.0.0.1:${port}`);
      expect(run.of('login-item')[0]!.settings).toMatchObject({ openAtLogin: true });
      const win = run.of('window')[0]! as Msg & { options: { kiosk: boolean } };
      expect(win.options.kiosk).toBe(true);

      hub = await spawnBuiltHub(hubData, { port }); // the hub comes up
      await run.until(
        () => run.of('load').some((m) => String(m.url).endsWith('/kiosk') && m.status === 200),
        40_000,
        'the kiosk page after the hub came up',
      );
      const saved = JSON.parse(readFileSync(join(userData, 'motcua.json'), 'utf8')) as { deviceToken?: string; role: string };
      expect(saved.role).toBe('kiosk'); // the technician's settings are kept
      expect(saved.deviceToken).toMatch(/^[A-Za-z0-9_-]{20,}$/);
      const page = `http://127.0.0.1:${port}/kiosk`;
      expect((await run.invoke('app:get-config', {}, page)).value).toMatchObject({ role: 'kiosk', deviceToken: saved.deviceToken });

      // The print agent in the app prints what the hub queues for this kiosk.
      await run.until(() => run.logText().includes('print agent started'), 20_000, 'the print agent');
      const fields = await api('fields:list', {}, admin);
      const issued = await api('ticket:issue', { fieldId: fields[0]!.id, priority: false }, saved.deviceToken);
      const job = await emu.nextJob(15_000);
      expect(job.cut).toBe(true);
      expect(job.bitmap.height).toBeGreaterThan(300);
      expect(job.png().subarray(1, 4).toString()).toBe('PNG');
      expect((await api('print:get', { id: issued.printJobId!, waitMs: 5000 }, admin)).status).toBe('printed');

      // node-hid is loaded from the bundle and a scanner that is not plugged in is waited for.
      expect((await run.invoke('scanner:get-status', {}, page)).value).toEqual({ status: 'searching', source: 'c2e:b61 (pos)' });

      // Alt+F4 does nothing until staff give the PIN.
      expect((await run.command({ type: 'close', window: 1 }, 'closed')).prevented).toBe(true);
      expect((await run.invoke('kiosk:exit', { pin: '111111' }, page)).value).toEqual({ ok: false });
      expect((await run.command({ type: 'close', window: 1 }, 'closed')).prevented).toBe(true);
      expect((await run.invoke('kiosk:exit', { pin: '246810' }, page)).value).toEqual({ ok: true });
      expect(run.of('kiosk').at(-1)).toMatchObject({ on: false });
      expect((await run.command({ type: 'close', window: 1 }, 'closed')).prevented).toBe(false);

      const logText = run.logText();
      expect(logText).toContain('hub not reachable');
      expect(logText).toContain('paired with the hub');
      expect(logText).toContain('print job sent');
      expect(logText).toContain('close refused');
    } finally {
      await run.stop();
      hub.child.kill('SIGTERM');
      await waitExit(hub.child);
      await emu.close();
    }
  }, 120_000);
});

describe('the built Electron main process, when things go wrong', () => {
  it('a broken motcua.json gives a message in Vietnamese and English and a log line, not a crash', async () => {
    const userData = tempDir('bad');
    writeFileSync(join(userData, 'motcua.json'), JSON.stringify({ role: 'kiosk', hubUrl: 'ftp://hub', colour: 'red' }));
    const run = new ShellRun(userData, []);
    try {
      await run.until(() => run.of('exit').length > 0, 20_000, 'the exit');
      const box = run.of('error-box')[0]!;
      expect(box.title).toBe('motcua: cài đặt không hợp lệ / invalid settings');
      expect(String(box.body)).toMatch(/hubUrl/);
      expect(String(box.body)).toMatch(/colour/);
      expect(String(box.body)).toContain('Hãy sửa tệp motcua.json');
      expect(run.of('exit')[0]!.code).toBe(1);
      expect(run.of('relaunch')).toHaveLength(0);
      expect(run.logText()).toMatch(/"level":"fatal".*invalid settings/);
    } finally {
      await run.stop();
    }
  }, 30_000);

  it('a crash in the main process is logged and relaunches the app; a crash loop stops with a message', async () => {
    const userData = tempDir('crash');
    const first = new ShellRun(userData, ['--data', join(userData, 'hub'), '--port', '0']);
    try {
      await first.until(() => first.of('load').length > 0, 30_000, 'the first page');
      first.child.send({ type: 'throw', message: 'bộ nhớ hỏng / boom' });
      await first.until(() => first.of('exit').length > 0, 10_000, 'the exit after the crash');
      expect(first.of('relaunch')).toHaveLength(1);
      expect(first.of('exit')[0]!.code).toBe(1);
      expect(first.logText()).toMatch(/"level":"fatal".*main process crashed/);
      expect(first.logText()).toContain('relaunching after a crash');
    } finally {
      await first.stop();
    }
    // Four more crashes in ten minutes: the fifth does not relaunch.
    const recent = JSON.parse(readFileSync(join(userData, 'crashes.json'), 'utf8')) as number[];
    writeFileSync(join(userData, 'crashes.json'), JSON.stringify([...recent, Date.now() - 1000, Date.now() - 500, Date.now() - 100]));
    const last = new ShellRun(userData, ['--data', join(userData, 'hub'), '--port', '0']);
    try {
      await last.until(() => last.of('load').length > 0, 30_000, 'the page');
      last.child.send({ type: 'throw', message: 'lại hỏng / boom again' });
      await last.until(() => last.of('exit').length > 0, 10_000, 'the exit');
      expect(last.of('relaunch')).toHaveLength(0);
      expect(last.of('error-box')[0]!.title).toBe('motcua: ứng dụng gặp lỗi liên tục / the app keeps crashing');
    } finally {
      await last.stop();
    }
  }, 60_000);
});

describe('the built preload', () => {
  it('exposes one frozen object with one function per channel, and never ipcRenderer', async () => {
    const code = readFileSync(join(repoRoot, 'dist', 'electron', 'preload.cjs'), 'utf8');
    const exposed: Record<string, unknown> = {};
    const invoked: [string, unknown][] = [];
    const standInElectron = {
      contextBridge: {
        exposeInMainWorld: (key: string, value: unknown) => {
          exposed[key] = value;
        },
      },
      ipcRenderer: {
        invoke: async (channel: string, payload: unknown) => {
          invoked.push([channel, payload]);
          return null;
        },
        on: () => undefined,
        removeListener: () => undefined,
      },
    };
    // A sandboxed preload: no Node, only a `require` that knows 'electron'.
    runInNewContext(code, {
      require: (m: string) => {
        if (m === 'electron') return standInElectron;
        throw new Error(`a sandboxed preload cannot require ${m}`);
      },
      module: { exports: {} },
      exports: {},
    });
    expect(Object.keys(exposed)).toEqual(['motcua']);
    const api = exposed.motcua as Record<string, (...a: unknown[]) => unknown>;
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.keys(api).sort()).toEqual(['appConfig', 'exitKiosk', 'onCodeScanned', 'printerStatus', 'scannerStatus']);
    await api.printerStatus!();
    await api.exitKiosk!({ pin: '1234' });
    await api.appConfig!();
    await api.scannerStatus!();
    expect(invoked.map(([c]) => c).sort()).toEqual(Object.keys(ipcChannels).sort());
  });
});
