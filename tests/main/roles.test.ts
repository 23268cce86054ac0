// Every endpoint × every kind of caller: a caller outside an endpoint's access list never succeeds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRequest, endpoints, type EndpointName } from '../../main/contract/index.ts';
import { errorCode, startTestHub, type TestHub } from '../helpers/hub.ts';
import { callers, sampleInputs, tokensFor, type Caller } from '../helpers/principals.ts';

let t: TestHub;
let tokens: Record<Caller, string | null>;
let ids: { field: number; counter: number; ticket: number; staff: number; device: number };

beforeAll(async () => {
  t = await startTestHub();
  tokens = await tokensFor(t);
  const issued = await t.api('ticket:issue', { fieldId: await t.fieldId('TP'), priority: false }, tokens.kiosk);
  const admin = await t.login('admin');
  const spare = await t.api('devices:create', { kind: 'display', name: 'spare', counterId: null }, admin);
  const staff = (await t.api('staff:list', {}, admin)).find((s) => s.username === 'canbo6')!;
  ids = { field: await t.fieldId('TP'), counter: await t.counterId(1), ticket: issued.ticket.id, staff: staff.id, device: spare.device.id };
});
afterAll(async () => t.close());

async function raw(name: EndpointName, token: string | null): Promise<{ status: number; code: string | null }> {
  const req = buildRequest(name, sampleInputs[name](ids) as never);
  const res = await fetch(t.hub.url + req.path, {
    method: req.method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    ...(req.body === undefined ? {} : { body: req.body }),
  });
  const body = (await res.json()) as { error?: { code: string } };
  return { status: res.status, code: body.error?.code ?? null };
}

const names = (Object.keys(endpoints) as EndpointName[]).filter((n) => n !== 'auth:logout');

describe('role matrix', () => {
  for (const name of names) {
    it(`${name}: ${endpoints[name].access.join(', ')}`, async () => {
      const access = endpoints[name].access as readonly string[];
      for (const caller of callers) {
        const { status, code } = await raw(name, tokens[caller]);
        const allowed = access.includes('public') || access.includes(caller);
        if (!allowed) {
          expect({ caller, status, code }).toEqual({
            caller,
            status: caller === 'none' ? 401 : 403,
            code: caller === 'none' ? 'UNAUTHENTICATED' : 'FORBIDDEN',
          });
        } else {
          expect({ caller, code }).not.toEqual({ caller, code: 'FORBIDDEN' });
          expect({ caller, code }).not.toEqual({ caller, code: 'UNAUTHENTICATED' });
          expect(status, `${caller} → ${code}`).toBeLessThan(500);
        }
      }
    });
  }

  it('auth:logout: staff only, and the token is dead afterwards', async () => {
    for (const caller of callers) {
      const token =
        caller === 'admin'
          ? await t.login('admin')
          : caller === 'manager'
            ? await t.login('quanly')
            : caller === 'officer'
              ? await t.login('canbo3')
              : tokens[caller];
      const { status } = await raw('auth:logout', token);
      if (['admin', 'manager', 'officer'].includes(caller)) {
        expect(status).toBe(200);
        expect((await raw('auth:me', token)).status).toBe(401);
      } else {
        expect(status).toBe(caller === 'none' ? 401 : 403);
      }
    }
  });

  it('a revoked device token stops working at once', async () => {
    const admin = await t.login('admin');
    const created = await t.api('devices:create', { kind: 'kiosk', name: 'Kiosk tầng 2', counterId: null }, admin);
    const { token } = await t.api('device:pair', { code: created.code });
    expect((await t.api('auth:me', {}, token)).kind).toBe('device');
    // A pairing code works once.
    expect(await errorCode(t.api('device:pair', { code: created.code }))).toBe('PAIRING_CODE_INVALID');
    await t.api('devices:revoke', { id: created.device.id }, admin);
    expect((await raw('center:get', token)).status).toBe(401);
  });
});
