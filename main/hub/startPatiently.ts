// A hub whose disk takes no writes at start (it filled overnight, or went read-only, and the PC was
// restarted in the morning) cannot open its database: SQLite cannot make the -wal and -shm files.
// Exiting would leave the center with no screen saying why. Instead the hub listens at once on its
// port: every page says why (startFaultText.ts), /api/health reports the fault, every other request
// is refused with STORAGE_UNAVAILABLE; every few seconds it looks whether the disk takes writes and
// the database opens, and then starts for real on the same port, with no restart. Nothing is
// written while it waits, so nothing can be lost or written twice.
import { createServer, type RequestListener, type Server } from 'node:http';
import { join } from 'node:path';
import { pino } from 'pino';
import { openDatabase, storageFaultOf } from '../../db/open.ts';
import { errorBody } from '../contract/index.ts';
import { makePrivateDatabase, makePrivateDir } from '../base/privateFiles.ts';
import { systemClock } from '../base/time.ts';
import { probeWrite, StorageWatch, type StorageFaultInfo } from '../store/storage.ts';
import { bearer, send } from './api/http.ts';
import { hardeningHeaders, HostPolicy } from './api/origin.ts';
import { waitingHealth } from './health.ts';
import { DEFAULT_PORT, HUB_VERSION, startHub, type Hub, type HubOptions } from './hub.ts';
import { startFaultText } from './startFaultText.ts';

/** How often a waiting hub looks at its disk again. */
export const RETRY_MS = 3_000;

export interface PatientHub {
  /** Where the screens are from the first moment: the waiting page, then the hub on the same port. */
  url: string;
  /** The hub once it is live (at once when the disk took writes at start). */
  live: Promise<Hub>;
  /** Whether the hub is still waiting for its disk. */
  waiting(): boolean;
  close(): Promise<void>;
}

export interface PatientEvents {
  /** The disk refused the start: the hub listens at `url` and says why. */
  waiting?(fault: StorageFaultInfo, url: string): void;
}

/**
 * Starts the hub; if its disk takes no writes (a storage fault: full, read-only, failing), serves
 * the fault until it does, then starts it. Any other error at start is thrown, as before.
 */
