// Assembles one hub: database, engine, API, event stream, backups.
import type { SpoolerTimes } from '../devices/printAgent.ts';
import { createServer, type RequestListener, type Server } from 'node:http';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { networkInterfaces } from 'node:os';
import { phoneAddresses } from './phoneAddresses.ts';
import { openDatabase, type Db } from '../../db/open.ts';
import { AccessControl } from '../auth/access.ts';
import { isLoopbackHost, serverPcTest } from '../base/doorCodes.ts';
import { BackupService } from '../store/backup.ts';
import { CenterConfig } from '../queue/config.ts';
import { QueueEngine } from '../queue/engine.ts';
import { createApiListener } from './api/http.ts';
import { HostPolicy } from './api/origin.ts';
import { parseIssueLimit, type IssueLimit } from '../base/rateLimit.ts';
import { createStaticHandler } from './api/static.ts';
import { fileURLToPath } from 'node:url';
import { Journal } from '../store/journal.ts';
import { createHandlers } from './api/routes.ts';
import { demoDevices, seedDemoIfEmpty } from './seed.ts';
import { demoAccounts } from '../auth/demoAccounts.ts';
import { getStaffByUsername } from '../../db/staff.ts';
import { verifyPassword } from '../base/passwords.ts';
import { SettingsStore } from '../store/settings.ts';
import { systemClock, type Clock } from '../base/time.ts';
import { processMonotonic, SteadyClock } from '../base/steadyClock.ts';
import { lastEventAt } from '../../db/events.ts';
import { Views } from '../queue/views.ts';
import { loadHubSecret } from '../store/hubSecret.ts';
import { CenterVoicePack, centerNeeds, loadVoicePacks } from './voicePacks.ts';
import { PhoneTickets } from '../queue/phoneTickets.ts';
import { PrintService } from '../devices/printing.ts';
import { HubPrintAgents } from '../devices/printAgents.ts';
import { LedBoards } from '../devices/ledBoards.ts';
import { ScanService } from '../devices/scanning.ts';
import { Appointments } from '../queue/appointments.ts';
import { RatingService } from '../queue/ratings.ts';
import { EventStream } from './api/ws.ts';
import { journalSummaryStore, type StatsRequest } from '../reports/stats.ts';
import { OffLoop, asBuffer } from './offLoop.ts';
import { fileLog, type Log } from '../base/log.ts';
import { HealthReport } from './health.ts';
import { StorageWatch } from '../store/storage.ts';
import { makePrivateDatabase, makePrivateDir } from '../base/privateFiles.ts';
import { ExportService } from '../reports/exports.ts';
import { FloorAlerts } from './floorAlerts.ts';
import { AuditTrail } from '../reports/audit.ts';
import { ProvinceLink } from './provinceLink.ts';
import { SmsOutbox, type SmsOptions } from './smsOutbox.ts';
import { openSmsNumbers } from '../../db/sms.ts';

export const HUB_VERSION = '0.1.0';
export const DEFAULT_PORT = 8686;
/**
 * The built renderer: beside the bundle (dist/hub.mjs → dist/renderer) or, run from sources,
 * dist/renderer of this checkout. The packaged Electron app passes its own `rendererDir`.
 */
function defaultRendererDir(): string {
  const beside = fileURLToPath(new URL('./renderer', import.meta.url));
  return existsSync(beside) ? beside : fileURLToPath(new URL('../../dist/renderer', import.meta.url));
}

