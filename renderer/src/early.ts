// A kiosk coming back after a reload asks the hub for its screen while its code still loads (#24):
// the entry starts the kiosk's first requests and its route's code at once, before React is even
// evaluated, rather than after the first render; the API client takes each early answer once.
import type { TokenScope } from './api.ts';

/** The kiosk's first snapshot (center:get, floor:get, auth:me), as the contract's paths. */
export const KIOSK_FIRST_LOAD = ['/api/center', '/api/floor', '/api/auth/me'] as const;
/** An early answer older than this is not taken: the screen asks again. */
const FRESH_MS = 5_000;

const early = new Map<string, { at: number; response: Promise<Response> }>();
const keyOf = (url: string, bearer: string) => `${url}|${bearer}`;

/** Starts GETs for `paths` with the token kept for `scope`, if there is one. */
export function prefetch(scope: TokenScope, paths: readonly string[]): void {
  const token = localStorage.getItem(`motcua.token.${scope}`);
  if (!token) return;
  const bearer = `Bearer ${token}`;
  for (const path of paths) {
    const response = fetch(path, { headers: { 'Content-Type': 'application/json', Authorization: bearer } });
    response.catch(() => undefined); // an unclaimed failure is not an unhandled rejection
    early.set(keyOf(path, bearer), { at: performance.now(), response });
  }
}

/** `fetch`, answering a GET the entry already started with the same credentials (once, while fresh). */
export const fetchOrEarly: typeof fetch = (input, init) => {
  if (typeof input === 'string' && (init?.method ?? 'GET') === 'GET') {
    const bearer = new Headers(init?.headers).get('Authorization') ?? '';
    const key = keyOf(input, bearer);
    const hit = early.get(key);
    early.delete(key);
    if (hit && performance.now() - hit.at < FRESH_MS) return hit.response;
  }
  return fetch(input, init);
};
