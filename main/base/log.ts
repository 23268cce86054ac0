// Structured logs (pino) in rotated files: one a day or every 10 MB, the last 14 kept, so a
// center's disk never fills with them and an operator can read what happened last week.
import { once } from 'node:events';
import { join } from 'node:path';
import { pino, type Logger } from 'pino';
import rolling from 'pino-roll';

export type Log = Logger;

export interface FileLog {
  log: Log;
  /** Writes out what is buffered and closes the file. */
  close(): Promise<void>;
  /** Writes out what is buffered now (before the process exits on a crash). */
  flushSync(): void;
}

/** `DIR/NAME.YYYY-MM-DD.N.log`, JSON lines with ISO times and levels. */
export async function fileLog(dir: string, name: string): Promise<FileLog> {
  const stream = await rolling({
    file: join(dir, name),
    frequency: 'daily',
    size: '10m',
    mkdir: true,
    limit: { count: 14 },
    dateFormat: 'yyyy-MM-dd',
  });
  // Until the file is open a synchronous flush throws and loses the lines: a fatal error right at
  // start (a broken motcua.json) must still reach the log before the process exits.
  if ((stream as unknown as { fd: number }).fd < 0) await once(stream, 'ready');
  const log = pino(
    { base: { app: name }, timestamp: pino.stdTimeFunctions.isoTime, formatters: { level: (label) => ({ level: label }) } },
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
    close: () =>
      new Promise((resolve) => {
        log.flush();
        stream.once('close', () => resolve());
        stream.end();
      }),
  };
}

/** For code run without a log file (tools, tests of a single module): warnings and errors to stderr. */
export const stderrLog: Log = pino({ level: 'warn', base: null }, pino.destination(2));
