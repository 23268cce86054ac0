import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_PORT } from '../hub/hub.ts';

export interface HubCliOptions {
  port: number;
  host: string;
  dataDir: string;
  seedDemo: boolean;
  hostNames: string[];
}

/** Where a user's data lives on each platform, as the OS conventions say. */
export function defaultDataDir(env = process.env, platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'motcua');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'motcua');
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'motcua');
}

/** `defaultHost`: the headless hub serves the LAN; `npm start`'s demo stays on this machine unless told. */
export function parseHubArgs(argv: string[], env = process.env, defaultHost = '0.0.0.0'): HubCliOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      data: { type: 'string' },
      'no-demo': { type: 'boolean' },
      /** A name the LAN gives the hub (DNS, mDNS), for the Host check; repeat for several. */
      hostname: { type: 'string', multiple: true },
    },
    allowPositionals: false,
    strict: true,
  });
  const port = Number(values.port ?? env.MOTCUA_PORT ?? DEFAULT_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port: not a port number: ${values.port ?? env.MOTCUA_PORT}`);
  return {
    port,
    host: values.host ?? env.MOTCUA_HOST ?? defaultHost,
    dataDir: values.data ?? env.MOTCUA_DATA ?? defaultDataDir(env),
    seedDemo: !values['no-demo'],
    hostNames: [
      ...(values.hostname ?? []),
      ...(env.MOTCUA_HOSTNAMES ?? '')
        .split(',')
        .map((n) => n.trim())
        .filter(Boolean),
    ],
  };
}
