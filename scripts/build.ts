// `npm run build`: every runtime artifact, and nothing runs from TypeScript sources afterwards.
//   dist/renderer/            the React app (Vite), served by the hub
//   dist/hub.mjs              the headless hub (`npm run hub`, `node dist/hub.mjs`), also importable
//   dist/hub-worker.mjs       its statistics/exports/backups thread
//   dist/start.mjs            `npm start`: Electron where it exists, else the headless hub
//   dist/province.mjs         the province server (`npm run province`), on PostgreSQL
//   dist/electron/main.cjs    the Electron main process (CommonJS), with hub-worker.mjs beside it
//   dist/electron/preload.cjs the sandboxed preload
//   dist/fonts/               the official report's fonts (Liberation Serif, SIL OFL)
// Native modules and packages that read their own files at run time stay outside the bundles
// (see `runtimeExternals`); everything else is inlined. Any esbuild warning fails the build:
// a warning here (an `import.meta` left empty in CommonJS) was once a kiosk that could not print.
import { spawnSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions, type Message } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');

/** Loaded from node_modules at run time: native code, or packages that read files beside themselves. */
export const runtimeExternals = [
  'better-sqlite3',
  'node-hid',
  'serialport',
  '@serialport/*',
  'usb',
  '@napi-rs/canvas',
  'exceljs',
  'pdfmake',
  'pdfkit',
];

// An ESM bundle still meets CommonJS packages that call require(): give it one.
const esmRequire =
  "import { createRequire as __motcuaCreateRequire } from 'node:module'; const require = __motcuaCreateRequire(import.meta.url);";
// A CommonJS bundle has no import.meta: define import.meta.url from the bundle's own file.
const cjsImportMeta = "var __motcua_import_meta_url = require('node:url').pathToFileURL(__filename).href;";

const node: BuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: false,
  logLevel: 'silent',
  legalComments: 'none',
  external: runtimeExternals,
};
const esm: BuildOptions = { ...node, format: 'esm', outExtension: { '.js': '.mjs' }, banner: { js: esmRequire } };
const cjs: BuildOptions = {
  ...node,
  format: 'cjs',
  banner: { js: cjsImportMeta },
  define: { 'import.meta.url': '__motcua_import_meta_url' },
  logOverride: { 'empty-import-meta': 'error' },
};

function fail(what: string, messages: Message[]): never {
  for (const m of messages) console.error(`${what}: ${m.location ? `${m.location.file}:${m.location.line}: ` : ''}${m.text}`);
  throw new Error(`${what}: esbuild reported ${messages.length} problem(s); the build must be clean`);
}

async function bundle(what: string, options: BuildOptions): Promise<void> {
  const result = await build(options).catch((err: { errors?: Message[] }) => fail(what, err.errors ?? []));
  if (result.warnings.length > 0) fail(what, result.warnings);
}

export async function buildBundles(): Promise<void> {
  // The official report's fonts (main/reports/fonts), beside the bundles that make the PDF.
  cpSync(join(root, 'main/reports/fonts'), join(dist, 'fonts'), { recursive: true });
  await bundle('hub', {
    ...esm,
    outdir: dist,
    entryPoints: {
      hub: join(root, 'main/cli/hub.ts'),
      'hub-worker': join(root, 'main/hub/offLoopWorker.ts'),
      start: join(root, 'main/cli/start.ts'),
      province: join(root, 'province/cli.ts'),
    },
  });
  await bundle('electron main', {
    ...cjs,
    entryPoints: [join(root, 'main/electron/main.ts')],
    outfile: join(dist, 'electron', 'main.cjs'),
    external: [...runtimeExternals, 'electron'],
  });
  await bundle('electron hub worker', {
    ...esm,
    entryPoints: { 'hub-worker': join(root, 'main/hub/offLoopWorker.ts') },
    outdir: join(dist, 'electron'),
  });
  // A sandboxed preload may require only 'electron': everything else is inlined.
  // No import.meta banner either: it requires node:url, which a sandbox does not have.
  await bundle('electron preload', {
    ...node,
    format: 'cjs',
    logOverride: { 'empty-import-meta': 'error' },
    entryPoints: [join(root, 'main/electron/preload.ts')],
    outfile: join(dist, 'electron', 'preload.cjs'),
    external: ['electron'],
  });
}

export function buildRenderer(): void {
  const vite = join(root, 'node_modules', '.bin', 'vite');
  // NODE_ENV=production even under a test runner, or Vite bundles React's development build.
  const r = spawnSync(vite, ['build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (r.status !== 0) throw new Error('renderer build failed');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const only = process.argv[2];
  try {
    if (only !== 'bundles') {
      rmSync(join(dist, 'renderer'), { recursive: true, force: true });
      buildRenderer();
    }
    if (only !== 'renderer') await buildBundles();
  } catch (err) {
    console.error(`npm run build: ${(err as Error).message}`);
    process.exit(1);
  }
}
