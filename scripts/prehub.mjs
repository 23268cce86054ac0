// Before `npm run hub`: a development checkout builds first (sources may have changed); a server
// PC installed with `npm ci --omit=dev` runs the dist/ it was given, and says so if there is none.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const canBuild = existsSync(join(root, 'node_modules', 'esbuild')) && existsSync(join(root, 'node_modules', 'tsx'));
if (canBuild) {
  const r = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  process.exit(r.status ?? 1);
}
if (!existsSync(join(root, 'dist', 'hub.mjs')) || !existsSync(join(root, 'dist', 'renderer', 'index.html'))) {
  console.error(
    'motcua: chưa có bản dựng (dist/). Hãy chạy "npm run build" trên máy phát triển rồi chép thư mục dist/ sang. / ' +
      'No build here (dist/). Run "npm run build" on a development machine and copy dist/ over.',
  );
  process.exit(1);
}
