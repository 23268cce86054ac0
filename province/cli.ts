// `npm run province`: the province server. It needs a PostgreSQL server: `--database URL` (or
// MOTCUA_PROVINCE_DB). With `--demo-cluster DIR` and no URL it starts its own PostgreSQL from
// Debian's `postgresql` binaries in DIR (a real server, the same SQL as production), for a demo.
// A PostgreSQL that is down at start is waited for (logged), not a reason to exit.
import { parseArgs } from 'node:util';
import { isMainModule } from '../main/cli/paths.ts';
import { stderrLog } from '../main/base/log.ts';
import pino from 'pino';
import { DEFAULT_PROVINCE_PORT, startProvince } from './server.ts';
import { demoProvinceAdmin } from './accounts.ts';
import { localCluster } from './localCluster.ts';

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
  if (!values['no-demo'])
    console.log(`  console: ${server.url}/province  (demo account ${demoProvinceAdmin.username} / ${demoProvinceAdmin.password})`);
  const stop = async () => {
    await server.close();
    await stopCluster?.();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

if (isMainModule(import.meta.url)) {
  main().catch((err: unknown) => {
    stderrLog.error({ err }, 'province failed');
    console.error(`motcua province: ${(err as Error).message}`);
    process.exit(1);
  });
}
