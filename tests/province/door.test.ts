// The province's own door, as the hub's: sign-in limits, the published demo password changed
// before anything else on a province others reach (and replaced from another machine only with the
// code the server printed), a province without the demo account set up once with its setup code,
// join-code guesses limited, and pushes with ids, times or levels the province cannot store
// refused as bad input (400), never a 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import WebSocket from 'ws';
import { createProvinceClient, type ProvinceClient } from '../../main/contract/index.ts';
import { startProvince, type ProvinceOptions, type ProvinceServer } from '../../province/server.ts';
import { errorCode } from '../helpers/hub.ts';
import { hasPostgres, startPostgres, type TestPostgres } from '../helpers/postgres.ts';

const maybe = hasPostgres ? describe : describe.skip;
if (!hasPostgres) console.warn('SKIPPED province door tests: PostgreSQL is missing (apt-get install -y postgresql)');

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

async function province(
  host = '127.0.0.1',
  more: Partial<ProvinceOptions> = {},
): Promise<{ p: ProvinceServer; api: ProvinceClient; logged: Record<string, unknown>[] }> {
  const databaseUrl = more.databaseUrl ?? (await pgServer.database(`door_${process.pid}_${++n}`));
  // What the server logs, as the person at its console reads it.
  const logged: Record<string, unknown>[] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => void logged.push(JSON.parse(line) as Record<string, unknown>) });
  const p = await startProvince({ port: 0, host, log, ...more, databaseUrl });
  await p.ready;
  open.push(p);
  return { p, api: createProvinceClient({ baseUrl: `http://127.0.0.1:${p.port}` }), logged };
}

