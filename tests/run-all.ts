// `npm test`: the production build, the type checks (the hub and the renderer), the lint, every vitest suite
// on the TypeScript sources, then the API suites again on the built hub (dist/hub.mjs, what ships),
// and one summary line 'N passed, N failed' over all of them.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name: string) => join(root, 'node_modules', '.bin', name);
let passed = 0;
let failed = 0;
let skipped = 0;

/** A step that is one check: it passes or fails as a whole. */
function step(title: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): boolean {
  console.log(`== ${title}`);
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status === 0) passed++;
  else failed++;
  return r.status === 0;
}

/** The API suites that must pass on the built hub as well as on the sources. */
const bundleSuites = [
  'tests/main/queue.test.ts',
  'tests/main/printing.test.ts',
  'tests/main/stats.test.ts',
  'tests/main/exports.test.ts',
  'tests/main/resync.test.ts',
  'tests/main/hardening.test.ts',
  'tests/main/roles.test.ts',
  'tests/main/health.test.ts',
  'tests/main/exposure.test.ts',
  'tests/main/socketBudget.test.ts',
  'tests/main/disk.test.ts',
  'tests/main/pipelines.test.ts',
  'tests/province/recovery.test.ts',
  'tests/province/outage.test.ts',
];

function vitest(title: string, reportName: string, args: string[], env: NodeJS.ProcessEnv): void {
  console.log(`== ${title}`);
  const report = join(root, 'test-results', `${reportName}.json`);
  mkdirSync(join(root, 'test-results'), { recursive: true });
  rmSync(report, { force: true });
  const run = spawnSync(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...args], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  let counted = 0;
  try {
    const r = JSON.parse(readFileSync(report, 'utf8')) as {
      numPassedTests: number;
      numFailedTests: number;
      numPendingTests: number;
      numTodoTests: number;
      testResults: { status: string; assertionResults: unknown[] }[];
    };
    passed += r.numPassedTests;
    failed += r.numFailedTests;
    skipped += r.numPendingTests + r.numTodoTests;
    counted = r.numFailedTests;
    // A file that failed to load has no test results of its own: count it as one failure.
    const unloaded = r.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0).length;
    failed += unloaded;
    counted += unloaded;
  } catch {
    failed++;
    counted++;
    console.error(`vitest wrote no report (exit ${run.status})`);
  }
  if (run.status !== 0 && counted === 0) failed++;
}

const extra = process.argv.slice(2);
const built = step('build (npm run build: renderer, hub, Electron main and preload)', process.execPath, [
  '--import',
  'tsx',
  'scripts/build.ts',
]);
step('type check: hub, Electron shell, tests (tsc --noEmit)', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']);
step('type check: renderer (tsc --noEmit -p renderer)', bin('tsc'), ['--noEmit', '-p', 'renderer/tsconfig.json']);
step('lint: typescript-eslint, React hooks, import zones (eslint .)', bin('eslint'), ['.']);
step('format: prettier --check .', bin('prettier'), ['--check', '--log-level', 'warn', '.']);
if (built) {
  vitest('vitest: every suite, on the sources', 'vitest', extra, { MOTCUA_BUILT: '1' });
  if (extra.length === 0)
    vitest('vitest: the API suites on the built hub (dist/hub.mjs)', 'vitest-bundle', bundleSuites, {
      MOTCUA_BUILT: '1',
      MOTCUA_TEST_HUB: 'bundle',
    });
} else {
  failed++;
  console.error('the build failed: no suite can run on what would ship');
}

console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed === 0 ? 0 : 1);