export interface HubOptions {
  dataDir: string;
  port?: number;
  /** 0.0.0.0 serves the LAN; tests bind 127.0.0.1. */
  host?: string;
  /** The wall clock (tests pass a hand-moved one); hub time follows it through a SteadyClock. */
  clock?: Clock;
  /** A monotonic clock (default: this process's, unless `clock` is given: then `clock` serves as both). */
  monotonic?: Clock;
  /** Seed the demo center into an empty database (the default). */
  seedDemo?: boolean;
  backupSchedule?: boolean;
  /** The built renderer served outside /api; defaults to dist/renderer of this checkout. */
  rendererDir?: string;
  /** Where to log; default: rotated files in DATA/logs. */
  log?: Log;
  /** Names the LAN gives the hub besides its address and machine name (checked against `Host`). */
  hostNames?: readonly string[];
  /** How long the province link rests when it has nothing to send (default 30 s; a heartbeat). */
  provinceIdleMs?: number;
  /** Events per push (default and most: 2,000). */
  provinceBatchEvents?: number;
  /** How often the floor's alerts are checked (default 15 s). */
  alertCheckMs?: number;
  /** Tickets a kiosk may issue (default: 20 at once, then one per 2 s; `MOTCUA_KIOSK_ISSUE_LIMIT`); null = none. */
  issueLimit?: IssueLimit | null;
  /** Addresses that are the server PC itself (default: loopback); tests narrow it to act as a LAN peer from 127.0.0.2. */
  serverPcAddresses?: readonly string[];
  /** The spooler's deadlines for the hub's print agents (default: spoolerTransport.ts); tests shorten them. */
  spooler?: SpoolerTimes;
  /** The text messages' pace and deadlines (tests shorten them). */
  sms?: SmsOptions;
}

export interface Hub {
  url: string;
  port: number;
  server: Server;
  db: Db;
  journal: Journal;
  engine: QueueEngine;
  access: AccessControl;
  ledBoards: LedBoards;
  printing: PrintService;
  seeded: boolean;
  log: Log;
  /** Fresh one-time pairing codes for the demo kiosk and hall display, or null outside demo mode. */
  demoPairing(): { kiosk: string; hallDisplay: string } | null;
  /** Whether the demo accounts still have their published passwords (the center is still a demo). */
  demoPasswordsInUse(): Promise<boolean>;
  /** The one-time code that creates the first admin of an empty installation, or null once set up. */
  setupCode(): string | null;
  /** On a hub the LAN reaches: the code a published demo password's replacement needs (printed at start), else null. */
  claimCode(): string | null;
  /** Looks at the floor now (it also does every `alertCheckMs`). */
  checkAlerts(): { raised: number; cleared: number };
  close(): Promise<void>;
}

/** The TCP port a listening server is bound to (address() is a string only for a pipe). */
function portOf(server: Server): number {
  const bound = server.address();
  if (bound === null || typeof bound === 'string') throw new Error('the hub listens on a TCP port');
  return bound.port;
}

export async function startHub(opts: HubOptions): Promise<Hub> {
  makePrivateDir(opts.dataDir); // 700, its database 600 (SQLite gives the -wal and -shm the same)
  const dbFile = join(opts.dataDir, 'motcua.db');
  makePrivateDatabase(dbFile);
  const db = openDatabase(dbFile);
  try {
    return await assembleHub(opts, dbFile, db);
  } catch (err) {
    // A start that failed halfway (a disk refusing a write) leaves no connection behind: a hub
    // that waits for its disk (startPatiently.ts) tries again every few seconds.
    db.close();
    throw err;
  }
}

