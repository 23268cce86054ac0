// The province's own door, as the hub's: sign-in limits, the published demo password changed
// before anything else on a province others reach, join-code guesses limited, and pushes with
// ids, times or levels the province cannot store refused as bad input (400), never a 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import WebSocket from 'ws';
import { createProvinceClient, type ProvinceClient } from '../../main/contract/index.ts';
import { startProvince, type ProvinceServer } from '../../province/server.ts';
import { errorCode } from '../helpers/hub.ts';
import { hasPostgres, startPostgres, type TestPostgres } from '../helpers/postgres.ts';

const maybe = hasPostgres ? describe : describe.skip;
if (!hasPostgres) console.warn('SKIPPED province door tests: PostgreSQL is missing (apt-get install -y postgresql)');

const silent = pino({ level: 'silent' });
let pgServer: TestPostgres;
let n = 0;
const open: ProvinceServer[] = [];

beforeAll(async () => {
  if (hasPostgres) pgServer = await startPostgres();
});
afterAll(async () => {
  for (const p of open.splice(0)) await p.close();
  await pgServer?.stop();
});

async function province(host = '127.0.0.1'): Promise<{ p: ProvinceServer; api: ProvinceClient }> {
  const databaseUrl = await pgServer.database(`door_${process.pid}_${++n}`);
  const p = await startProvince({ databaseUrl, port: 0, host, log: silent });
  open.push(p);
  return { p, api: createProvinceClient({ baseUrl: p.url }) };
}

maybe('the province door', () => {
  it('330 wrong passwords are not all evaluated: past the limit the answer is TOO_MANY_ATTEMPTS, even for the right one', async () => {
    const { api } = await province();
    const codes: string[] = [];
    for (let i = 0; i < 330; i++) codes.push(await errorCode(api('province:login', { username: 'tinh', password: `sai-${i}` })));
    const evaluated = codes.filter((c) => c === 'BAD_CREDENTIALS').length;
    expect(evaluated).toBeLessThanOrEqual(30);
    expect(codes.slice(-300).every((c) => c === 'TOO_MANY_ATTEMPTS')).toBe(true);
    expect(await errorCode(api('province:login', { username: 'tinh', password: 'motcua-tinh' }))).toBe('TOO_MANY_ATTEMPTS');
    // Guesses sent all at once are counted before any hash ends.
    const { api: fresh } = await province();
    const burst = await Promise.all(
      Array.from({ length: 40 }, (_, i) => errorCode(fresh('province:login', { username: 'tinh', password: `sai-${i}` }))),
    );
    expect(burst.filter((c) => c === 'BAD_CREDENTIALS').length).toBeLessThanOrEqual(5);
  });

  it('on a province others reach, the demo account must change its published password before anything else', async () => {
    const { p, api } = await province('0.0.0.0');
    const signedIn = await api('province:login', { username: 'tinh', password: 'motcua-tinh' });
    expect(signedIn.mustChangePassword).toBe(true);
    const token = signedIn.token;
    expect(await errorCode(api('province:floor', {}, token))).toBe('PASSWORD_CHANGE_REQUIRED');
    expect(await errorCode(api('province:site-create', { name: 'Xã A', level: 'xa', district: '' }, token))).toBe(
      'PASSWORD_CHANGE_REQUIRED',
    );
    const socket = new WebSocket(p.url.replace(/^http/, 'ws') + '/api/province/ws');
    await new Promise((r) => socket.once('open', r));
    socket.send(JSON.stringify({ token }));
    const closeCode = await new Promise<number>((r) => socket.once('close', (c) => r(c)));
    expect(closeCode).toBe(4401);
    await api('province:change-password', { currentPassword: 'motcua-tinh', newPassword: 'mat-khau-tinh-moi' }, token);
    const after = (await api('province:login', { username: 'tinh', password: 'mat-khau-tinh-moi' })).token;
    expect((await api('province:floor', {}, after)).sites).toEqual([]);
  });

  it('join-code guesses are limited per address; while it waits even the right code is held back', async () => {
    const { api } = await province();
    const admin = (await api('province:login', { username: 'tinh', password: 'motcua-tinh' })).token;
    const { code } = await api('province:site-create', { name: 'Xã Mỹ Hòa', level: 'xa', district: 'Mỹ Hòa' }, admin);
    const codes: string[] = [];
    for (let i = 0; i < 30; i++) codes.push(await errorCode(api('province:join', { code: `SAIMA${String(i).padStart(5, 'A')}` })));
    expect(codes.filter((c) => c === 'PAIRING_CODE_INVALID').length).toBeLessThanOrEqual(10);
    expect(codes.at(-1)).toBe('TOO_MANY_ATTEMPTS');
    expect(await errorCode(api('province:join', { code }))).toBe('TOO_MANY_ATTEMPTS');
  });

  it('a push with an id, a level or a time the province cannot store is refused as bad input, not a 500', async () => {
    const { api } = await province();
    const admin = (await api('province:login', { username: 'tinh', password: 'motcua-tinh' })).token;
    const { code } = await api('province:site-create', { name: 'Xã Mỹ Hòa', level: 'xa', district: 'Mỹ Hòa' }, admin);
    const site = (await api('province:join', { code })).token;
    const now = Date.now();
    const opened = (counterId: number) => ({
      seq: 1,
      at: now,
      type: 'counter:opened' as const,
      ticketId: null,
      counterId,
      fieldId: null,
      staffId: null,
      data: { counter: { id: counterId, number: 1, state: 'open' as const, staffName: null } },
    });
    const rating = (level: number) => ({
      seq: 1,
      at: now,
      type: 'rating:submitted' as const,
      ticketId: 5,
      counterId: 1,
      fieldId: 1,
      staffId: null,
      data: { ticketId: 5, level },
    });
    const push = (event: unknown) => api('province:push', { fromSeq: 1, toSeq: 1, events: [event] } as never, site);
    expect(await errorCode(push(opened(2 ** 53 - 1)))).toBe('VALIDATION');
    expect(await errorCode(push(opened(2 ** 31)))).toBe('VALIDATION');
    expect(await errorCode(push(rating(3e9)))).toBe('VALIDATION');
    expect(await errorCode(push(rating(-1)))).toBe('VALIDATION');
    expect(await errorCode(push({ ...opened(1), at: 2 ** 53 - 1 }))).toBe('VALIDATION');
    expect(await errorCode(push({ ...opened(1), ticketId: 2 ** 40 }))).toBe('VALIDATION');
    expect((await push(opened(1))).ackedSeq).toBe(1);
  });
});
