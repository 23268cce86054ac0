// The hub as it ships vs from sources: time from `node` starting to the hub listening (the
// TypeScript run through tsx is the baseline, measured in the same run), memory at rest, and,
// with MOTCUA_BENCH_INSTALL=1, the size of a server install (`npm ci --omit=dev`) and whether the
// built hub runs on it.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot, waitExit } from '../tests/helpers/child.ts';
import { median, round, rssMbOf, writeResult } from './lib.ts';

const RUNS = 7;

async function startOnce(args: string[], cwd = repoRoot): Promise<{ ms: number; rssMb: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-bench-start-'));
  const t0 = performance.now();
  const child = spawn(process.execPath, [...args, '--port', '0', '--host', '127.0.0.1', '--data', dir], {
    cwd,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const ms = await new Promise<number>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (/listening on/.test(out)) resolve(performance.now() - t0);
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
    await new Promise((r) => setTimeout(r, 1000));
    return { ms, rssMb: rssMbOf(child.pid!) };
  } finally {
    child.kill('SIGTERM');
    await waitExit(child);
    rmSync(dir, { recursive: true, force: true });
  }
}

function duMb(path: string): number {
  const r = spawnSync('du', ['-sk', path], { encoding: 'utf8' });
  return round(Number(r.stdout.split(/\s+/)[0]) / 1024, 1);
}

export async function run(): Promise<void> {
  const built = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts'], { cwd: repoRoot, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('build failed');
  const bundle: { ms: number; rssMb: number }[] = [];
  const source: { ms: number; rssMb: number }[] = [];
  await startOnce([join(repoRoot, 'dist', 'hub.mjs')]); // warm the disk cache for both
  for (let i = 0; i < RUNS; i++) {
    // interleaved, so both see the same machine
    bundle.push(await startOnce([join(repoRoot, 'dist', 'hub.mjs')]));
    source.push(await startOnce(['--import', 'tsx', join(repoRoot, 'main', 'cli', 'hub.ts')]));
  }
  let install: Record<string, unknown> | null = null;
  if (process.env.MOTCUA_BENCH_INSTALL === '1') {
    const dir = mkdtempSync(join(tmpdir(), 'motcua-bench-install-'));
    try {
      for (const f of ['package.json', 'package-lock.json']) copyFileSync(join(repoRoot, f), join(dir, f));
      cpSync(join(repoRoot, 'dist'), join(dir, 'dist'), {
        recursive: true,
        filter: (p) => !p.includes(`${join('dist', 'bench')}`) && !p.includes(join('dist', 'electron')),
      });
      const t0 = performance.now();
      const ci = spawnSync('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund', '--ignore-scripts=false'], {
        cwd: dir,
        stdio: 'inherit',
        env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
      });
      if (ci.status !== 0) throw new Error('npm ci --omit=dev failed');
      const installMs = performance.now() - t0;
      const started = await startOnce([join(dir, 'dist', 'hub.mjs')], dir);
      install = {
        node_modules_mb: duMb(join(dir, 'node_modules')),
        dist_mb: duMb(join(dir, 'dist')),
        install_s: round(installMs / 1000, 1),
        start_ms_on_server_install: round(started.ms),
        packages:
          spawnSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: dir, encoding: 'utf8' }).stdout.split('\n').filter(Boolean)
            .length - 1,
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const b = median(bundle.map((x) => x.ms));
  const s = median(source.map((x) => x.ms));
  const file = writeResult('startup', {
    hub_start_bundle_ms: round(b),
    hub_start_tsx_ms: round(s),
    bundle_to_tsx_start: round(b / s, 2),
    hub_rss_bundle_mb: median(bundle.map((x) => x.rssMb)),
    hub_rss_tsx_mb: median(source.map((x) => x.rssMb)),
    server_install: install,
    detail: {
      runs: RUNS,
      measured: 'spawn of node → "listening on" printed (fresh data folder each time: demo seeded, migrations run), median; RSS 1 s later',
      bundle: 'node dist/hub.mjs',
      source: 'node --import tsx main/cli/hub.ts',
      runs_ms: { bundle: bundle.map((x) => round(x.ms)), source: source.map((x) => round(x.ms)) },
    },
  });
  console.log(`written ${file}`);
}
