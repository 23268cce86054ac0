// The HTTP boundary: routes come from the contract's endpoint table; every input is validated
// here, every refusal is a JSON error with a stable code, and bad input is never a 5xx.
import type { IncomingMessage, RequestListener, ServerOptions, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { bodyLimits, endpoints, errorBody, type EndpointName, type EndpointOutput, type EndpointParsed } from '../../contract/index.ts';
import type { AccessControl, Principal } from '../../auth/access.ts';
import { HubError } from '../../base/errors.ts';
import type { Journal } from '../../store/journal.ts';
import { hardeningHeaders, type HostPolicy } from './origin.ts';
import type { Log } from '../../base/log.ts';

export interface RequestContext {
  principal: Principal | null;
  ip: string;
}

export type Handler<N extends EndpointName> = (
  input: EndpointParsed<N>,
  ctx: RequestContext & { principal: N extends PublicEndpoint ? Principal | null : Principal },
) => EndpointOutput<N> | Promise<EndpointOutput<N>>;

type PublicEndpoint = { [N in EndpointName]: (typeof endpoints)[N]['access'] extends readonly ['public'] ? N : never }[EndpointName];

export type Handlers = { [N in EndpointName]: Handler<N> };

const MAX_BODY = 64 * 1024;
/** What a session signed in with a published demo password may still do. */
const passwordChangeRoutes = new Set<EndpointName>(['auth:me', 'auth:logout', 'auth:change-password']);

interface Route<N extends string> {
  name: N;
  method: string;
  segments: string[];
}

/**
 * A path matcher for an endpoint table (the hub's, the province's): every route the path fits,
 * with its `:id` segments, which must be positive integers (anything else is no route at all).
 */
export function routeMatcher<N extends string>(
  table: Record<N, { method: string; path: string }>,
): (segments: string[]) => { route: Route<N>; params: Record<string, number> }[] {
  // Object.keys of the table: exactly its names
  const routes: Route<N>[] = (Object.keys(table) as N[]).map((name) => ({
    name,
    method: table[name].method,
    segments: table[name].path.split('/').filter(Boolean),
  }));
  return (segments) => matchAll(routes, segments);
}

function matchAll<N extends string>(
  routes: readonly Route<N>[],
  segments: string[],
): { route: Route<N>; params: Record<string, number> }[] {
  const found: { route: Route<N>; params: Record<string, number> }[] = [];
  for (const route of routes) {
    if (route.segments.length !== segments.length) continue;
    const params: Record<string, number> = {};
    const ok = route.segments.every((want, i) => {
      const got = segments[i]; // as many segments as the route has (checked above)
      if (got === undefined) return false;
      if (!want.startsWith(':')) return want === got;
      params[want.slice(1)] = Number(got);
      return /^[1-9]\d{0,15}$/.test(got) && Number.isSafeInteger(Number(got));
    });
    if (ok) found.push({ route, params });
  }
  return found;
}

export function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(text);
}

/** Thrown when the client went away mid-body: nothing to answer, nothing unexpected to log. */
export class ClientAborted extends Error {}

/** Deeper than any request of ours nests (settings reach five levels): anything deeper is refused unread. */
export const MAX_JSON_DEPTH = 32;

/**
 * What is wrong with a parsed body beyond its schema, or null: nesting past `MAX_JSON_DEPTH`, or a
 * lone surrogate (`"\ud800"`), valid JSON but not valid text (it would be stored as broken UTF-8).
 * Iterative, so a body nested thousands deep costs a loop, never the stack.
 */
export function jsonProblem(value: unknown, maxDepth = MAX_JSON_DEPTH): { path: []; message: string } | null {
  const stack: { v: unknown; depth: number }[] = [{ v: value, depth: 0 }];
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    const { v, depth } = top;
    if (typeof v === 'string') {
      if (!v.isWellFormed()) return { path: [], message: 'text with a lone UTF-16 surrogate' };
    } else if (v !== null && typeof v === 'object') {
      if (depth >= maxDepth) return { path: [], message: `nested deeper than ${maxDepth} levels` };
      for (const [k, child] of Object.entries(v)) {
        if (!k.isWellFormed()) return { path: [], message: 'text with a lone UTF-16 surrogate' };
        stack.push({ v: child, depth: depth + 1 });
      }
    }
  }
  return null;
}

