// Browser tests load the built renderer from the hub: build it once before any suite runs.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './helpers/child.ts';

export default function setup(): void {
  if (process.env.MOTCUA_BUILT === '1') return; // npm test built everything first
  const vite = join(repoRoot, 'node_modules', '.bin', 'vite');
  // vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
  const r = spawnSync(vite, ['build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], {
    cwd: repoRoot,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (r.status !== 0) throw new Error('renderer build failed');
}