const inFours = (code: string) => code.match(/.{4}/g)!.join('-');

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

  it('on a province others reach, the demo password is replaced from another machine only with the code the server printed', async () => {
    // serverPcAddresses: [] — the test's 127.0.0.1 is another machine, not the server PC.
    const { p, api, logged } = await province('0.0.0.0', { serverPcAddresses: [] });
    const { token, mustChangePassword } = await api('province:login', { username: 'tinh', password: 'motcua-tinh' });
    expect(mustChangePassword).toBe(true);
    const change = (setupCode?: string) =>
      api('province:change-password', { currentPassword: 'motcua-tinh', newPassword: 'mat-khau-tinh-moi', setupCode }, token);
    expect(await errorCode(change())).toBe('SETUP_CODE_INVALID');
    expect(await errorCode(change('AAAA-BBBB-CCCC'))).toBe('SETUP_CODE_INVALID');
    const claim = p.claimCode()!;
    expect(claim).toMatch(/^[A-Z2-9]{12}$/);
    expect(logged.some((l) => l.claimCode === inFours(claim))).toBe(true);
    // Still the demo password, still held to changing it.
    expect(await errorCode(api('province:floor', {}, token))).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await api('province:login', { username: 'tinh', password: 'motcua-tinh' })).mustChangePassword).toBe(true);
    // Typed back as read from the console: in fours, lower case.
    await change(inFours(claim).toLowerCase());
    const after = (await api('province:login', { username: 'tinh', password: 'mat-khau-tinh-moi' })).token;
    expect((await api('province:floor', {}, after)).sites).toEqual([]);
    // The demo is over: no code is printed for it again.
    expect(await p.demoPasswordInUse()).toBe(false);
  });

  it('wrong claim codes are limited per address: past ten, even the right code waits', async () => {
    const { p, api } = await province('0.0.0.0', { serverPcAddresses: [] });
    const { token } = await api('province:login', { username: 'tinh', password: 'motcua-tinh' });
    const change = (setupCode: string) =>
      api('province:change-password', { currentPassword: 'motcua-tinh', newPassword: 'mat-khau-tinh-moi', setupCode }, token);
    const codes: string[] = [];
    for (let i = 0; i < 12; i++) codes.push(await errorCode(change(`AAAA-BBBB-CC${String(i).padStart(2, '2')}`)));
    expect(codes.filter((c) => c === 'SETUP_CODE_INVALID')).toHaveLength(10);
    expect(codes.at(-1)).toBe('TOO_MANY_ATTEMPTS');
    expect(await errorCode(change(p.claimCode()!))).toBe('TOO_MANY_ATTEMPTS');
  });

  it('a demo session made while the province listened on loopback may only change its password once others reach it', async () => {
    const databaseUrl = await pgServer.database(`door_${process.pid}_${++n}`);
    const { p: local, api: api1 } = await province('127.0.0.1', { databaseUrl });
    const { token } = await api1('province:login', { username: 'tinh', password: 'motcua-tinh' });
    expect((await api1('province:floor', {}, token)).sites).toEqual([]);
    await local.close();
    open.splice(open.indexOf(local), 1);
    const { p, api: api2 } = await province('0.0.0.0', { databaseUrl, serverPcAddresses: [] });
    expect(await errorCode(api2('province:floor', {}, token))).toBe('PASSWORD_CHANGE_REQUIRED');
    expect(
      await errorCode(api2('province:change-password', { currentPassword: 'motcua-tinh', newPassword: 'mat-khau-tinh-moi' }, token)),
    ).toBe('SETUP_CODE_INVALID');
    await api2(
      'province:change-password',
      { currentPassword: 'motcua-tinh', newPassword: 'mat-khau-tinh-moi', setupCode: p.claimCode()! },
      token,
    );
  });

  it('a province started without the demo account is set up once, with the setup code it printed', async () => {
    const { p, api, logged } = await province('0.0.0.0', { seedDemo: false, serverPcAddresses: [] });
    expect(await api('province:setup-status', {})).toEqual({ needed: true });
    expect(await errorCode(api('province:login', { username: 'tinh', password: 'motcua-tinh' }))).toBe('BAD_CREDENTIALS');
    const code = p.setupCode()!;
    expect(code).toMatch(/^[A-Z2-9]{12}$/);
    expect(logged.some((l) => l.setupCode === inFours(code))).toBe(true);
    const admin = { username: 'giamdoc', fullName: 'Nguyễn Văn Tỉnh', password: 'mat-khau-giam-doc' };
    expect(await errorCode(api('province:setup', { ...admin, code: 'AAAA-BBBB-CCCC' }))).toBe('SETUP_CODE_INVALID');
    expect(await errorCode(api('province:setup', { ...admin, code: '' }))).toBe('VALIDATION');
    expect(await errorCode(api('province:setup', { ...admin, password: 'motcua-tinh', code }))).toBe('PASSWORD_TOO_WEAK');
    expect(await api('province:setup-status', {})).toEqual({ needed: true });

    // Two forms sent at once with the right code: one account, the other told it is done.
    const both = await Promise.allSettled([
      api('province:setup', { ...admin, code: inFours(code) }),
      api('province:setup', { ...admin, username: 'khac', code }),
    ]);
    const made = both.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const refused = await Promise.all(both.flatMap((r) => (r.status === 'rejected' ? [errorCode(Promise.reject(r.reason))] : [])));
    expect(made).toHaveLength(1);
    expect(refused).toEqual(['SETUP_DONE']);
    const signedIn = made[0]!;
    expect(signedIn).toMatchObject({ role: 'province-admin', mustChangePassword: false });

    expect((await api('province:floor', {}, signedIn.token)).sites).toEqual([]);
    expect(await api('province:setup-status', {})).toEqual({ needed: false });
    expect(p.setupCode()).toBeNull();
    expect(await errorCode(api('province:setup', { ...admin, username: 'ke-gian', code }))).toBe('SETUP_DONE');
    // One account, the one whose form won.
    const logins = await Promise.allSettled(
      ['giamdoc', 'khac'].map((username) => api('province:login', { username, password: 'mat-khau-giam-doc' })),
    );
    expect(logins.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
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
