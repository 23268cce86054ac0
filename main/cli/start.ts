// `npm start`: the all-in-one Electron app where Electron is installed; otherwise the headless
// hub with every role served to a browser.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { parseHubArgs } from './args.ts';
import { runHub } from './runHub.ts';

function electronBinary(): string | null {
  try {
    const require = createRequire(import.meta.url);
    // The electron package exports the binary's path, and throws when the download was skipped.
    const path = require('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
if (binary === null) {
  console.log('Không tìm thấy Electron (chưa tải bản chạy) — chạy hub không giao diện, mở các màn hình bằng trình duyệt. / Electron binary is missing — starting the headless hub; open the roles in a browser.');
  try {
    await runHub(parseHubArgs(process.argv.slice(2)));
  } catch (err) {
    console.error(`motcua: ${(err as Error).message}`);
    process.exit(1);
  }
} else {
  console.log('Electron shell arrives with the role apps; starting the headless hub meanwhile.');
  await runHub(parseHubArgs(process.argv.slice(2)));
}
