import { demoAccounts } from '../hub/seed.ts';
import { startHub, type Hub } from '../hub/hub.ts';
import type { HubCliOptions } from './args.ts';

/** Starts the headless hub and tells the person at the terminal how to reach every role. */
export async function runHub(opts: HubCliOptions): Promise<Hub> {
  const hub = await startHub({ dataDir: opts.dataDir, port: opts.port, host: opts.host, seedDemo: opts.seedDemo });
  const lines = [
    `motcua hub ${hub.seeded ? '(trung tâm mẫu vừa được tạo / demo center created) ' : ''}listening on ${hub.url}`,
    `  dữ liệu / data: ${opts.dataDir}`,
    `  API: ${hub.url}/api/health   sự kiện / events: ws://${hub.url.slice('http://'.length)}/ws`,
  ];
  const pairing = hub.demoPairing();
  if (pairing) {
    lines.push('  Chế độ mẫu / demo mode — tài khoản / accounts:');
    for (const a of demoAccounts) lines.push(`    ${a.role.padEnd(8)} ${a.username.padEnd(8)} mật khẩu / password: ${a.password}   (${a.fullName})`);
    lines.push(`  Mã ghép nối kiosk / kiosk pairing code: ${pairing.kiosk}    màn hình sảnh / hall display: ${pairing.hallDisplay}  (15 phút / minutes)`);
  }
  console.log(lines.join('\n'));
  const stop = async () => {
    console.log('motcua hub: đang dừng / stopping');
    await hub.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  return hub;
}
