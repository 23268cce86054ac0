// The province server, built from the hub's own request pipeline and socket layer
// (main/hub/api/http.ts, ws.ts): its endpoint table is the contract's province table, its console
// socket carries the live table, and the same React app serves the console at /province. It
// outlives its PostgreSQL: while the database is away every request is answered 503 and the
// server reconnects by itself.
import { createServer, type Server } from 'node:http';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { WebSocket } from 'ws';
import {
  PROVINCE_WS_PATH,
  provinceEndpoints,
  type ProvinceEndpointName,
  type ProvinceOutput,
  type ProvinceParsed,
  type ProvinceServerMessage,
  type PushBatch,
  type SiteLive,
} from '../main/contract/index.ts';
import { HubError } from '../main/base/errors.ts';
import { systemClock, type Clock } from '../main/base/time.ts';
import type { Log } from '../main/base/log.ts';
import { apiServerOptions, createPipeline } from '../main/hub/api/http.ts';
import { SocketHall, type HallSocket } from '../main/hub/api/ws.ts';
import { HostPolicy } from '../main/hub/api/origin.ts';
import { createStaticHandler } from '../main/hub/api/static.ts';
import { inFours, isLoopbackHost, serverPcTest } from '../main/base/doorCodes.ts';
import { databaseDown, migrate, openPool, untilDatabaseAnswers, type Pool } from './db/pool.ts';
import { JournalIngest } from './ingest.ts';
import { LiveFloor } from './liveFloor.ts';
import { FieldCatalogue } from './catalogue.ts';
import { ProvinceReports } from './reports.ts';
import { provinceToday } from './day.ts';
import { ProvinceAccounts, type ProvincePrincipal } from './accounts.ts';
import { SiteJoining } from './joining.ts';
import { provinceExport } from './export.ts';
import { changeSiteLevel, reportSettings, saveReportSettings } from './settings.ts';

/** A push of 2,000 events is about 1.5 MB of JSON. */
const MAX_PUSH_BYTES = 8 * 1024 * 1024;
const MAX_BODY = 64 * 1024;
/** A push over a commune's slow link may take a while to arrive whole; a hub's LAN needs 15 s. */
const PROVINCE_REQUEST_TIMEOUT_MS = 60_000;
/** How often console sockets are looked at again (a password changed on another server ends them). */
const RECHECK_MS = 20_000;
export const DEFAULT_PROVINCE_PORT = 8787;

type Handler<N extends ProvinceEndpointName> = (
  input: ProvinceParsed<N>,
  who: ProvincePrincipal | null,
  ip: string,
) => Promise<ProvinceOutput<N>>;
type Handlers = { [N in ProvinceEndpointName]: Handler<N> };

export interface ProvinceServer {
  url: string;
  port: number;
  pool: Pool;
  /** The province's service day by its clock. */
  today(): string;
  server: Server;
  /** Settles once the database answered and its schema is current (at once when it was up at start). */
  ready: Promise<void>;
  /** The one-time code that creates the first province-admin of an empty province (printed once ready), or null. */
  setupCode(): string | null;
  /** On a province others reach: the code replacing the demo password needs (printed at start), else null. */
  claimCode(): string | null;
  /** Whether the demo account still has its published password (the province is still a demo). */
  demoPasswordInUse(): Promise<boolean>;
  close(): Promise<void>;
}

export interface ProvinceOptions {
  databaseUrl: string;
  port?: number;
  host?: string;
  /** Names hubs and browsers reach the province by (a DNS name): any other Host is refused (421). */
  hostNames?: readonly string[];
  clock?: Clock;
  log: Log;
  rendererDir?: string;
  seedDemo?: boolean;
  requestTimeoutMs?: number;
  /** Addresses that are the server PC itself (default: loopback); tests narrow it to act as another machine from 127.0.0.1. */
  serverPcAddresses?: readonly string[];
}

function defaultRendererDir(): string {
  const beside = fileURLToPath(new URL('./renderer', import.meta.url));
  return existsSync(beside) ? beside : fileURLToPath(new URL('../dist/renderer', import.meta.url));
}

interface Console extends HallSocket {
  token: string | null;
}

