// `npm run province`: the province server. It needs a PostgreSQL server: `--database URL` (or
// MOTCUA_PROVINCE_DB). With `--demo-cluster DIR` and no URL it starts its own PostgreSQL from
// Debian's `postgresql` binaries in DIR (a real server, the same SQL as production), for a demo.
import { parseArgs } from 'node:util';
import { isMainModule } from '../main/cli/paths.ts';
import { stderrLog } from '../main/base/log.ts';
import pino from 'pino';
import { DEFAULT_PROVINCE_PORT, startProvince } from './server.ts';
import { demoProvinceAdmin } from './service.ts';
import { localCluster } from './localCluster.ts';

export { startProvince } from './server.ts';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      database: { type: 'string' },
      port: { type: 'string', default: String(DEFAULT_PROVINCE_PORT) },
      host: { type: 'string', default: '0.0.0.0' },
      'demo-cluster': { type: 'string' },
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
  const log = pino({ level: 'info', base: null }, pino.destination(2));
  const server = await startProvince({ databaseUrl, port: Number(values.port), host: values.host, log });
  console.log(`motcua province listening on ${server.url}`);
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
