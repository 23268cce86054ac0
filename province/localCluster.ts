// A PostgreSQL server of this machine's own (Debian's `postgresql` binaries) in a folder: for a
// demo province without a database server, for tests and for the benchmark. Root cannot run the
// server, so as root it runs as the `postgres` user. It listens on 127.0.0.1 only.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';

export function postgresBinDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : null;
}

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const bound = s.address();
      s.close(() => (bound === null || typeof bound === 'string' ? fail(new Error('no TCP port')) : ok(bound.port)));
    });
  });
}

export interface LocalCluster {
  url: string;
  port: number;
  stop(): Promise<void>;
  /** Starts it again on the same port (after a crash: PostgreSQL recovers from its WAL). */
  restart(): Promise<void>;
}

/** Starts (creating it first if needed) a cluster in `dir`; `settings` are extra server options. */
export async function localCluster(folder: string, settings: string[] = []): Promise<LocalCluster> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('PostgreSQL is not installed (apt-get install -y postgresql)');
  const dir = resolve(folder);
  const asRoot = userInfo().uid === 0;
  const run = (cmd: string, args: string[]) => {
    const r = asRoot
      ? spawnSync('runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args], { encoding: 'utf8' })
      : spawnSync(join(bin, cmd), args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || r.stdout}`);
  };
  mkdirSync(dir, { recursive: true });
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  // Loopback only and a cluster of its own: trust is as safe as the machine's loopback.
  if (!existsSync(join(data, 'PG_VERSION')))
    run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8']);
  const port = await freePort();
  const options = [`-p ${port}`, `-k ${dir}`, '-c listen_addresses=127.0.0.1', ...settings.map((s) => `-c ${s}`)].join(' ');
  const start = () => run('pg_ctl', ['-D', data, '-w', '-l', join(dir, 'server.log'), '-o', options, 'start']);
  start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    async stop() {
      run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
    },
    async restart() {
      start();
    },
  };
}
