// electron-builder.yml packs what the shipped app really loads. The built main bundle runs under
// the Electron stand-in with a recorder preloaded into it and its worker thread: every module it
// loads and every file it opens while it starts the embedded hub, serves the kiosk, renders a
// ticket preview, exports XLSX and PDF, makes a backup, and runs a kiosk with a HID scanner. Each
// recorded file must then be in the package: matched by `files` (and not excluded), a production
// dependency's (electron-builder packs those), or, for native code, unpacked from the asar archive.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { load } from 'js-yaml';
import { minimatch } from 'minimatch';
import { createApiClient } from '../../main/contract/index.ts';
import { buildBundles } from '../../scripts/build.ts';
import { repoRoot } from '../helpers/child.ts';
import { ShellRun } from '../helpers/shell.ts';

interface BuilderConfig {
  files: string[];
  asarUnpack: string[];
  extraMetadata?: { main?: string };
}

const dirs: string[] = [];
beforeAll(async () => {
  await buildBundles();
}, 120_000);
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Drives the app through everything that loads code or reads files, recording all of it. */
async function recordWhatTheAppLoads(): Promise<string[]> {
  const base = mkdtempSync(join(tmpdir(), 'motcua-pack-'));
  dirs.push(base);
  const record = join(base, 'files.txt');
  writeFileSync(record, '');
  const all = new ShellRun(join(base, 'all'), ['--data', join(base, 'all', 'hub'), '--port', '0'], { recordFiles: record });
  try {
    await all.until(() => all.of('load').some((m) => String(m.url).endsWith('/kiosk')), 30_000, 'the kiosk page');
    const hubUrl = String(all.of('load').find((m) => String(m.url).endsWith('/kiosk'))!.url).replace(/\/kiosk$/, '');
    const api = createApiClient({ baseUrl: hubUrl });
    // The embedded hub listens on the LAN: the demo password must be changed first.
    const login = await api('auth:login', { username: 'admin', password: 'motcua-admin' });
    await api('auth:change-password', { currentPassword: 'motcua-admin', newPassword: 'mat-khau-dong-goi' }, login.token);
    const admin = login.token;
    await fetch(`${hubUrl}/manager`);
    await fetch(`${hubUrl}/voice/vi-espeak/manifest.json`);
    expect((await api('print:preview', { widthDots: 576 }, admin)).png.length).toBeGreaterThan(1000);
    for (const format of ['xlsx', 'pdf'] as const) {
      let s = await api('stats:export', { preset: 'today', format, table: 'fields' }, admin);
      while (s.state === 'running') {
        await new Promise((r) => setTimeout(r, 50));
        s = await api('stats:export-status', { id: s.id }, admin);
      }
      expect(s.state).toBe('done');
      expect((await api('stats:export-file', { id: s.id }, admin)).base64.length).toBeGreaterThan(1000);
    }
    await api('backups:create', {}, admin);

    // A kiosk app with a HID scanner, paired to that hub.
    const created = await api('devices:create', { kind: 'kiosk', name: 'Kiosk đóng gói', counterId: null }, admin);
    const kioskData = join(base, 'kiosk');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(kioskData, { recursive: true });
    writeFileSync(
      join(kioskData, 'motcua.json'),
      JSON.stringify({
        role: 'kiosk',
        hubUrl,
        scanner: { kind: 'hid', vendorId: 0x05e0, productId: 0x1200, mode: 'keyboard', layout: 'us' },
      }),
    );
    const kiosk = new ShellRun(kioskData, ['--pair', created.code], { recordFiles: record });
    try {
      await kiosk.until(() => kiosk.of('load').some((m) => String(m.url).endsWith('/kiosk')), 30_000, 'the kiosk app page');
      expect((await kiosk.invoke('scanner:get-status', {}, `${hubUrl}/kiosk`)).value).toMatchObject({ status: 'searching' });
    } finally {
      await kiosk.stop();
    }
  } finally {
    await all.stop();
  }
  return [...new Set(readFileSync(record, 'utf8').split('\n').filter(Boolean))];
}

/** The production dependency closure, as npm sees it (what electron-builder packs). */
function productionPackages(): Set<string> {
  const r = spawnSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: repoRoot, encoding: 'utf8' });
  return new Set(
    r.stdout
      .split('\n')
      .filter((l) => l.includes(`${sep}node_modules${sep}`))
      .map((l) => relative(repoRoot, l).split(sep).join('/')),
  );
}

/**
 * Packages a production dependency tries to load inside try/catch and does well without: found
 * here only because the development tools installed them. Each says who asks and why it is fine.
 */
const optionalAtRuntime: Record<string, string> = {
  'node_modules/supports-color': 'debug (under serialport) looks for it to colour its output, and swallows its absence',
  'node_modules/has-flag': 'only supports-color loads it',
};

