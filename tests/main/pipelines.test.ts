// The hub and the province are built from one request pipeline and one socket layer
// (main/hub/api/http.ts, ws.ts): the same hostile requests get the same refusals from both.
import { randomBytes } from 'node:crypto';
import { createServer, request } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import WebSocket from 'ws';
import { MAX_JSON_DEPTH } from '../../main/hub/api/http.ts';
import { HostPolicy } from '../../main/hub/api/origin.ts';
import { SocketHall, type HallSocket } from '../../main/hub/api/ws.ts';
import { startProvince } from '../../province/server.ts';
import { startTestHub } from '../helpers/hub.ts';
import { hasPostgres, startPostgres, type TestPostgres } from '../helpers/postgres.ts';

const silent = pino({ level: 'silent' });

/** What a test needs of one server: where it is, how to sign in, a write, and how to take a token's rights away. */
interface Target {
  url: string;
  wsPath: string;
  loginPath: string;
  loginBody: string;
  /** A write that needs a token, and the token. */
  write: { path: string; body: string; token: string };
  /** Takes the write's token's rights away. */
  revoke(): Promise<void>;
  /** A socket subscription the console or screen sends. */
  subscribe(): Promise<string>;
  close(): Promise<void>;
}

async function hubTarget(): Promise<Target> {
  const t = await startTestHub({ issueLimit: null });
  const admin = await t.login('admin');
  const created = await t.api('devices:create', { kind: 'kiosk', name: 'Kiosk 2', counterId: null }, admin);
  const kiosk = (await t.api('device:pair', { code: created.code })).token;
  return {
    url: t.hub.url,
    wsPath: '/ws',
    loginPath: '/api/auth/login',
    loginBody: JSON.stringify({ username: 'admin', password: 'motcua-admin' }),
    write: { path: '/api/tickets', body: JSON.stringify({ fieldId: await t.fieldId('TP'), priority: false }), token: kiosk },
    revoke: async () => void (await t.api('devices:revoke', { id: created.device.id }, admin)),
    subscribe: async () => JSON.stringify({ type: 'subscribe', token: await t.device('display'), topics: [{ kind: 'hall' }] }),
    close: () => t.close(),
  };
}

let pgServer: TestPostgres | undefined;
let dbs = 0;

