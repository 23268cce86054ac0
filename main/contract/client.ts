// A typed client for the hub's API, built from the route table. Uses only `fetch`, so the
// renderer, tests and benchmarks share it; it loads no zod (each endpoint's input and answer are
// typed from endpoints.ts, as types only), so neither does a hall screen (#24).
import type { EndpointInput, EndpointName, EndpointOutput } from './endpoints.ts';
import type { ApiErrorBody, ErrorCode } from './errors.ts';
import { routes } from './routes.ts';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'NETWORK',
    readonly messageVi: string,
    readonly details?: unknown,
  ) {
    super(`${code}: ${messageVi}`);
  }
}

export interface ApiClientOptions {
  baseUrl: string;
  token?: () => string | null | undefined;
  fetch?: typeof fetch;
}

export type ApiClient = <N extends EndpointName>(name: N, input: EndpointInput<N>, token?: string | null) => Promise<EndpointOutput<N>>;

/** An endpoint table's entry as the client needs it (the hub's and the province's tables both fit). */
interface Route {
  method: string;
  path: string;
}

export function buildRequest<N extends EndpointName>(name: N, input: EndpointInput<N>): { method: string; path: string; body?: string } {
  return requestFor(routes[name], input);
}

function requestFor(def: Route, input: unknown): { method: string; path: string; body?: string } {
  const rest: Record<string, unknown> = input !== null && typeof input === 'object' ? { ...input } : {};
  const path = def.path.replace(/:(\w+)/g, (_m, key: string) => {
    const value = rest[key];
    delete rest[key];
    return encodeURIComponent(String(value));
  });
  if (def.method === 'GET') {
    const query = new URLSearchParams(
      Object.entries(rest)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]): [string, string] => [k, String(v)]),
    );
    const qs = query.toString();
    return { method: 'GET', path: qs ? `${path}?${qs}` : path };
  }
  return { method: def.method, path, body: JSON.stringify(rest) };
}

export function createApiClient(opts: ApiClientOptions): ApiClient {
  // built on the zod-free route table; ApiClient types each name's input and answer from endpoints.ts
  return clientFor(routes, opts);
}

/** A client over any endpoint table of the contract's shape. */
export function clientFor(table: Record<string, Route>, opts: ApiClientOptions) {
  const doFetch = opts.fetch ?? fetch;
  return async (name: string, input: unknown, token?: string | null): Promise<never> => {
    const route = table[name];
    if (route === undefined) throw new Error(`no endpoint named ${name}`);
    const req = requestFor(route, input);
    const bearer = token === undefined ? opts.token?.() : token;
    let res: Response;
    try {
      res = await doFetch(opts.baseUrl + req.path, {
        method: req.method,
        headers: { 'Content-Type': 'application/json', ...(bearer ? { Authorization: `Bearer ${bearer}` } : {}) },
        ...(req.body === undefined ? {} : { body: req.body }),
      });
    } catch (err) {
      throw new ApiError(0, 'NETWORK', 'Mất kết nối tới máy chủ.', String(err));
    }
    const json: unknown = await res.json().catch(() => null);
    if (!res.ok) {
      // a refusal's body is the contract's error body (or anything else, whose `error` is then undefined)
      const e = (json as ApiErrorBody | null)?.error;
      throw new ApiError(res.status, e?.code ?? 'INTERNAL', e?.message ?? res.statusText, e?.details);
    }
    // the typed client (ApiClient) gives each endpoint's output type: the answer of a server built on this contract
    return json as never;
  };
}
