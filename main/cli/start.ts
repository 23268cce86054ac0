// `npm start`: the all-in-one Electron app where Electron is installed; otherwise the headless
// hub with every role served to a browser.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { messageOf } from '../base/errors.ts';
import { parseHubArgs } from './args.ts';
import { packageRoot } from './paths.ts';
import { runHub } from './runHub.ts';

function electronBinary(): string | null {
  try {
    // The electron package exports its binary's path, and throws when the download was skipped.
    const path: unknown = createRequire(import.meta.url)('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
if (binary === null) {
  console.log(
    'Không có Electron (bản chạy chưa được tải về): chạy hub không giao diện, mở các màn hình bằng trình duyệt. / Electron binary is missing: starting the headless hub; open each role in a browser.',
  );
  try {
    // This machine only, so the demo accounts work as printed; `--host 0.0.0.0` serves the LAN
    // (where the demo passwords must then be changed at first sign-in).
    await runHub(parseHubArgs(process.argv.slice(2), process.env, '127.0.0.1'));
  } catch (err) {
    console.error(`motcua: ${messageOf(err)}`);
    process.exit(1);
  }
} else {
  // `npm run build` made dist/electron/main.cjs, which package.json names as the app's main.
  const child = spawn(binary, [packageRoot(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}