async function provinceTarget(): Promise<Target> {
  pgServer ??= await startPostgres();
  const databaseUrl = await pgServer.database(`pipelines_${process.pid}_${++dbs}`);
  // The hub's 15 s for a whole request (the province allows pushes 60 s by default).
  const p = await startProvince({ databaseUrl, port: 0, host: '127.0.0.1', log: silent, requestTimeoutMs: 15_000 });
  const post = async (path: string, body: unknown, token?: string) => {
    const res = await fetch(`${p.url}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    return (await res.json()) as { token: string };
  };
  const tinh = (await post('/api/province/login', { username: 'tinh', password: 'motcua-tinh' })).token;
  await post('/api/province/staff', { username: 'hai', fullName: 'Cán bộ Hải', role: 'province-admin', password: 'mat-khau-hai-1' }, tinh);
  const hai = (await post('/api/province/login', { username: 'hai', password: 'mat-khau-hai-1' })).token;
  const haiAgain = (await post('/api/province/login', { username: 'hai', password: 'mat-khau-hai-1' })).token;
  return {
    url: p.url,
    wsPath: '/api/province/ws',
    loginPath: '/api/province/login',
    loginBody: JSON.stringify({ username: 'tinh', password: 'motcua-tinh' }),
    write: {
      path: '/api/province/catalogue',
      body: JSON.stringify({ fields: [{ code: 'TP', nameVi: 'Tư pháp', nameEn: 'Justice', targetWaitMin: 20 }] }),
      token: hai,
    },
    // A new password ends every session of the account.
    revoke: async () =>
      void (await post('/api/province/password', { currentPassword: 'mat-khau-hai-1', newPassword: 'mat-khau-hai-2' }, haiAgain)),
    subscribe: async () => JSON.stringify({ token: tinh }),
    close: () => p.close(),
  };
}

afterAll(async () => {
  await pgServer?.stop();
});

function raw(
  url: string,
  path: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; body: string }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, path, method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** Headers now, the body in parts, so a test can act in between. */
function slowRequest(url: string, path: string, headers: Record<string, string>) {
  const u = new URL(url);
  const req = request({ host: u.hostname, port: u.port, path, method: 'POST', headers });
  const response = new Promise<number | 'closed'>((resolve) => {
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve('closed'));
  });
  req.flushHeaders();
  return { write: (s: string) => req.write(s), end: (s?: string) => req.end(s), response };
}

function openSocket(url: string, path: string, headers: Record<string, string> = {}, autoPong = true) {
  const socket = new WebSocket(url.replace(/^http/, 'ws') + path, { headers, autoPong });
  const opened = new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('unexpected-response', (_req, res) => reject(new Error(`refused ${res.statusCode}`)));
    socket.once('error', reject);
  });
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
  const messages: string[] = [];
  socket.on('message', (m) => messages.push(m.toString()));
  return { socket, opened, closed, messages };
}

const servers: [string, () => Promise<Target>][] = [['hub', hubTarget]];
if (hasPostgres) servers.push(['province', provinceTarget]);
else console.warn('SKIPPED the province half of the pipeline tests: PostgreSQL is missing');

describe.each(servers)('%s: one pipeline, one socket layer', (_name, start) => {
  let t: Target;
  beforeAll(async () => {
    t = await start();
    return () => t.close();
  });

  it('refuses a Host name that is not its own (DNS rebinding), on the API, the pages and the socket', async () => {
    const port = new URL(t.url).port;
    expect(
      (
        await raw(t.url, t.loginPath, {
          method: 'POST',
          headers: { Host: `attacker.example:${port}`, 'Content-Type': 'application/json' },
          body: t.loginBody,
        })
      ).status,
    ).toBe(421);
    expect((await raw(t.url, '/', { headers: { Host: `attacker.example:${port}` } })).status).toBe(421);
    await expect(openSocket(t.url, t.wsPath, { Host: 'attacker.example' }).opened).rejects.toThrow(/403/);
  });

  it('refuses writes from another site: a foreign Origin, a text/plain post, a cross-site fetch; takes its own JSON', async () => {
    const json = { 'Content-Type': 'application/json' };
    const foreign = await raw(t.url, t.loginPath, {
      method: 'POST',
      headers: { ...json, Origin: 'http://attacker.example' },
      body: t.loginBody,
    });
    expect(foreign.status).toBe(403);
    expect(JSON.parse(foreign.body).error.code).toBe('FORBIDDEN');
    const plain = await raw(t.url, t.loginPath, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain', Origin: t.url },
      body: t.loginBody,
    });
    expect(plain.status).toBe(403);
    const crossSite = await raw(t.url, t.loginPath, {
      method: 'POST',
      headers: { ...json, 'Sec-Fetch-Site': 'cross-site' },
      body: t.loginBody,
    });
    expect(crossSite.status).toBe(403);
    expect((await raw(t.url, t.loginPath, { method: 'POST', headers: { ...json, Origin: t.url }, body: t.loginBody })).status).toBe(200);
    await expect(openSocket(t.url, t.wsPath, { Origin: 'http://attacker.example' }).opened).rejects.toThrow(/403/);
  });

  it('answers bad percent-encoding and JSON nested too deep with a 4xx, never a 5xx', async () => {
    expect((await raw(t.url, '/api/%E0%A4%A')).status).toBe(404);
    expect((await raw(t.url, `${t.write.path.replace(/\/[^/]+$/, '')}/%ZZ`)).status).toBe(404);
    const deep = '{"a":'.repeat(MAX_JSON_DEPTH + 8) + '1' + '}'.repeat(MAX_JSON_DEPTH + 8);
    const res = await raw(t.url, t.write.path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${t.write.token}` },
      body: deep,
    });
    expect(res.status).toBe(400);
  });

  it('a request whose body was still arriving when its token lost its rights is refused', async () => {
    const slow = slowRequest(t.url, t.write.path, {
      Authorization: `Bearer ${t.write.token}`,
      'Content-Type': 'application/json',
      'Content-Length': String(Buffer.byteLength(t.write.body)),
    });
    slow.write(t.write.body.slice(0, 5));
    await new Promise((r) => setTimeout(r, 100));
    await t.revoke();
    slow.end(t.write.body.slice(5));
    expect(await slow.response).toBe(401);
  });

  it.concurrent(
    'drops a half-sent body, a socket that never subscribes and a peer that stops answering pings',
    async ({ expect }) => {
      const half = slowRequest(t.url, t.loginPath, { 'Content-Type': 'application/json', 'Content-Length': '500' });
      half.write('{"username":"adm');
      const idle = openSocket(t.url, t.wsPath);
      await idle.opened;
      const dead = openSocket(t.url, t.wsPath, {}, false);
      await dead.opened;
      dead.socket.send(await t.subscribe());
      const still = <T>(p: Promise<T>, ms: number) =>
        Promise.race([p, new Promise<'still open'>((r) => setTimeout(() => r('still open'), ms))]);
      const [halfOutcome, idleCode, deadCode] = await Promise.all([
        still(half.response, 40_000),
        still(idle.closed, 40_000),
        still(dead.closed, 70_000),
      ]);
      expect(halfOutcome).not.toBe('still open');
      expect(halfOutcome).not.toBe(200);
      expect(idleCode).toBe(4408);
      expect(dead.messages.some((m) => JSON.parse(m).type === 'subscribed')).toBe(true);
      expect(deadCode).not.toBe('still open');
    },
    90_000,
  );
});

describe('the socket layer both servers use', () => {
  it('drops a reader that cannot keep up instead of buffering for it without end', async () => {
    const server = createServer();
    const hall = new SocketHall<HallSocket>(server, new HostPolicy(), {
      path: '/ws',
      maxPayload: 1024,
      create: (base) => base,
      subscribed: () => true,
      message: () => undefined,
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const { port } = server.address() as AddressInfo;
    // A peer that completes the handshake, then never reads again.
    const peer = connect(port, '127.0.0.1');
    peer.write(
      `GET /ws HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
    );
    await new Promise((r) => peer.once('data', r));
    peer.pause();
    await expect.poll(() => hall.clients.size).toBe(1);
    const [client] = [...hall.clients];
    const chunk = 'x'.repeat(64 * 1024);
    let sent = 0;
    while (client!.socket.readyState === WebSocket.OPEN && sent < 256 * 1024 * 1024) {
      hall.send(client!.socket, chunk);
      sent += chunk.length;
      await new Promise((r) => setImmediate(r));
    }
    expect(client!.socket.readyState).not.toBe(WebSocket.OPEN);
    // Past the 8 MB it may hold for one reader (what the kernel took aside), never without end.
    expect(sent).toBeGreaterThan(8 * 1024 * 1024);
    expect(sent).toBeLessThan(256 * 1024 * 1024);
    peer.destroy();
    hall.close();
    await new Promise((r) => server.close(r));
  });
});
