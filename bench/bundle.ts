// The hub as shipped, for benchmarks: esbuild bundles run by plain Node, and the seeded year of a
// large center they measure it on.
import { existsSync } from 'node:fs';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { build } from 'esbuild';
import { repoRoot } from '../tests/helpers/child.ts';
import { benchRoot } from './lib.ts';

export const YEAR_END = '2026-11-20';
const TICKETS = Number(process.env.MOTCUA_BENCH_TICKETS ?? 1_000_000);

/** The seeded year is reused between runs (it takes a minute to make). */
export function seededYear(): string {
  const dir = join(benchRoot, '.data', `year-${TICKETS}`);
  if (!existsSync(join(dir, 'motcua.db'))) {
    console.log(`seeding ${TICKETS} tickets into ${dir} …`);
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'tools/seedYear.ts', '--data', dir, '--tickets', String(TICKETS), '--end', YEAR_END],
      { cwd: repoRoot, stdio: 'inherit' },
    );
    if (r.status !== 0) throw new Error('seed:year failed');
  }
  return dir;
}

/**
 * The hub as the app ships it: bundled by esbuild (as the Electron shell bundles it) and run by
 * plain Node, so its memory is the product's and not tsx's (which adds ~35 MB at rest).
 */
export async function bundledHub(): Promise<string> {
  // Inside the checkout, so the native modules resolve from its node_modules.
  const outdir = join(repoRoot, 'dist', 'bench');
  // The off-loop worker is a bundle of its own, found beside the hub's (hub-worker.mjs).
  await build({
    entryPoints: { hub: join(repoRoot, 'main/cli/hub.ts'), 'hub-worker': join(repoRoot, 'main/hub/offLoopWorker.ts') },
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
    external: ['better-sqlite3', 'node-hid', 'serialport', 'usb', '@napi-rs/canvas', 'exceljs', 'pdfmake', 'pdfkit'],
    banner: { js: "import { createRequire as __motcuaRequire } from 'node:module'; const require = __motcuaRequire(import.meta.url);" },
  });
  return join(outdir, 'hub.mjs');
}

export function spawnBundled(
  entry: string,
  dataDir: string,
  env: Record<string, string> = {},
): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [entry, '--port', '0', '--host', '127.0.0.1', '--data', dataDir], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve({ child, url: m[1]! });
    });
    child.once('exit', (code) => reject(new Error(`hub exited (${code}):\n${out}`)));
  });
}
