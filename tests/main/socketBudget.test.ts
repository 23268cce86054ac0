// A hall full of phones behind one address, and a stranger with a script (issue #22, item 2): the
// phones all get in, one code or one address cannot stall the hub, and idle sockets from strangers
// never keep a paired screen out.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { MAX_UNSUBSCRIBED, MAX_UNSUBSCRIBED_PER_ADDRESS } from '../../main/hub/api/ws.ts';
import { MAX_PHONES_PER_TICKET } from '../../main/hub/api/phoneFollowers.ts';
import type { ServerMessage } from '../../main/contract/index.ts';
import { errorCode, startTestHub, type TestHub } from '../helpers/hub.ts';

let t: TestHub;
let admin: string;
beforeEach(async () => {
  t = await startTestHub({ issueLimit: null });
  admin = await t.login('admin');
  await t.api('settings:update', { ...(await t.api('settings:get', {}, admin)), phoneBaseUrl: 'http://192.168.1.10:8686' }, admin);
});
afterEach(async () => t.close());

/** A socket opened from a given loopback address; resolves with it, or with the HTTP status it was refused with. */
function open(from: string, path = '/ws'): Promise<{ socket: WebSocket; messages: ServerMessage[] } | { refused: number }> {
  return new Promise((resolve) => {
    const socket = new WebSocket(t.hub.url.replace(/^http/, 'ws') + path, { localAddress: from });
    const messages: ServerMessage[] = [];
    socket.on('message', (d) => messages.push(JSON.parse(d.toString()) as ServerMessage));
    socket.once('open', () => resolve({ socket, messages }));
    socket.once('unexpected-response', (_req, res) => resolve({ refused: res.statusCode ?? 0 }));
    socket.once('error', () => resolve({ refused: -1 }));
  });
}

