import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** `npm run hub` as a child process on a loopback port; resolves once it listens. */
/** `kioskIssueLimit: 'off'` for load generators that play every kiosk of a center through one token. */
export async function spawnHub(
  dataDir: string,
  opts: { kioskIssueLimit?: 'off'; args?: string[]; env?: Record<string, string> } = {},
): Promise<HubChild> {
  // MOTCUA_HUB_NODE_ARGS lets a benchmark run the hub under a profiler (e.g. --cpu-prof).
  const extra = process.env.MOTCUA_HUB_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(
    process.execPath,
    [...extra, '--import', 'tsx', 'main/cli/hub.ts', '--port', '0', '--host', '127.0.0.1', '--data', dataDir, ...(opts.args ?? [])],
    {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...(opts.kioskIssueLimit ? { MOTCUA_KIOSK_ISSUE_LIMIT: opts.kioskIssueLimit } : {}), ...opts.env },
    },
  );
  return listening(child, 'hub');
}

export interface HubChild {
  child: ChildProcess;
  url: string;
  output: () => string;
}

/** Resolves once a hub child process prints its address. */
function listening(child: ChildProcess, what: string): Promise<HubChild> {
  let out = '';
  child.stderr!.on('data', (d: Buffer) => {
    out += d.toString();
  });
  return new Promise<HubChild>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not start:\n${out}`)), 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1]!, output: () => out });
      }
    });
    child.once('exit', (code) => reject(new Error(`${what} exited (${code}):\n${out}`)));
  });
}

export function waitExit(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
  });
}

/** `node dist/hub.mjs` (the built hub, as shipped) as a child process; resolves once it listens. */
export function spawnBuiltHub(dataDir: string, opts: { port?: number; args?: string[] } = {}): Promise<HubChild> {
  const child = spawn(
    process.execPath,
    [join(repoRoot, 'dist', 'hub.mjs'), '--port', String(opts.port ?? 0), '--host', '127.0.0.1', '--data', dataDir, ...(opts.args ?? [])],
    {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return listening(child, 'built hub');
}

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}