function packageDirOf(rel: string): string {
  const parts = rel.split('/');
  const i = parts.lastIndexOf('node_modules');
  const take = parts[i + 1]!.startsWith('@') ? 3 : 2;
  return parts.slice(0, i + take).join('/');
}

function matches(rel: string, patterns: readonly string[]): boolean {
  const positive = patterns.filter((p) => !p.startsWith('!'));
  const negative = patterns.filter((p) => p.startsWith('!')).map((p) => p.slice(1));
  return positive.some((p) => minimatch(rel, p, { dot: true })) && !negative.some((p) => minimatch(rel, p, { dot: true }));
}

it('every file the shipped app loads or reads is in the package, and native code is unpacked', async () => {
  const config = load(readFileSync(join(repoRoot, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
  expect(config.extraMetadata?.main).toBe('dist/electron/main.cjs');
  const recorded = await recordWhatTheAppLoads();
  const root = repoRoot.replace(/[/\\]$/, '');
  const inRepo = recorded.filter((p) => p.startsWith(root + sep)).map((p) => relative(root, p).split(sep).join('/'));
  // Entry points Electron and the hub open without the recorder seeing them.
  const entries = ['dist/electron/main.cjs', 'dist/electron/preload.cjs', 'dist/electron/hub-worker.mjs', 'package.json'];
  const needed = [...new Set([...entries, ...inRepo.filter((p) => !p.startsWith('tests/'))])];
  const production = productionPackages();
  const problems: string[] = [];
  for (const rel of needed) {
    if (rel.startsWith('node_modules/')) {
      const pkg = packageDirOf(rel);
      if (optionalAtRuntime[pkg]) continue;
      if (!production.has(pkg)) problems.push(`${rel}: ${pkg} is not a production dependency (electron-builder would leave it out)`);
      else if (!matches(rel, ['**/*', ...config.files.filter((p) => p.startsWith('!'))])) problems.push(`${rel}: excluded by files`);
    } else if (!matches(rel, config.files)) problems.push(`${rel}: not matched by files`);
    if (rel.endsWith('.node') && !config.asarUnpack.some((p) => minimatch(rel, p, { dot: true })))
      problems.push(`${rel}: native code left inside the asar archive`);
  }
  expect(problems).toEqual([]);
  // What the run must have touched, or the check above proves little.
  const touched = (re: RegExp) => needed.some((p) => re.test(p));
  expect(touched(/^node_modules\/better-sqlite3\/.*\.node$/)).toBe(true);
  expect(touched(/^node_modules\/node-hid\//)).toBe(true);
  expect(touched(/^node_modules\/@napi-rs\/canvas/)).toBe(true);
  expect(touched(/^node_modules\/@fontsource\/be-vietnam-pro\/files\/.*\.woff2$/)).toBe(true);
  expect(touched(/^node_modules\/exceljs\//)).toBe(true); // loaded in the worker thread
  expect(touched(/^dist\/fonts\/LiberationSerif-.*\.ttf$/)).toBe(true); // the official report's font (Nghị định 30/2020)
  expect(touched(/^dist\/renderer\/index\.html$/)).toBe(true);
  expect(touched(/^dist\/renderer\/voice\/vi-espeak\/manifest\.json$/)).toBe(true);
}, 120_000);

it('the systemd unit runs the built hub as its own user, restarts it, and sets what the hub reads', async () => {
  const { parseHubArgs } = await import('../../main/cli/args.ts');
  const unit = readFileSync(join(repoRoot, 'deploy', 'motcua-hub.service'), 'utf8');
  const values = (key: string) => [...unit.matchAll(new RegExp(`^${key}=(.*)$`, 'gm'))].map((m) => m[1]!.trim());
  const [execStart] = values('ExecStart');
  const [, script, ...args] = execStart!.split(/\s+/);
  expect(script).toMatch(/\/dist\/hub\.mjs$/);
  expect(readFileSync(join(repoRoot, 'dist', 'hub.mjs'), 'utf8').length).toBeGreaterThan(0); // what it names is built
  expect(values('Restart')).toEqual(['on-failure']);
  expect(values('User')[0]).not.toBe('root');
  const env = Object.fromEntries(values('Environment').map((e) => e.split('=', 2) as [string, string]));
  expect(parseHubArgs(args, env)).toMatchObject({
    dataDir: '/var/lib/motcua',
    host: '0.0.0.0',
    port: 8686,
    seedDemo: false,
    hostNames: [],
  });
  expect(values('ReadWritePaths')).toEqual(['/var/lib/motcua']);
  // The data folder is the service user's alone (the hub also keeps it 700/600 itself).
  expect(values('StateDirectoryMode')).toEqual(['0700']);
  expect(values('UMask')).toEqual(['0077']);
});