export async function startProvince(opts: ProvinceOptions): Promise<ProvinceServer> {
  const clock = opts.clock ?? systemClock;
  const log = opts.log;
  const pool = openPool(opts.databaseUrl);
  const livePool = openPool(opts.databaseUrl, 4);
  const ingest = new JournalIngest(pool, clock, log);
  const liveFloor = new LiveFloor(pool, clock, log, livePool);
  const catalogue = new FieldCatalogue(pool, clock, log);
  const reports = new ProvinceReports(pool, clock);
  const accounts = new ProvinceAccounts(pool, clock, !isLoopbackHost(opts.host ?? '0.0.0.0'), serverPcTest(opts.serverPcAddresses));
  const joining = new SiteJoining(pool, clock, log, (id) => liveFloor.live(id));
  let databaseReady = false;
  const unavailable = () => new HubError('PROVINCE_STORAGE_UNAVAILABLE');

  const staffOnly = (who: ProvincePrincipal | null) => {
    if (who?.kind !== 'staff') throw new HubError('FORBIDDEN');
    return who;
  };
  const siteOf = (who: ProvincePrincipal | null) => {
    if (who?.kind !== 'site') throw new HubError('FORBIDDEN');
    return who.site;
  };
  const handlers: Handlers = {
    'province:join': (input, _who, ip) => joining.join(input.code, ip),
    // The pipeline parsed the batch with PushBatch, which checks each event against its own
    // type's schema (the union zod infers for `events` is looser than JournalEvent).
    'province:push': (input, who) => ingest.push(siteOf(who).id, input as PushBatch),
    'province:ack': (_input, who) => ingest.ack(siteOf(who)),
    'province:epoch': (input, who) => ingest.newEpoch(siteOf(who).id, input),
    'province:login': (input, _who, ip) => accounts.login(input.username, input.password, ip),
    'province:setup-status': async () => ({ needed: await accounts.setupNeeded() }),
    'province:setup': (input, _who, ip) => accounts.completeSetup(input, ip),
    'province:change-password': async (input, who, ip) => {
      if (who?.kind !== 'staff') throw new HubError('FORBIDDEN');
      await accounts.changePassword(who.tokenHash, input.currentPassword, input.newPassword, { setupCode: input.setupCode, ip });
      void recheckConsoles();
      return { ok: true as const };
    },
    'province:staff-create': async (input) => (await accounts.addStaff(input), { ok: true as const }),
    'province:floor': async (_input, who) => {
      const { role } = staffOnly(who);
      return { ...(await liveFloor.floor()), role };
    },
    'province:site-create': (input) => joining.createSite(input),
    'province:site-code': (input) => joining.newCode(input.id),
    'province:site-revoke': async (input) => (await joining.revoke(input.id), { ok: true as const }),
    'province:report': (input) => reports.report(input.from, input.to),
    'province:site-report': (input) => reports.siteReport(input.id, input.from, input.to),
    'province:catalogue-publish': (input) => catalogue.publish(input.fields),
    'province:catalogue': async (_input, who) => {
      const all = await catalogue.current();
      // A site sees the catalogue, not which other sites accepted it.
      return who?.kind === 'site' ? { catalogue: all.catalogue, accepted: {} } : all;
    },
    'province:catalogue-accepted': async (input, who) => (await catalogue.accept(siteOf(who), input.version), { ok: true as const }),
    'province:export': async (input) => provinceExport(reports, input.from, input.to, input.format, await reportSettings(pool)),
    'province:settings': () => reportSettings(pool),
    'province:settings-update': (input) => saveReportSettings(pool, input),
    'province:site-level': (input) => changeSiteLevel(pool, input.id, input.level),
  };

  const hosts = new HostPolicy(opts.hostNames ?? []);
  const listener = createPipeline<ProvinceEndpointName, ProvincePrincipal>(
    {
      table: provinceEndpoints,
      door: {
        resolve: (token) => (databaseReady ? accounts.principalOf(token) : Promise.reject(unavailable())),
        roleOf: (p) => (p.kind === 'site' ? 'site' : p.role),
        mustChangePassword: (p) => p.kind === 'staff' && p.mustChangePassword,
        // No epoch: a token is looked at again after every body (other servers change the same database).
      },
      run: (name, input, ctx) => {
        if (!databaseReady) throw unavailable();
        // the pipeline parsed `input` with this endpoint's own schema: TypeScript cannot follow a name into the table
        return (handlers[name] as (input: unknown, who: ProvincePrincipal | null, ip: string) => Promise<unknown>)(
          input,
          ctx.principal,
          ctx.ip,
        );
      },
      passwordRoutes: new Set<ProvinceEndpointName>(['province:change-password']),
      maxBody: (name) => (name === 'province:push' ? MAX_PUSH_BYTES : MAX_BODY),
      known: (err) => (databaseDown(err) ? unavailable() : null),
    },
    createStaticHandler(opts.rendererDir ?? defaultRendererDir()),
    hosts,
    log,
  );
  const server = createServer(apiServerOptions(opts.requestTimeoutMs ?? PROVINCE_REQUEST_TIMEOUT_MS), listener);

  // The live table: each console's socket gets every site's row when that site's push lands.
  const say = (socket: WebSocket, m: ProvinceServerMessage) => hall.send(socket, JSON.stringify(m));
  const hall: SocketHall<Console> = new SocketHall<Console>(server, hosts, {
    path: PROVINCE_WS_PATH,
    maxPayload: 4096,
    create: (base) => ({ ...base, token: null }),
    subscribed: (c) => c.token !== null,
    message: (c, json) => {
      const token = json !== null && typeof json === 'object' && 'token' in json ? json.token : undefined;
      if (typeof token !== 'string' || c.token !== null) return hall.refuse(c, 'VALIDATION');
      if (!hall.subscribeAllowed(c)) return;
      void consoleRefusal(token).then((refusal) => {
        if (refusal) return hall.refuse(c, refusal);
        c.token = token;
        hall.settle(c);
        say(c.socket, { type: 'subscribed' });
      });
    },
  });
  async function consoleRefusal(
    token: string,
  ): Promise<'UNAUTHENTICATED' | 'PASSWORD_CHANGE_REQUIRED' | 'PROVINCE_STORAGE_UNAVAILABLE' | null> {
    try {
      if (!databaseReady) return 'PROVINCE_STORAGE_UNAVAILABLE';
      const who = await accounts.principalOf(token);
      if (who?.kind !== 'staff') return 'UNAUTHENTICATED';
      return who.mustChangePassword ? 'PASSWORD_CHANGE_REQUIRED' : null;
    } catch (err) {
      if (!databaseDown(err)) log.error({ err }, 'province: console socket');
      return 'PROVINCE_STORAGE_UNAVAILABLE';
    }
  }
  /** A console whose session ended (password changed, expired) is closed. */
  async function recheckConsoles(): Promise<void> {
    for (const c of hall.clients) {
      if (c.token === null) continue;
      const refusal = await consoleRefusal(c.token);
      if (refusal === 'UNAUTHENTICATED' || refusal === 'PASSWORD_CHANGE_REQUIRED') {
        c.token = null;
        hall.refuse(c, refusal);
      }
    }
  }
  const recheck = setInterval(() => void recheckConsoles(), RECHECK_MS);
  recheck.unref();
  const stopListening = liveFloor.onSiteChanged((site: SiteLive) => {
    const text = JSON.stringify({ type: 'site', site } satisfies ProvinceServerMessage);
    for (const c of hall.clients) if (c.token !== null) hall.send(c.socket, text);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? DEFAULT_PROVINCE_PORT, opts.host ?? '0.0.0.0', () => resolve());
  });
  const bound = server.address();
  if (bound === null || typeof bound === 'string') throw new Error('the province listens on a TCP port');
  const port = bound.port;
  const shown = !opts.host || opts.host === '0.0.0.0' ? '127.0.0.1' : opts.host;
  const url = `http://${shown}:${port}`;
  log.info({ port }, 'province server started');

  // The schema first; until then (and whenever PostgreSQL is away) every request is answered 503.
  let stopped = false;
  let firstRefusal: () => void = () => undefined;
  const down = new Promise<void>((resolve) => (firstRefusal = resolve));
  const ready = untilDatabaseAnswers(
    async () => {
      if (stopped) return;
      await migrate(pool);
      if (opts.seedDemo !== false && (await accounts.seedDemoAdmin()))
        log.warn('province: demo account "tinh" / "motcua-tinh" created; change it before real use');
      const held = await accounts.holdDemoSessions();
      if (held > 0)
        log.warn({ sessions: held }, 'province: demo sessions made on loopback may only change their password now that others reach it');
      const setup = await accounts.setupCode();
      if (setup) log.warn({ setupCode: inFours(setup) }, `province: first-run setup: open ${url}/province and enter the setup code`);
      const claim = accounts.claimCode();
      if (claim && (await accounts.demoPasswordInUse()))
        log.warn({ claimCode: inFours(claim) }, 'province: open to the network; replacing the demo password needs this setup code');
      databaseReady = true;
      log.info('province: database ready');
    },
    (err, retryInMs) => {
      firstRefusal();
      log.warn({ err: err.message, retryInMs }, 'province: PostgreSQL does not answer; waiting');
    },
  );
  ready.catch((err: unknown) => log.error({ err }, 'province: the database cannot be used'));
  // A database that answers at start is ready before the first request, however long its
  // migrations take on a busy machine; one that is down is waited for while requests get 503.
  await Promise.race([ready, down]);

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    pool,
    today: () => provinceToday(clock),
    server,
    ready,
    setupCode: () => accounts.pendingSetupCode(),
    claimCode: () => accounts.claimCode(),
    demoPasswordInUse: () => accounts.demoPasswordInUse(),
    close() {
      closing ??= shutDown();
      return closing;
    },
  };

  async function shutDown(): Promise<void> {
    stopped = true;
    clearInterval(recheck);
    stopListening();
    hall.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await Promise.all([pool.end(), livePool.end()]);
  }
}