async function assembleHub(opts: HubOptions, dbFile: string, db: Db): Promise<Hub> {
  const logging = opts.log ? null : await fileLog(join(opts.dataDir, 'logs'), 'hub');
  // the log file is opened just above whenever the caller gave no log
  const log = opts.log ?? logging!.log;
  // Hub time: the wall clock while it behaves, steady when it jumps, never below the journal.
  let engineReady: QueueEngine | null = null;
  let clockAlert = (): void => undefined;
  const steady = new SteadyClock(opts.clock ?? systemClock, opts.monotonic ?? (opts.clock ? undefined : processMonotonic), {
    floor: lastEventAt(db),
    onJump: (j) => {
      log.warn(
        { offsetMs: j.offsetMs, hubTime: j.at, heldTrusted: j.heldTrusted },
        'clock: the wall clock jumped; hub time goes on steadily',
      );
      clockAlert();
    },
    onRejoin: (how, j, wall) => {
      log.info({ how, offsetMs: j.offsetMs, wall }, 'clock: hub time follows the wall clock again');
      clockAlert();
    },
    canAdopt: (wall, held, j) => engineReady !== null && !db.inTransaction && engineReady.mayAdoptWall(wall, held, j.heldTrusted),
  });
  const clock = steady.read;
  const seeded = opts.seedDemo === false ? false : await seedDemoIfEmpty(db, clock());
  const settings = new SettingsStore(db, log);
  // A full or failing disk: every writer reports here; the hub stays up and says so (store/storage.ts).
  const storage = new StorageWatch(opts.dataDir, clock, log);
  logging?.onWriteError((err) => storage.failed(err, 'log'));
  const journal = new Journal(db, clock, log, (err, source) => storage.failed(err, source));
  const engine = new QueueEngine(db, journal, settings, clock);
  engineReady = engine;
  const access = new AccessControl(
    db,
    journal,
    engine,
    clock,
    !isLoopbackHost(opts.host ?? '0.0.0.0'),
    serverPcTest(opts.serverPcAddresses),
  );
  access.setupCode(); // a real installation's first admin is created with it
  const held = await access.holdDemoSessions();
  if (held > 0)
    log.warn({ sessions: held }, 'demo sessions made on loopback may only change their password now that the LAN reaches the hub');
  const voicePacks = loadVoicePacks(opts.rendererDir ?? defaultRendererDir());
  const config = new CenterConfig(db, journal, settings, clock, engine, voicePacks);
  const centerVoice = new CenterVoicePack(opts.dataDir, voicePacks, centerNeeds(settings, config), (err, source) =>
    storage.failed(err, source),
  );
  const views = new Views(db, journal, engine, settings, clock);
  const offLoop = new OffLoop(dbFile, journalSummaryStore(db, journal, clock), log);
  const backups = new BackupService(
    (file) => offLoop.run({ kind: 'backup', file }),
    join(opts.dataDir, 'backups'),
    journal,
    settings,
    clock,
    log,
  );
  const secret = loadHubSecret(db, journal);
  const printing = new PrintService(db, journal, engine, settings, clock, log, secret);
  const agents = new HubPrintAgents(db, printing, log, opts.spooler);
  const ledBoards = new LedBoards(journal, settings, log);
  const appointments = new Appointments(db, engine, settings, secret, clock);
  const provinceLink = new ProvinceLink(db, journal, settings, config, clock, log, opts.provinceIdleMs, opts.provinceBatchEvents);
  const scanning = new ScanService(db, journal, engine, settings, secret, clock, appointments);
  const ratings = new RatingService(db, journal, settings, clock);
  const phone = new PhoneTickets(db, journal, engine, settings, secret, ratings);
  // Citizens' phone numbers in a file of their own: never in a backup, an export or the journal (#26).
  const numbersFile = join(opts.dataDir, 'sms-numbers.db');
  makePrivateDatabase(numbersFile);
  const numbers = openSmsNumbers(numbersFile);
  const sms = new SmsOutbox(db, numbers, journal, engine, settings, clock, log, {
    ...opts.sms,
    onDiskFault: (err, source) => storage.failed(err, source),
    diskRefuses: () => storage.fault !== null,
  });
  const statsReport = (query: StatsRequest) => offLoop.run({ kind: 'stats', now: clock(), query });
  const exports = new ExportService(
    async (query, format, layout, onProgress) => {
      const made = await offLoop.run({ kind: 'export', now: clock(), query, format, layout }, onProgress);
      return { fileName: made.fileName, file: asBuffer(made.file) };
    },
    clock,
    log,
  );
  const health = new HealthReport({ dataDir: opts.dataDir, db, journal, storage, backups, agents, ledBoards, settings, clock, sms });
  const handlers = createHandlers({
    health,
    db,
    access,
    engine,
    config,
    views,
    journal,
    backups,
    clock,
    version: HUB_VERSION,
    printing,
    scanning,
    appointments,
    audit: new AuditTrail(db, settings, clock),
    provinceLink,
    ratings,
    phone,
    sms,
    statsReport,
    exports,
    voice: centerVoice,
    printersChanged: () => agents.sync(),
    issueLimit: opts.issueLimit === undefined ? parseIssueLimit(process.env.MOTCUA_KIOSK_ISSUE_LIMIT) : opts.issueLimit,
    phoneAddresses: () => {
      return phoneAddresses(networkInterfaces(), opts.host ?? '0.0.0.0', portOf(server));
    },
  });

  const rendererFiles = createStaticHandler(opts.rendererDir ?? defaultRendererDir());
  // The center's recorded voice lives in the data folder, served beside the built-in packs.
  const fallback: RequestListener = (req, res) => centerVoice.serve(req, res) || rendererFiles(req, res);
  const hosts = new HostPolicy(opts.hostNames ?? []);
  const server = createServer(
    {
      keepAliveTimeout: 65_000,
      // A request must arrive whole within seconds: a half-sent body would otherwise hold a socket for minutes.
      headersTimeout: 10_000,
      requestTimeout: 15_000,
      connectionsCheckingInterval: 1_000,
    },
    createApiListener(handlers, access, journal, fallback, hosts, log),
  );
  const stream = new EventStream(server, journal, access, hosts, log, phone);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? DEFAULT_PORT, opts.host ?? '0.0.0.0', () => resolve());
  });
  const alerts = new FloorAlerts(
    db,
    journal,
    views,
    settings,
    clock,
    () => stream.connectedStaff(),
    log,
    () => {
      steady.settle();
      return steady.jump;
    },
  );
  clockAlert = () => setImmediate(() => alerts.check());
  alerts.watchDisk(() => ({ dir: opts.dataDir, fault: storage.fault, freeBytes: storage.freeBytes }));
  alerts.watchProvince(() => provinceLink.journalState());
  alerts.watchSms(() => sms.floorFault());
  storage.onChange(() => setImmediate(() => alerts.check()));
  storage.start(2_000);
  alerts.start(opts.alertCheckMs ?? 15_000);
  provinceLink.start();
  sms.start();
  if (opts.backupSchedule !== false) backups.startSchedule();
  agents.sync();
  const port = portOf(server);
  const shownHost = !opts.host || opts.host === '0.0.0.0' || opts.host === '::' ? '127.0.0.1' : opts.host;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    server,
    db,
    journal,
    engine,
    access,
    ledBoards,
    printing,
    seeded,
    log,
    setupCode: () => access.setupCode(),
    claimCode: () => access.claimCode(),
    checkAlerts: () => alerts.check(),
    async demoPasswordsInUse() {
      // the demo accounts (a constant list) include an admin
      const admin = demoAccounts.find((a) => a.role === 'admin')!;
      const stored = getStaffByUsername(db, admin.username);
      return stored !== undefined && (await verifyPassword(admin.password, stored.passwordHash));
    },
    demoPairing() {
      const demo = demoDevices(db);
      if (!demo) return null;
      try {
        return { kiosk: access.newCode(demo.kioskId, null).code, hallDisplay: access.newCode(demo.hallDisplayId, null).code };
      } catch {
        return null;
      }
    },
    close() {
      // Stopping twice (a service manager and a signal, or a test) stops once.
      closing ??= (async () => {
        backups.stop();
        storage.stop();
        alerts.stop();
        await provinceLink.stop();
        await sms.stop();
        printing.close();
        await agents.stopAll();
        await ledBoards.close();
        stream.close();
        await offLoop.close();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await journal.settled().catch(() => undefined);
        db.close();
        numbers.close();
        log.info('hub stopped');
        await logging?.close();
      })();
      return closing;
    },
  };
}