export function sendError(res: ServerResponse, err: HubError): void {
  if (err.code === 'TOO_MANY_ATTEMPTS' || err.code === 'RATE_LIMITED') {
    const ms = retryAfterOf(err.details) ?? 60_000;
    res.setHeader('Retry-After', String(Math.ceil(ms / 1000)));
  }
  send(res, err.status, errorBody(err.code, err.details));
}

/** The wait a refusal's details name (`{ retryAfterMs }`), when they name one. */
function retryAfterOf(details: unknown): number | undefined {
  return details !== null && typeof details === 'object' && 'retryAfterMs' in details && typeof details.retryAfterMs === 'number'
    ? details.retryAfterMs
    : undefined;
}

export function readBody(req: IncomingMessage, maxBytes = MAX_BODY): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        reject(new HubError('BODY_TOO_LARGE'));
        req.removeAllListeners('data');
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('aborted', () => reject(new ClientAborted()));
    req.on('error', (err) => reject(req.destroyed || req.aborted ? new ClientAborted(err.message) : err));
  });
}

export function bearer(req: IncomingMessage): string | undefined {
  const h = req.headers.authorization;
  if (!h) return undefined;
  const m = /^Bearer\s+([A-Za-z0-9_-]{10,200})$/.exec(h);
  return m?.[1];
}

export function validationDetails(error: z.ZodError): { path: (string | number)[]; message: string }[] {
  return error.issues.slice(0, 20).map((i) => ({ path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: i.message }));
}

/** One route of an endpoint table, as the pipeline reads it (the hub's and the province's tables both fit). */
export interface EndpointSpec {
  readonly method: string;
  readonly path: string;
  readonly input: z.ZodType;
  readonly access: readonly string[];
}

/** Who asks, as one server knows its tokens: the pipeline needs no more of either server's accounts. */
export interface Door<P> {
  resolve(token: string | undefined): P | null | Promise<P | null>;
  /** The role the endpoint tables name (`admin`, `kiosk`, `province-admin`, `site`…). */
  roleOf(principal: P): string;
  /** Signed in with a published password: only the routes in `passwordRoutes` until it is changed. */
  mustChangePassword(principal: P): boolean;
  /**
   * Changes whenever a token may have lost its rights. Without it the token is looked at again
   * after every body (the province's tokens live in a database other servers also change).
   */
  epoch?(): number;
}

export interface Pipeline<N extends string, P> {
  table: Record<N, EndpointSpec>;
  door: Door<P>;
  run(name: N, input: unknown, ctx: { principal: P | null; ip: string }): unknown;
  /** What a session that must change its password may still do. */
  passwordRoutes: ReadonlySet<N>;
  /** Bytes a route's body may hold (64 KB unless said). */
  maxBody?(name: N): number;
  /** After the handler, before the answer: the hub acknowledges only what is durable. */
  settled?(): Promise<void>;
  /** An error that is not a HubError but has a known meaning (a database gone: 503, never 500). */
  known?(err: unknown): HubError | null;
}

/**
 * The request pipeline both servers are built from: Host allow-list, hardening headers, the
 * cross-site write refusal, the URI-decode guard, route and access, bounded body, JSON depth, the
 * token looked at again after a slow body, the input schema, then the handler.
 */
export function createPipeline<N extends string, P>(
  pipeline: Pipeline<N, P>,
  fallback: RequestListener,
  hosts: HostPolicy,
  log: Log,
): RequestListener {
  const match = routeMatcher(pipeline.table);
  return (req, res) => {
    if (!hosts.hostAllowed(req.headers.host)) {
      // DNS rebinding: a page on some other name that now points at this server.
      req.resume();
      res.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Tên máy chủ không hợp lệ. / Unknown host name.');
      return;
    }
    for (const [name, value] of Object.entries(hardeningHeaders)) res.setHeader(name, value);
    const url = new URL(req.url ?? '/', 'http://hub.invalid');
    if (!url.pathname.startsWith('/api/')) {
      fallback(req, res);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD' && !hosts.writeAllowed(req)) {
      req.resume();
      sendError(res, new HubError('FORBIDDEN', { reason: 'cross-site' }));
      return;
    }
    handle(req, res, url, pipeline, match).catch((err: unknown) => {
      const known = err instanceof HubError ? err : (pipeline.known?.(err) ?? null);
      if (err instanceof ClientAborted) res.destroy();
      else if (known) {
        if (res.headersSent) res.destroy();
        else sendError(res, known);
      } else {
        log.error({ err, method: req.method, path: url.pathname }, 'unexpected error');
        if (!res.headersSent) send(res, 500, errorBody('INTERNAL'));
        else res.destroy();
      }
    });
  };
}

