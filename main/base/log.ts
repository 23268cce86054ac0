// Structured logs (pino) in rotated files: one a day or every 10 MB, the last 14 kept, so a
// center's disk never fills with them and an operator can read what happened last week. The files
// are the owner's alone (700/600): they name staff, devices and addresses.
import { once } from 'node:events';
import { join } from 'node:path';
import { pino, type Logger } from 'pino';
import rolling from 'pino-roll';
import { makePrivateDir } from './privateFiles.ts';

export type Log = Logger;

export interface FileLog {
  log: Log;
  /** Writes out what is buffered and closes the file. */
  close(): Promise<void>;
  /** Writes out what is buffered now (before the process exits on a crash). */
  flushSync(): void;
  /**
   * Hears each error of the file writer (ENOSPC, EROFS…). The writer keeps the lines it could not
   * write (up to 1 MB, newer ones are dropped past that) and writes them once the disk takes them.
   */
  onWriteError(listener: (err: Error) => void): void;
}

/** Lines kept in memory while the disk refuses them; past this the newest are dropped. */
const MAX_UNWRITTEN = 1024 * 1024;
/** A stuck writer never holds up a stopping process for longer than this. */
const CLOSE_WAIT_MS = 2_000;

/** `DIR/NAME.YYYY-MM-DD.N.log`, JSON lines with ISO times and levels. */
export async function fileLog(
  dir: string,
  name: string,
  /**
   * `sync`: each line is on disk before the call returns. For a process whose last words matter
   * more than its throughput (the app's main process: a crash line written asynchronously is lost
   * when the app exits at once; a synchronous flush cannot reach a write already in flight).
   */
  opts: { sync?: boolean } = {},
): Promise<FileLog> {
  makePrivateDir(dir);
  const stream = await rolling({
    file: join(dir, name),
    frequency: 'daily',
    size: '10m',
    mkdir: true,
    mode: 0o600,
    maxLength: MAX_UNWRITTEN,
    sync: opts.sync ?? false,
    limit: { count: 14 },
    dateFormat: 'yyyy-MM-dd',
  });
  // Without a listener, a write error (a full or read-only disk) is an unhandled 'error' event and
  // ends the process: the hub would die of its own log. The writer keeps the lines and retries
  // with the next one; stderr hears of it once per kind of error.
  const listeners: ((err: Error) => void)[] = [];
  let lastCode: string | null = null;
  stream.on('error', (err: NodeJS.ErrnoException) => {
    const code = err.code ?? err.message;
    if (code !== lastCode) process.stderr.write(`motcua: the log file in ${dir} cannot be written (${code}); lines wait in memory\n`);
    lastCode = code;
    for (const l of listeners) l(err);
  });
  stream.on('write', () => {
    lastCode = null;
  });
  // Until the file is open a synchronous flush throws and loses the lines: a fatal error right at
  // start (a broken motcua.json) must still reach the log before the process exits.
  if (stream.fd < 0) await once(stream, 'ready');
  const log = pino(
    {
      base: { app: name },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // A citizen's phone number is personal data (#26): no code logs one; should a field so named ever be, it is hidden.
      redact: { paths: ['phone', '*.phone'], censor: '[hidden]' },
    },
    stream,
  );
  return {
    log,
    flushSync: () => {
      try {
        stream.flushSync();
      } catch {
        /* nothing buffered, or the file is gone */
      }
    },
    onWriteError: (listener) => {
      listeners.push(listener);
    },
    close: () =>
      new Promise((resolve) => {
        // A disk that takes no writes never takes the waiting lines: past the wait they are given up
        // and the file is closed all the same (left open, it kept the disk from being unmounted to repair).
        const timer = setTimeout(() => {
          stream.destroy();
          resolve();
        }, CLOSE_WAIT_MS);
        const done = () => {
          clearTimeout(timer);
          resolve();
        };
        stream.once('close', done);
        try {
          log.flush();
          stream.end();
        } catch {
          done(); // the file is gone with its disk: nothing more to write
        }
      }),
  };
}

/** For code run without a log file (tools, tests of a single module): warnings and errors to stderr. */
export const stderrLog: Log = pino({ level: 'warn', base: null }, pino.destination(2));
