// Bundles the Electron main process and preload into CommonJS files Electron can load.
// esbuild: the bundler tsx and Vite already use; native modules stay outside the bundle.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
// The hub's default renderer path uses import.meta, which is empty in CommonJS; the shell
// always passes rendererDir, so that warning is expected and silenced.
const common = {
  bundle: true, platform: 'node', format: 'cjs', target: 'node22', sourcemap: false, logLevel: 'warning',
  logOverride: { 'empty-import-meta': 'silent' },
} as const;

await build({ ...common, entryPoints: [`${root}/main/electron/main.ts`], outfile: `${root}/dist/electron/main.cjs`, external: ['electron', 'better-sqlite3', 'node-hid', 'serialport', 'usb', '@napi-rs/canvas'] });
// Statistics, exports and backups run in a worker thread of the embedded hub: an ESM bundle of its
// own beside main.cjs, found there by main/hub/offLoop.ts.
await build({
  bundle: true, platform: 'node', format: 'esm', target: 'node22', sourcemap: false, logLevel: 'warning',
  entryPoints: [`${root}/main/hub/offLoopWorker.ts`], outfile: `${root}/dist/electron/hub-worker.mjs`,
  external: ['better-sqlite3', 'node-hid', 'serialport', 'usb', '@napi-rs/canvas', 'exceljs', 'pdfmake', 'pdfkit'],
  banner: { js: "import { createRequire as __motcuaRequire } from 'node:module'; const require = __motcuaRequire(import.meta.url);" },
});
// A sandboxed preload may require only 'electron': everything else is inlined.
await build({ ...common, entryPoints: [`${root}/main/electron/preload.ts`], outfile: `${root}/dist/electron/preload.cjs`, external: ['electron'] });
console.log('built dist/electron/main.cjs, dist/electron/hub-worker.mjs and dist/electron/preload.cjs');
