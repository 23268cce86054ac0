// The province server: its HTTP API from the contract's province table, a WebSocket for the
// console's live table, and the same React app as the hubs (the console lives at /province).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { WebSocketServer, type WebSocket } from 'ws';
import type { z } from 'zod';
import {
  errorBody,
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
import { bearer, ClientAborted, jsonProblem, readBody, routeMatcher, send, sendError, validationDetails } from '../main/hub/api/http.ts';
import { hardeningHeaders } from '../main/hub/api/origin.ts';
import { createStaticHandler } from '../main/hub/api/static.ts';
import { migrate, openPool, type Pool } from './db/pool.ts';
import { Province, type ProvincePrincipal } from './service.ts';
import { provinceExport } from './export.ts';
import { changeSiteLevel, reportSettings, saveReportSettings } from './settings.ts';

/** A push of 2,000 events is about 1.5 MB of JSON. */
const MAX_PUSH_BYTES = 8 * 1024 * 1024;
export const DEFAULT_PROVINCE_PORT = 8787;

type Handler<N extends ProvinceEndpointName> = (input: ProvinceParsed<N>, who: ProvincePrincipal | null) => Promise<ProvinceOutput<N>>;
type Handlers = { [N in ProvinceEndpointName]: Handler<N> };

export interface ProvinceServer {
  url: string;
  port: number;
  pool: Pool;
  province: Province;
  server: Server;
  close(): Promise<void>;
}

export interface ProvinceOptions {
  databaseUrl: string;
  port?: number;
  host?: string;
  clock?: Clock;
  log: Log;
  rendererDir?: string;
  seedDemo?: boolean;
}

function defaultRendererDir(): string {
  const beside = fileURLToPath(new URL('./renderer', import.meta.url));
  return existsSync(beside) ? beside : fileURLToPath(new URL('../dist/renderer', import.meta.url));
}

export async function startProvince(opts: ProvinceOptions): Promise<ProvinceServer> {
  const clock = opts.clock ?? systemClock;
  const pool = openPool(opts.databaseUrl);
  await migrate(pool);
  const province = new Province(pool, clock, opts.log);
  if (opts.seedDemo !== false && (await province.seedDemoAdmin()))
    opts.log.warn('province: demo account "tinh" / "motcua-tinh" created; change it before real use');

  const staffOnly = (who: ProvincePrincipal | null) => {
    if (who?.kind !== 'staff') throw new HubError('FORBIDDEN');
  };
  const siteOf = (who: ProvincePrincipal | null) => {
    if (who?.kind !== 'site') throw new HubError('FORBIDDEN');
    return who.site;
  };
  const handlers: Handlers = {
    'province:join': (input) => province.join(input.code),
    'province:push': (input, who) => province.push(siteOf(who).id, input as PushBatch),
    'province:ack': (_input, who) => province.ack(siteOf(who)),
    'province:login': (input) => province.login(input.username, input.password),
    'province:change-password': async (input, who) => {
      if (who?.kind !== 'staff') throw new HubError('FORBIDDEN');
      await province.changePassword(who.tokenHash, input.currentPassword, input.newPassword);
      return { ok: true as const };
    },
    'province:staff-create': async (input) => (await province.addStaff(input), { ok: true as const }),
    'province:floor': async (_input, who) => (staffOnly(who), province.floor()),
    'province:site-create': (input) => province.createSite(input),
    'province:site-code': (input) => province.newCode(input.id),
    'province:site-revoke': async (input) => (await province.revoke(input.id), { ok: true as const }),
    'province:report': (input) => province.report(input.from, input.to),
    'province:site-report': (input) => province.siteReport(input.id, input.from, input.to),
    'province:catalogue-publish': (input) => province.publishCatalogue(input.fields),
    'province:catalogue': async (_input, who) => {
      const all = await province.catalogue();
      // A site sees the catalogue, not which other sites accepted it.
      return who?.kind === 'site' ? { catalogue: all.catalogue, accepted: {} } : all;
    },
    'province:catalogue-accepted': async (input, who) => (
      await province.catalogueAccepted(siteOf(who), input.version),
      { ok: true as const }
    ),
    'province:export': async (input) => provinceExport(province, input.from, input.to, input.format, await reportSettings(pool)),
    'province:settings': () => reportSettings(pool),
    'province:settings-update': (input) => saveReportSettings(pool, input),
    'province:site-level': (input) => changeSiteLevel(pool, input.id, input.level),
  };

  const statics = createStaticHandler(opts.rendererDir ?? defaultRendererDir());
  const server = createServer({ headersTimeout: 10_000, requestTimeout: 60_000 }, (req, res) => {
    for (const [name, value] of Object.entries(hardeningHeaders)) res.setHeader(name, value);
    const url = new URL(req.url ?? '/', 'http://province.invalid');
    if (!url.pathname.startsWith('/api/')) return statics(req, res);
    handle(req, res, url, handlers, province).catch((err: unknown) => {
      if (err instanceof ClientAborted) res.destroy();
      else if (err instanceof HubError) sendError(res, err);
      else {
        opts.log.error({ err, path: url.pathname }, 'province: unexpected error');
        if (!res.headersSent) send(res, 500, errorBody('INTERNAL'));
        else res.destroy();
      }
    });
  });

  // The live table: each console's socket gets every site's row when that site's push lands.
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  const consoles = new Set<WebSocket>();
  server.on('upgrade', (req, socket, head) => {
    if (new URL(req.url ?? '/', 'http://province.invalid').pathname !== PROVINCE_WS_PATH) return socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => {
      ws.once('message', (data) => {
        const token = (() => {
          try {
            return (JSON.parse(data.toString()) as { token?: unknown }).token;
          } catch {
            return undefined;
          }
        })();
        void province.principalOf(typeof token === 'string' ? token : undefined).then((who) => {
          const say = (m: ProvinceServerMessage) => ws.send(JSON.stringify(m));
          if (who?.kind !== 'staff') {
            say({ type: 'error', code: 'UNAUTHENTICATED', message: 'Vui lòng đăng nhập.' });
            return ws.close();
          }
          consoles.add(ws);
          ws.on('close', () => consoles.delete(ws));
          say({ type: 'subscribed' });
        });
      });
    });
  });
  const stopListening = province.onSiteChanged((site: SiteLive) => {
    const text = JSON.stringify({ type: 'site', site } satisfies ProvinceServerMessage);
    for (const ws of consoles) ws.send(text);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? DEFAULT_PROVINCE_PORT, opts.host ?? '0.0.0.0', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const shown = !opts.host || opts.host === '0.0.0.0' ? '127.0.0.1' : opts.host;
  opts.log.info({ port }, 'province server started');
  let closing: Promise<void> | undefined;
  return {
    url: `http://${shown}:${port}`,
    port,
    pool,
    province,
    server,
    close() {
      closing ??= shutDown();
      return closing;
    },
  };

  async function shutDown(): Promise<void> {
    stopListening();
    for (const ws of consoles) ws.terminate();
    wss.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await pool.end();
  }
}

const matchProvince = routeMatcher(provinceEndpoints);

async function handle(req: IncomingMessage, res: ServerResponse, url: URL, handlers: Handlers, province: Province): Promise<void> {
  const candidates = matchProvince(url.pathname.split('/').filter(Boolean));
  const hit = candidates.find((c) => c.route.method === req.method);
  if (!hit) {
    req.resume();
    throw new HubError(candidates.length > 0 ? 'METHOD_NOT_ALLOWED' : 'NOT_FOUND');
  }
  const found = { name: hit.route.name, params: hit.params };
  const endpoint = provinceEndpoints[found.name];
  const allowed = endpoint.access as readonly string[];
  const who = await province.principalOf(bearer(req));
  if (!allowed.includes('public')) {
    const role = who === null ? null : who.kind === 'site' ? 'site' : who.role;
    if (role === null) {
      req.resume();
      throw new HubError('UNAUTHENTICATED');
    }
    if (!allowed.includes(role)) {
      req.resume();
      throw new HubError('FORBIDDEN');
    }
  }
  let raw: unknown;
  if (req.method === 'GET') {
    raw = Object.fromEntries(url.searchParams);
    req.resume();
  } else {
    const text = await readBody(req, found.name === 'province:push' ? MAX_PUSH_BYTES : 64 * 1024);
    try {
      raw = text.trim() === '' ? {} : JSON.parse(text);
    } catch {
      throw new HubError('BAD_JSON');
    }
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    throw new HubError('VALIDATION', [{ path: [], message: 'expected an object' }]);
  const problem = jsonProblem(raw);
  if (problem) throw new HubError('VALIDATION', [problem]);
  const parsed = (endpoint.input as z.ZodType).safeParse({ ...(raw as object), ...found.params });
  if (!parsed.success) throw new HubError('VALIDATION', validationDetails(parsed.error));
  const handler = handlers[found.name] as (input: unknown, who: ProvincePrincipal | null) => Promise<unknown>;
  send(res, 200, await handler(parsed.data, who));
}