async function until(pred: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pred()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const subscribe = (s: { socket: WebSocket }, token: string, topics: unknown[], since?: number) =>
  s.socket.send(JSON.stringify({ type: 'subscribe', token, topics, ...(since === undefined ? {} : { since }) }));

const isOpen = (x: Awaited<ReturnType<typeof open>>): x is { socket: WebSocket; messages: ServerMessage[] } => 'socket' in x;

/** Opens `count` sockets from one address, one after another; each must be let in. */
async function openAll(from: string, count: number, path = '/ws'): Promise<WebSocket[]> {
  const sockets: WebSocket[] = [];
  for (let i = 0; i < count; i++) {
    const s = await open(from, path);
    if (!isOpen(s)) throw new Error(`refused at ${i}`);
    sockets.push(s.socket);
  }
  return sockets;
}

describe('sockets on a real center Wi-Fi', () => {
  it('eighty phones behind one address all load and follow their tickets', async () => {
    const kiosk = await t.device('kiosk');
    const fieldId = await t.fieldId('TP');
    const codes: string[] = [];
    for (let i = 0; i < 80; i++) codes.push((await t.api('ticket:issue', { fieldId, priority: false }, kiosk)).phoneUrl!.split('/t/')[1]!);
    // Each phone opens the page (one request) and its socket, all at once, from the same address.
    const pages = await Promise.allSettled(codes.map((code) => t.api('ticket:public', { code })));
    expect(pages.filter((p) => p.status === 'rejected')).toEqual([]);
    const phones = (await Promise.all(codes.map(() => open('127.0.0.1')))).filter(isOpen);
    expect(phones).toHaveLength(80);
    phones.forEach((p, i) => subscribe(p, codes[i]!, [{ kind: 'ticket', code: codes[i]! }]));
    await until(() => phones.every((p) => p.messages.some((m) => m.type === 'ticket')));
    phones.forEach((p, i) => {
      expect(p.messages.some((m) => m.type === 'error')).toBe(false);
      expect(p.messages.find((m) => m.type === 'ticket')).toMatchObject({ ticket: { peopleAhead: i } });
    });
    for (const p of phones) p.socket.terminate();
  });

  it('one code cannot be followed by a crowd of sockets, nor replay the journal', async () => {
    const kiosk = await t.device('kiosk');
    const fieldId = await t.fieldId('TP');
    for (let i = 0; i < 50; i++) await t.api('ticket:issue', { fieldId, priority: false }, kiosk);
    const code = (await t.api('ticket:issue', { fieldId, priority: false }, kiosk)).phoneUrl!.split('/t/')[1]!;
    const sockets = (await Promise.all(Array.from({ length: 20 }, () => open('127.0.0.1')))).filter(isOpen);
    expect(sockets).toHaveLength(20);
    sockets.forEach((s) => subscribe(s, code, [{ kind: 'ticket', code }], 1));
    await until(() => sockets.every((s) => s.messages.some((m) => m.type === 'subscribed' || m.type === 'error')));
    const admitted = sockets.filter((s) => s.messages.some((m) => m.type === 'subscribed'));
    const refused = sockets.filter((s) => s.messages.some((m) => m.type === 'error' && m.code === 'TOO_MANY_ATTEMPTS'));
    expect(admitted).toHaveLength(MAX_PHONES_PER_TICKET);
    expect(refused).toHaveLength(20 - MAX_PHONES_PER_TICKET);
    await until(() => admitted.every((s) => s.messages.some((m) => m.type === 'ticket')));
    // A snapshot each, never the journal's hundred-odd events.
    for (const s of admitted) expect(s.messages.filter((m) => m.type === 'event' || m.type === 'events')).toEqual([]);
    // A phone that leaves frees its place.
    admitted[0]!.socket.close();
    await until(() => admitted[0]!.socket.readyState === WebSocket.CLOSED);
    await new Promise((r) => setTimeout(r, 50));
    const again = await open('127.0.0.1');
    if (!isOpen(again)) throw new Error('refused');
    subscribe(again, code, [{ kind: 'ticket', code }]);
    await until(() => again.messages.some((m) => m.type === 'ticket'));
    for (const s of [...sockets, again]) s.socket.terminate();
  });

  it("a guest's script guessing codes from the hall's Wi-Fi address does not lock the hall's phones out", async () => {
    const kiosk = await t.device('kiosk');
    const link = (await t.api('ticket:issue', { fieldId: await t.fieldId('TP'), priority: false }, kiosk)).phoneUrl!;
    const code = link.split('/t/')[1]!;
    // Guesses, from the one address every phone in the hall shares: past the address's budget, refused.
    const guess = (i: number) => errorCode(t.api('ticket:public', { code: `MC2.${i}.20261123.${1000 + i}.BCGHKLMNPQTVBC` }));
    const answers: string[] = [];
    for (let i = 0; i < 650; i += 50) answers.push(...(await Promise.all(Array.from({ length: 50 }, (_, k) => guess(i + k)))));
    expect(answers.slice(0, 600).every((a) => a === 'TICKET_NOT_FOUND')).toBe(true);
    expect(answers.slice(600).every((a) => a === 'RATE_LIMITED')).toBe(true);
    // A phone behind that address still gets its own ticket (it got RATE_LIMITED: the guesses used the hall's budget).
    expect(await t.api('ticket:public', { code })).toMatchObject({ number: 1001, status: 'waiting' });
    // Its own budget is its ticket's, whichever form of the code is asked: the link does not double it.
    for (let i = 1; i < 30; i++) await t.api('ticket:public', { code: i % 2 ? link : code });
    expect(await errorCode(t.api('ticket:public', { code: link }))).toBe('RATE_LIMITED');
    expect(await errorCode(t.api('ticket:public', { code }))).toBe('RATE_LIMITED');
  });

  it("a guest's idle sockets from the hall's Wi-Fi address do not keep the hall's phones from following", async () => {
    const kiosk = await t.device('kiosk');
    const fieldId = await t.fieldId('TP');
    const codes: string[] = [];
    for (let i = 0; i < 3; i++) codes.push((await t.api('ticket:issue', { fieldId, priority: false }, kiosk)).phoneUrl!.split('/t/')[1]!);
    const idle = await openAll('127.0.0.2', MAX_UNSUBSCRIBED_PER_ADDRESS);
    expect(await open('127.0.0.2')).toEqual({ refused: 503 });
    // A made-up or altered ticket in the address is a guest's socket like any other.
    expect(await open('127.0.0.2', '/ws?ticket=MC2.1.20261123.1001.BCGHKLMNPQTVBC')).toEqual({ refused: 503 });
    // The phones, from the same address, name their genuine ticket as the page does, and follow it.
    const phones = await Promise.all(codes.map((code) => open('127.0.0.2', `/ws?ticket=${encodeURIComponent(code)}`)));
    phones.forEach((p, i) => {
      if (!isOpen(p)) throw new Error(`phone ${i} refused (${p.refused}) behind a guest's idle sockets`);
      subscribe(p, codes[i]!, [{ kind: 'ticket', code: codes[i]! }]);
    });
    const open3 = phones.filter(isOpen);
    await until(() => open3.every((p) => p.messages.some((m) => m.type === 'ticket')));
    open3.forEach((p, i) => expect(p.messages.find((m) => m.type === 'ticket')).toMatchObject({ ticket: { peopleAhead: i } }));
    // One ticket's code still opens only a few waiting sockets.
    const waiting = await openAll('127.0.0.2', MAX_PHONES_PER_TICKET, `/ws?ticket=${encodeURIComponent(codes[0]!)}`);
    expect(await open('127.0.0.2', `/ws?ticket=${encodeURIComponent(codes[0]!)}`)).toEqual({ refused: 503 });
    for (const s of [...idle, ...waiting, ...open3.map((p) => p.socket)]) s.terminate();
  });

  it("idle sockets are budgeted per address, and a stranger's flood never keeps a paired screen out", async () => {
    const display = await t.device('display');
    // One address gets its budget, then is refused.
    const idle = await openAll('127.0.0.2', MAX_UNSUBSCRIBED_PER_ADDRESS);
    expect(await open('127.0.0.2')).toEqual({ refused: 503 });
    // Many addresses past the hub's total: the biggest holders lose their oldest, newcomers get in.
    const addresses = Math.ceil(MAX_UNSUBSCRIBED / MAX_UNSUBSCRIBED_PER_ADDRESS) + 1;
    for (let a = 0; a < addresses; a++) {
      for (let i = 0; i < MAX_UNSUBSCRIBED_PER_ADDRESS; i++) {
        const s = await open(`127.0.1.${a + 1}`);
        if (isOpen(s)) idle.push(s.socket);
      }
    }
    const screen = await open('127.0.0.9');
    if (!isOpen(screen)) throw new Error(`the paired display was refused (${screen.refused})`);
    subscribe(screen, display, [{ kind: 'hall' }]);
    await until(() => screen.messages.some((m) => m.type === 'subscribed'));
    // And it goes on working: a ticket issued now reaches it.
    const kiosk = await t.device('kiosk');
    await t.api('ticket:issue', { fieldId: await t.fieldId('TP'), priority: false }, kiosk);
    await until(() => screen.messages.some((m) => m.type === 'events' || m.type === 'event'));
    expect((await fetch(`${t.hub.url}/api/health`)).status).toBe(200);
    for (const s of [...idle, screen.socket]) s.terminate();
  });
});
