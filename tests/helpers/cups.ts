// A private CUPS scheduler for tests: its own folder and loopback port, a RAW queue whose device is
// socket:// to the ESC/POS emulator. Needs Debian's `cups` and root (cupsd drops to `lp` itself).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitExit } from './child.ts';

export const hasCups = existsSync('/usr/sbin/cupsd') && existsSync('/usr/bin/lp') && process.getuid?.() === 0;
if (!hasCups) console.warn("SKIPPED CUPS tests: they need Debian's cups (apt-get install cups) and root, as .ci/run has.");

export interface TestCups {
  server: string;
  addQueue(name: string, deviceUri: string): Promise<void>;
  /** Stops a queue (`cupsdisable`): jobs wait in it, none is printed. */
  disable(name: string): void;
  enable(name: string): void;
  /** The ids of the queue's jobs still queued or printing. */
  pendingJobs(name: string): string[];
  /** Cancels a job, as someone at the PC would (`cancel`). */
  cancel(id: string): void;
  close(): Promise<void>;
}

function must(command: string, args: string[]): string {
  const r = spawnSync(command, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

export async function startCups(): Promise<TestCups> {
  const root = mkdtempSync(join(tmpdir(), 'motcua-cups-'));
  chmodSync(root, 0o755); // the backends run as lp
  for (const d of ['spool', 'cache', 'state', 'tmp', 'log']) mkdirSync(join(root, d), { mode: 0o755 });
  const port = await freePort();
  writeFileSync(
    join(root, 'cupsd.conf'),
    [
      `Listen 127.0.0.1:${port}`,
      'LogLevel warn',
      'WebInterface No',
      'Browsing No',
      'DefaultAuthType None',
      '<Location />',
      '  Order allow,deny',
      '  Allow 127.0.0.1',
      '</Location>',
      '<Location /admin>',
      '  Order allow,deny',
      '  Allow 127.0.0.1',
      '</Location>',
      '<Policy default>',
      '  <Limit All>',
      '    Order deny,allow',
      '  </Limit>',
      '</Policy>',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(root, 'cups-files.conf'),
    [
      `ServerRoot ${root}`,
      `RequestRoot ${join(root, 'spool')}`,
      `CacheDir ${join(root, 'cache')}`,
      `StateDir ${join(root, 'state')}`,
      `TempDir ${join(root, 'tmp')}`,
      `ErrorLog ${join(root, 'log', 'error_log')}`,
      `AccessLog ${join(root, 'log', 'access_log')}`,
      `PageLog ${join(root, 'log', 'page_log')}`,
      'ServerBin /usr/lib/cups',
      'DataDir /usr/share/cups',
      'User lp',
      'Group lp',
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn('/usr/sbin/cupsd', ['-f', '-c', join(root, 'cupsd.conf'), '-s', join(root, 'cups-files.conf')], {
    stdio: 'ignore',
  });
  const server = `127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    // `lpstat -r` exits 0 either way: what it says is what counts.
    if (/scheduler is running/.test(spawnSync('lpstat', ['-h', server, '-r'], { encoding: 'utf8' }).stdout)) break;
    if (i > 100) throw new Error('cupsd did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    server,
    async addQueue(name, deviceUri) {
      // A scheduler that has just said it runs may still refuse a connection for a moment.
      for (let attempt = 0; ; attempt++) {
        const r = spawnSync('lpadmin', ['-h', server, '-p', name, '-E', '-v', deviceUri], { encoding: 'utf8' });
        if (r.status === 0) return;
        if (attempt >= 30 || !/Unable to connect/.test(r.stderr)) throw new Error(`lpadmin: ${r.stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    disable(name) {
      must('cupsdisable', ['-h', server, name]);
    },
    enable(name) {
      must('cupsenable', ['-h', server, name]);
    },
    pendingJobs(name) {
      return must('lpstat', ['-h', server, '-W', 'not-completed', '-o', name])
        .split('\n')
        .map((l) => l.split(/\s+/)[0]!)
        .filter((id) => id.length > 0);
    },
    cancel(id) {
      must('cancel', ['-h', server, id]);
    },
    async close() {
      child.kill('SIGTERM');
      await waitExit(child);
      rmSync(root, { recursive: true, force: true });
    },
  };
}