export async function startHubPatiently(opts: HubOptions, on: PatientEvents = {}, retryMs = RETRY_MS): Promise<PatientHub> {
  let refused: unknown;
  try {
    const hub = await startHub(opts);
    return { url: hub.url, live: Promise.resolve(hub), waiting: () => false, close: () => hub.close() };
  } catch (err) {
    if (storageFaultOf(err) === null) throw err;
    refused = err;
  }

  const clock = opts.clock ?? systemClock;
  // The log file is on the refusing disk: the console hears of it (stderr), and the hub's own log
  // resumes once it is live.
  const log = opts.log ?? pino({ base: null }, pino.destination(2));
  const storage = new StorageWatch(opts.dataDir, clock, log);
  storage.failed(refused, 'database');
  // A probe may go through while the database still cannot open: the page keeps the last fault.
  let fault: StorageFaultInfo = storage.fault ?? { kind: 'io', since: clock(), message: String(refused) };

  const dbFile = join(opts.dataDir, 'motcua.db');
  /** Whether the disk takes a write and the database opens (and migrates) now. */
  const diskTakesWrites = (): boolean => {
    storage.check();
    try {
      makePrivateDir(opts.dataDir); // a read-only disk may not have let the folder be made at all
      probeWrite(opts.dataDir);
      makePrivateDatabase(dbFile);
      openDatabase(dbFile).close();
      return true;
    } catch (err) {
      if (storage.failed(err, 'database') === null) throw err;
      fault = storage.fault ?? fault;
      return false;
    }
  };

  const host = opts.host ?? '0.0.0.0';
  const hosts = new HostPolicy(opts.hostNames ?? []);
  const listener: RequestListener = (req, res) => {
    req.resume();
    if (!hosts.hostAllowed(req.headers.host)) {
      res.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Tên máy chủ không hợp lệ. / Unknown host name.');
      return;
    }
    for (const [name, value] of Object.entries(hardeningHeaders)) res.setHeader(name, value);
    res.setHeader('Retry-After', String(Math.ceil(retryMs / 1000)));
    const path = new URL(req.url ?? '/', 'http://hub.invalid').pathname;
    if (path === '/api/health' && (req.method === 'GET' || req.method === 'HEAD')) {
      send(res, 200, waitingHealth(HUB_VERSION, bearer(req) !== undefined, { dataDir: opts.dataDir, fault, now: clock() }));
    } else if (path.startsWith('/api/')) {
      send(res, 503, errorBody('STORAGE_UNAVAILABLE'));
    } else {
      const html = faultPage(fault, retryMs);
      res.writeHead(503, {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Length': Buffer.byteLength(html),
        'Cache-Control': 'no-store',
        'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
        'X-Content-Type-Options': 'nosniff',
      });
      res.end(req.method === 'HEAD' ? undefined : html);
    }
  };

  let server = await listen(createServer(listener), opts.port ?? DEFAULT_PORT, host);
  const port = portOf(server);
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const url = `http://${shownHost}:${port}`;
  log.error({ kind: fault.kind, error: fault.message, url }, 'hub: the data disk takes no writes; serving the fault until it does');
  on.waiting?.(fault, url);

  let hub: Hub | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let attempt: Promise<void> = Promise.resolve();
  // Both are set by the promise's executor, which runs at once, just below.
  let goLive!: (hub: Hub) => void;
  let fail!: (err: unknown) => void;
  const live = new Promise<Hub>((resolve, reject) => {
    goLive = resolve;
    fail = reject;
  });

  const tryAgain = async (): Promise<void> => {
    timer = null;
    if (stopped) return;
    try {
      if (!diskTakesWrites()) return schedule();
      // The port passes from the waiting server to the hub; a request in between is refused and retried.
      await closeServer(server);
      try {
        hub = await startHub({ ...opts, port });
      } catch (err) {
        if (storage.failed(err, 'database') === null) throw err;
        fault = storage.fault ?? fault;
        server = await listen(createServer(listener), port, host);
        return schedule();
      }
      log.warn({ url }, 'hub: the data disk takes writes again; the hub is live');
      goLive(hub);
    } catch (err) {
      stopped = true;
      fail(err);
    }
  };
  const schedule = (): void => {
    if (stopped) return;
    timer = setTimeout(() => {
      attempt = tryAgain();
    }, retryMs);
  };
  schedule();

  return {
    url,
    live,
    waiting: () => hub === null && !stopped,
    async close() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await attempt;
      if (hub) await hub.close();
      else if (server.listening) await closeServer(server);
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** The TCP port a listening server is bound to (address() is a string only for a pipe). */
function portOf(server: Server): number {
  const bound = server.address();
  if (bound === null || typeof bound === 'string') throw new Error('the hub listens on a TCP port');
  return bound.port;
}

/** Every screen's page while the hub waits: why, in Vietnamese then English; it reloads itself. */
function faultPage(fault: StorageFaultInfo, retryMs: number): string {
  const t = startFaultText;
  const seconds = Math.max(2, Math.ceil(retryMs / 1000) + 2);
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="${seconds}">
<title>${t.title.vi}</title>
<style>
body { margin: 0; font-family: system-ui, sans-serif; background: #f5f5f4; color: #1c1917; }
main { max-width: 46rem; margin: 10vh auto; padding: 2rem; background: #fff; border-top: 8px solid #b91c1c; border-radius: 8px; }
h1 { font-size: 2rem; margin: 0 0 1rem; }
p { font-size: 1.25rem; line-height: 1.5; }
.en { color: #57534e; font-size: 1rem; }
</style>
</head>
<body>
<main>
<h1>${t.title.vi}</h1>
<p>${t.citizen.vi}</p>
<p>${t.kind[fault.kind].vi}</p>
<p>${t.retrying.vi}</p>
<p class="en" lang="en">${t.title.en}. ${t.citizen.en} ${t.kind[fault.kind].en} ${t.retrying.en}</p>
</main>
</body>
</html>
`;
}