export function createApiListener(
  handlers: Handlers,
  access: AccessControl,
  journal: Journal,
  fallback: RequestListener,
  hosts: HostPolicy,
  log: Log,
): RequestListener {
  return createPipeline<EndpointName, Principal>(
    {
      table: endpoints,
      door: {
        resolve: (token) => access.resolve(token),
        roleOf: (p) => p.role,
        mustChangePassword: (p) => p.kind === 'staff' && p.session.mustChangePassword,
        epoch: () => access.epoch,
      },
      // the pipeline parsed `input` with this endpoint's own schema: TypeScript cannot follow a name into the table
      run: (name, input, ctx) => (handlers[name] as (input: unknown, ctx: RequestContext) => unknown)(input, ctx),
      passwordRoutes: passwordChangeRoutes,
      maxBody: (name) => bodyLimits[name] ?? MAX_BODY,
      // Acknowledge only what is durable: wait for the group commit this request's writes joined.
      settled: () => journal.settled(),
    },
    fallback,
    hosts,
    log,
  );
}

async function handle<N extends string, P>(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  pipeline: Pipeline<N, P>,
  match: (segments: string[]) => { route: Route<N>; params: Record<string, number> }[],
): Promise<void> {
  let segments: string[];
  try {
    segments = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    req.resume();
    throw new HubError('NOT_FOUND');
  }
  const candidates = match(segments);
  const hit = candidates.find((c) => c.route.method === req.method);
  if (!hit) {
    req.resume();
    throw new HubError(candidates.length > 0 ? 'METHOD_NOT_ALLOWED' : 'NOT_FOUND');
  }
  const route = hit.route;
  const endpoint = pipeline.table[route.name];
  const { door } = pipeline;

  const epoch = door.epoch?.();
  const principal = await door.resolve(bearer(req));
  const allowed = endpoint.access;
  const isPublic = allowed.includes('public');
  if (!isPublic) {
    if (!principal) {
      req.resume();
      throw new HubError('UNAUTHENTICATED');
    }
    if (!allowed.includes(door.roleOf(principal))) {
      req.resume();
      throw new HubError('FORBIDDEN');
    }
    if (door.mustChangePassword(principal) && !pipeline.passwordRoutes.has(route.name)) {
      req.resume();
      throw new HubError('PASSWORD_CHANGE_REQUIRED');
    }
  }

  let raw: unknown;
  if (req.method === 'GET') {
    raw = Object.fromEntries(url.searchParams);
    req.resume();
  } else {
    const text = await readBody(req, pipeline.maxBody?.(route.name) ?? MAX_BODY);
    if (text.trim() === '') raw = {};
    else {
      try {
        raw = JSON.parse(text);
      } catch {
        throw new HubError('BAD_JSON');
      }
    }
    // The body may have taken a while: a token whose rights changed meanwhile is looked at again.
    if (principal && !isPublic && (epoch === undefined || door.epoch?.() !== epoch) && !(await door.resolve(bearer(req))))
      throw new HubError('UNAUTHENTICATED');
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    throw new HubError('VALIDATION', [{ path: [], message: 'expected an object' }]);
  const problem = jsonProblem(raw);
  if (problem) throw new HubError('VALIDATION', [problem]);
  const parsed = endpoint.input.safeParse({ ...raw, ...hit.params });
  if (!parsed.success) throw new HubError('VALIDATION', validationDetails(parsed.error));

  const result = await pipeline.run(route.name, parsed.data, { principal, ip: req.socket.remoteAddress ?? 'unknown' });
  await pipeline.settled?.();
  send(res, 200, result);
}

/**
 * What both servers' sockets are opened with: a request must arrive whole within seconds (a
 * half-sent body would otherwise hold a socket for minutes), checked every second.
 */
export function apiServerOptions(requestTimeoutMs: number): ServerOptions {
  return { keepAliveTimeout: 65_000, headersTimeout: 10_000, requestTimeout: requestTimeoutMs, connectionsCheckingInterval: 1_000 };
}
