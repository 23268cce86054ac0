// Assembles one hub: database, engine, API, event stream, backups.
import { createServer, type RequestListener, type Server } from 'node:http';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { openDatabase, type Db } from '../../db/open.ts';
import { AccessControl } from './access.ts';
import { BackupService } from './backup.ts';
import { CenterConfig } from './config.ts';
import { QueueEngine } from './engine.ts';
import { createApiListener } from './http.ts';
import { createStaticHandler } from './static.ts';
import { fileURLToPath } from 'node:url';
import { Journal } from './journal.ts';
import { createHandlers } from './routes.ts';
import { demoDevices, seedDemoIfEmpty } from './seed.ts';
import { SettingsStore } from './settings.ts';
import { systemClock, type Clock } from './time.ts';
import { Views } from './views.ts';
import { PrintService } from './printing.ts';
import { HubPrintAgents } from './printAgents.ts';
import { LedBoards } from './ledBoards.ts';
import { ScanService } from './scanning.ts';
import { RatingService } from './ratings.ts';
import { EventStream } from './ws.ts';
import { StatsService } from './stats.ts';
import { ExportService } from './exports.ts';

export const HUB_VERSION = '0.1.0';
export const DEFAULT_PORT = 8686;
/** dist/renderer of this checkout; the packaged Electron app passes its own `rendererDir`. */
function defaultRendererDir(): string {
  return fileURLToPath(new URL('../../dist/renderer', import.meta.url));
}

export interface HubOptions {
  dataDir: string;
  port?: number;
  /** 0.0.0.0 serves the LAN; tests bind 127.0.0.1. */
  host?: string;
  clock?: Clock;
  /** Seed the demo center into an empty database (the default). */
  seedDemo?: boolean;
  backupSchedule?: boolean;
  /** The built renderer served outside /api; defaults to dist/renderer of this checkout. */
  rendererDir?: string;
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
  seeded: boolean;
  /** Fresh one-time pairing codes for the demo kiosk and hall display, or null outside demo mode. */
  demoPairing(): { kiosk: string; hallDisplay: string } | null;
  close(): Promise<void>;
}

export async function startHub(opts: HubOptions): Promise<Hub> {
  const clock = opts.clock ?? systemClock;
  mkdirSync(opts.dataDir, { recursive: true });
  const db = openDatabase(join(opts.dataDir, 'motcua.db'));
  const seeded = opts.seedDemo === false ? false : await seedDemoIfEmpty(db, clock());
  const settings = new SettingsStore(db);
  const journal = new Journal(db, clock);
  const engine = new QueueEngine(db, journal, settings, clock);
  const access = new AccessControl(db, journal, engine, clock);
  const config = new CenterConfig(db, journal, settings, clock);
  const views = new Views(db, journal, engine, settings, clock);
  const backups = new BackupService(db, join(opts.dataDir, 'backups'), journal, settings, clock);
  const printing = new PrintService(db, journal, engine, settings, clock);
  const agents = new HubPrintAgents(db, printing);
  const ledBoards = new LedBoards(journal, settings);
  const scanning = new ScanService(db, journal, engine, settings, printing.secret, clock);
  const ratings = new RatingService(db, journal, settings, clock);
  const stats = new StatsService(db, journal, settings, clock);
  const exports = new ExportService(db, stats, settings, clock);
  const handlers = createHandlers({
    db, access, engine, config, views, journal, backups, clock, version: HUB_VERSION, printing, scanning, ratings, stats, exports,
    printersChanged: () => agents.sync(),
  });

  const fallback: RequestListener = createStaticHandler(opts.rendererDir ?? defaultRendererDir());
  const server = createServer({ keepAliveTimeout: 65_000 }, createApiListener(handlers, access, journal, fallback));
  const stream = new EventStream(server, journal, access);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? DEFAULT_PORT, opts.host ?? '0.0.0.0', () => resolve());
  });
  if (opts.backupSchedule !== false) backups.startSchedule();
  agents.sync();
  const port = (server.address() as AddressInfo).port;
  const shownHost = !opts.host || opts.host === '0.0.0.0' || opts.host === '::' ? '127.0.0.1' : opts.host;

  return {
    url: `http://${shownHost}:${port}`,
    port, server, db, journal, engine, access, ledBoards, seeded,
    demoPairing() {
      const demo = demoDevices(db);
      if (!demo) return null;
      try {
        return { kiosk: access.newCode(demo.kioskId, null).code, hallDisplay: access.newCode(demo.hallDisplayId, null).code };
      } catch {
        return null;
      }
    },
    async close() {
      backups.stop();
      printing.close();
      await agents.stopAll();
      await ledBoards.close();
      stream.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await journal.settled().catch(() => undefined);
      db.close();
    },
  };
}
