// `npm run province`: the province server. It needs a PostgreSQL server: `--database URL` (or
// MOTCUA_PROVINCE_DB). With `--demo-cluster DIR` and no URL it starts its own PostgreSQL from
// Debian's `postgresql` binaries in DIR (a real server, the same SQL as production), for a demo.
// A PostgreSQL that is down at start is waited for (logged), not a reason to exit.
import { parseArgs } from 'node:util';
import { isMainModule } from '../main/cli/paths.ts';
import { stderrLog } from '../main/base/log.ts';
import { messageOf } from '../main/base/errors.ts';
import pino from 'pino';
import { DEFAULT_PROVINCE_PORT, startProvince, type ProvinceServer } from './server.ts';
import { demoProvinceAdmin } from './accounts.ts';
import { localCluster } from './localCluster.ts';
import { inFours } from '../main/base/doorCodes.ts';

export { startProvince } from './server.ts';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      database: { type: 'string' },
      port: { type: 'string', default: process.env.MOTCUA_PORT ?? String(DEFAULT_PROVINCE_PORT) },
      host: { type: 'string', default: process.env.MOTCUA_HOST ?? '0.0.0.0' },
      hostname: { type: 'string', multiple: true },
      'demo-cluster': { type: 'string' },
      'no-demo': { type: 'boolean', default: false },
    },
  });
  let databaseUrl = values.database ?? process.env.MOTCUA_PROVINCE_DB;
  let stopCluster: (() => Promise<void>) | null = null;
  if (!databaseUrl) {
    const dir = values['demo-cluster'] ?? process.env.MOTCUA_PROVINCE_DEMO_DIR;
    if (!dir) {
      console.error(
        'motcua province: cần địa chỉ PostgreSQL / a PostgreSQL address is needed:\n' +
          '  npm run province -- --database postgres://USER:PASS@HOST:5432/DB\n' +
          '  or, for a demo on this machine: npm run province -- --demo-cluster ./province-data',
      );
      process.exit(2);
    }
    const cluster = await localCluster(dir);
    databaseUrl = cluster.url;
    stopCluster = cluster.stop;
  }
  const hostNames = [
    ...(values.hostname ?? []),
    ...(process.env.MOTCUA_HOSTNAMES ?? '')
      .split(',')
      .map((n) => n.trim())
      .filter(Boolean),
  ];
  const log = pino({ level: 'info', base: null }, pino.destination(2));
  const server = await startProvince({
    databaseUrl,
    port: Number(values.port),
    host: values.host,
    hostNames,
    log,
    seedDemo: !values['no-demo'],
  });
  // Waiting for PostgreSQL is normal; a database that answers but cannot be used (no rights, a broken schema) is not.
  server.ready.catch(() => process.exit(1));
  console.log(`motcua province listening on ${server.url}`);
  // What is secret (the demo account, the codes) is printed once the database says what this province
  // is. A database that cannot be used ends the process just above; one gone meanwhile, the server logs.
  void server.ready.then(() => printAccess(server)).catch(() => undefined);
  const stop = async () => {
    await server.close();
    await stopCluster?.();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

/** How to reach the console, as the hub's start says it: the demo account and its claim code, or the setup code. */
async function printAccess(server: ProvinceServer): Promise<void> {
  const lines = [`  bảng điều khiển / console: ${server.url}/province`];
  const claim = server.claimCode();
  if (await server.demoPasswordInUse()) {
    lines.push(`  tài khoản mẫu / demo account: ${demoProvinceAdmin.username} / ${demoProvinceAdmin.password}`);
    if (claim)
      lines.push(
        '  Máy chủ mở cho cả mạng: đổi mật khẩu mẫu cần mã thiết lập / the server is open to the network: replacing the demo password needs the setup code:',
        `    ${inFours(claim)}`,
      );
  }
  const setup = server.setupCode();
  if (setup)
    lines.push(
      '  Thiết lập lần đầu / first-run setup:',
      `    Mở ${server.url}/province và nhập mã thiết lập / open ${server.url}/province and enter the setup code: ${inFours(setup)}`,
      '    Mã dùng một lần để tạo tài khoản quản trị tỉnh đầu tiên. / The code creates the first province-admin account, once.',
    );
  console.log(lines.join('\n'));
}

if (isMainModule(import.meta.url)) {
  main().catch((err: unknown) => {
    stderrLog.error({ err }, 'province failed');
    console.error(`motcua province: ${messageOf(err)}`);
    process.exit(1);
  });
}
