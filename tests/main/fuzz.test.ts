// Random and malformed requests on every endpoint, as every kind of caller: never a 5xx, always
// the one error shape, and the hub still serves afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpoints, type EndpointName } from '../../main/contract/index.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { tokensFor, type Caller } from '../helpers/principals.ts';
import { integrityCheck } from '../../db/open.ts';

let t: TestHub;
let tokens: Record<Caller, string | null>;

beforeAll(async () => {
  t = await startTestHub();
  tokens = await tokensFor(t);
});
afterAll(async () => t.close());

/** Small deterministic PRNG (mulberry32) so a failure can be replayed from its seed. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const nasty = [
  '',
  ' ',
  'null',
  '0',
  '-1',
  '1e309',
  'NaN',
  'Đặng Thị Ánh Tuyết',
  '\u0000',
  '💥',
  'a'.repeat(5000),
  '../../etc/passwd',
  "'; DROP TABLE tickets; --",
  '<script>alert(1)</script>',
  '=1+2',
  '%',
  '\uD800',
];

function randomValue(r: () => number, depth = 0): unknown {
  const pick = Math.floor(r() * 11);
  switch (pick) {
    case 0:
      return null;
    case 1:
      return r() < 0.5;
    case 2:
      return Math.floor(r() * 2 ** 31) * (r() < 0.3 ? -1 : 1);
    case 3:
      return [0, -0, 1.5, 2 ** 53 + 1, -(2 ** 63), Number.MAX_SAFE_INTEGER, 1e308][Math.floor(r() * 7)];
    case 4:
      return nasty[Math.floor(r() * nasty.length)];
    case 5:
      return depth > 3 ? 1 : Array.from({ length: Math.floor(r() * 4) }, () => randomValue(r, depth + 1));
    default: {
      if (depth > 3) return 'x';
      const keys = [
        'id',
        'fieldId',
        'counterId',
        'ticketId',
        'priority',
        'source',
        'code',
        'username',
        'password',
        'kind',
        'name',
        'number',
        'fields',
        'weight',
        'rangeStart',
        'rangeEnd',
        'timezone',
        'openingHours',
        'since',
        'limit',
        '__proto__',
        'constructor',
      ];
      const o: Record<string, unknown> = {};
      for (let i = Math.floor(r() * 6); i > 0; i--) o[keys[Math.floor(r() * keys.length)]!] = randomValue(r, depth + 1);
      return o;
    }
  }
}

function randomBody(r: () => number): string {
  const pick = r();
  if (pick < 0.15) return ['{', '{"a":', '[1,2', 'nul', '"unterminated', '{}}', '\u00ff\u00fe', '{"id": 1,}'][Math.floor(r() * 8)]!;
  if (pick < 0.2) return JSON.stringify([randomValue(r)]);
  return JSON.stringify(randomValue(r));
}

function randomPath(path: string, r: () => number): string {
  return path.replace(/:(\w+)/g, () =>
    encodeURIComponent(String([1, 2, 999999, -1, 0, 'abc', '1e3', '%', '9'.repeat(30)][Math.floor(r() * 9)])),
  );
}

describe('fuzz', () => {
  const names = (Object.keys(endpoints) as EndpointName[]).filter((n) => n !== 'auth:logout');
  for (const name of names) {
    it(`${name} survives random input`, async () => {
      const def = endpoints[name];
      const r = rng(name.split('').reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, 7));
      for (let i = 0; i < 30; i++) {
        const caller = (['none', 'admin', 'officer', 'kiosk'] as const)[i % 4]!;
        const token = tokens[caller];
        const path = randomPath(def.path, r);
        const query =
          def.method === 'GET' && r() < 0.7
            ? `?${new URLSearchParams({ since: JSON.stringify(randomValue(r)) ?? '', limit: JSON.stringify(randomValue(r)) ?? '', x: JSON.stringify(randomValue(r)) ?? '' })}`
            : '';
        const method = r() < 0.9 ? def.method : (['GET', 'POST', 'PUT', 'DELETE', 'PATCH'] as const)[Math.floor(r() * 5)];
        const res = await fetch(t.hub.url + path + query, {
          method,
          headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
          ...(method === 'GET' ? {} : { body: randomBody(r) }),
        });
        const text = await res.text();
        expect(res.status, `${method} ${path} → ${text}`).toBeLessThan(500);
        if (res.status >= 400) expect((JSON.parse(text) as { error: { code: string } }).error.code).toMatch(/^[A-Z_]+$/);
      }
    });
  }

  it('oversized bodies, bad tokens and unknown paths are refused cleanly', async () => {
    const big = await fetch(`${t.hub.url}/api/tickets`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${tokens.kiosk}` },
      body: 'x'.repeat(200_000),
    }).catch(() => null);
    if (big) expect(big.status).toBe(413);
    for (const auth of ['Bearer', 'Bearer x', 'Basic YWRtaW46YWRtaW4=', `Bearer ${'A'.repeat(500)}`, 'Bearer ../../..']) {
      const res = await fetch(`${t.hub.url}/api/center`, { headers: { Authorization: auth } });
      expect(res.status).toBe(401);
    }
    for (const p of ['/api', '/api/', '/api/tickets/1/explode', '/api/%E0%A4%A', '/api/tickets/00001']) {
      const res = await fetch(t.hub.url + p);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
    const health = await t.api('hub:health', {});
    expect(health.ok).toBe(true);
    expect(integrityCheck(t.hub.db)).toBe('ok');
  });
});
