import { inFours } from '../auth/access.ts';
import { demoAccounts } from '../auth/demoAccounts.ts';
import { messageOf } from '../base/errors.ts';
import type { Hub } from '../hub/hub.ts';
import { startHubPatiently, type PatientHub } from '../hub/startPatiently.ts';
import type { HubCliOptions } from './args.ts';

/**
 * Starts the headless hub and tells the person at the terminal how to reach every role. On a disk
 * that takes no writes (full, read-only) it listens at once, serving the fault to every screen, and
 * goes live by itself once the disk takes writes (hub/startPatiently.ts).
 */
export async function runHub(opts: HubCliOptions): Promise<PatientHub> {
  const patient = await startHubPatiently(
    {
      dataDir: opts.dataDir,
      port: opts.port,
      host: opts.host,
      seedDemo: opts.seedDemo,
      hostNames: opts.hostNames,
    },
    {
      waiting(fault, url) {
        console.log(
          [
            `motcua hub listening on ${url} — ổ đĩa dữ liệu không ghi được (${fault.kind}): các màn hình báo lỗi, hệ thống tự hoạt động lại khi ghi được / the data disk takes no writes (${fault.kind}): screens show why; the hub goes live by itself once it does`,
            `  dữ liệu / data: ${opts.dataDir}`,
            `  ${fault.message}`,
          ].join('\n'),
        );
      },
    },
  );
  const stop = async () => {
    console.log('motcua hub: đang dừng / stopping');
    await patient.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  // A hub that waited for its disk greets once live; one that cannot start at all exits, as before.
  patient.live
    .then((hub) => greet(hub, opts))
    .catch((err: unknown) => {
      console.error(`motcua hub: ${messageOf(err)}`);
      process.exit(1);
    });
  return patient;
}

async function greet(hub: Hub, opts: HubCliOptions): Promise<void> {
  // Demo passwords and pairing codes are printed only while the center is still the demo: once
  // its admin password was changed, it is a real center and its console says nothing secret.
  const pairing = (await hub.demoPasswordsInUse()) ? hub.demoPairing() : null;
  const setup = hub.setupCode();
  const claim = pairing ? hub.claimCode() : null;
  const lines = [
    `motcua hub ${hub.seeded ? '(trung tâm mẫu vừa được tạo / demo center created) ' : ''}listening on ${hub.url}`,
    `  dữ liệu / data: ${opts.dataDir}`,
    '  Các màn hình / screens:',
    `    Kiosk lấy số / ticket kiosk:     ${hub.url}/kiosk${pairing ? `#pair=${pairing.kiosk}` : ''}`,
    `    Quầy tiếp nhận / counter:        ${hub.url}/counter`,
    `    Quản lý / manager:               ${hub.url}/manager`,
    `    Màn hình sảnh / hall display:    ${hub.url}/display/hall${pairing ? `#pair=${pairing.hallDisplay}` : ''}`,
  ];
  if (pairing) {
    lines.push('  Chế độ mẫu / demo mode — tài khoản / accounts:');
    for (const a of demoAccounts)
      lines.push(`    ${a.role.padEnd(8)} ${a.username.padEnd(8)} mật khẩu / password: ${a.password}   (${a.fullName})`);
    lines.push('  Mã ghép nối trong địa chỉ dùng được một lần, trong 15 phút. / Pairing codes in the links work once, for 15 minutes.');
    if (claim) {
      lines.push(
        '  Máy chủ mở cho cả mạng LAN: đổi mật khẩu mẫu cần mã thiết lập / the hub is open to the LAN: replacing a demo password needs the setup code:',
        `    ${inFours(claim)}`,
      );
    }
  }
  if (setup) {
    lines.push(
      '  Thiết lập lần đầu / first-run setup:',
      `    Mở ${hub.url}/manager và nhập mã thiết lập / open ${hub.url}/manager and enter the setup code: ${inFours(setup)}`,
      '    Mã dùng một lần để tạo tài khoản quản trị đầu tiên. / The code creates the first admin account, once.',
    );
  }
  console.log(lines.join('\n'));
}
