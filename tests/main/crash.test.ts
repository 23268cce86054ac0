// The hub killed with SIGKILL under load loses nothing it acknowledged.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { ApiError, createApiClient } from '../../main/contract/index.ts';
import { spawnHub, waitExit } from '../helpers/child.ts';

const dir = mkdtempSync(join(tmpdir(), 'motcua-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('every acknowledged ticket and state change survives a SIGKILL; the journal is gap-free', async () => {
  const first = await spawnHub(dir, { kioskIssueLimit: 'off' }); // one token plays every kiosk
  const api = createApiClient({ baseUrl: first.url });
  const admin = (await api('auth:login', { username: 'admin', password: 'motcua-admin' })).token;
  const fields = await api('fields:list', {}, admin);
  const counters = await api('counters:list', {}, admin);
  const kioskCode = (await api('devices:create', { kind: 'kiosk', name: 'Kiosk', counterId: null }, admin)).code;
  const kiosk = (await api('device:pair', { code: kioskCode })).token;
  const officers: string[] = [];
  for (const n of [1, 3]) {
    const token = (await api('auth:login', { username: `canbo${n}`, password: 'motcua-canbo' })).token;
    await api('counter:open', { counterId: counters.find((c) => c.number === n)!.id }, token);
    officers.push(token);
  }

  const acknowledged = new Map<number, number>(); // ticket id → number
  const finished = new Set<number>();
  let running = true;
  const issuers = [0, 1, 2, 3].map(async (k) => {
    for (let i = 0; running; i++) {
      try {
        const r = await api('ticket:issue', { fieldId: fields[(k + i) % 3]!.id, priority: false }, kiosk);
        acknowledged.set(r.ticket.id, r.ticket.number);
      } catch {
        return; // the hub died under us: that request was never acknowledged
      }
    }
  });
  const callers = officers.map(async (token) => {
    while (running) {
      try {
        const c = await api('counter:call-next', {}, token);
        await api('ticket:finish', { id: c.id }, token);
        finished.add(c.id);
      } catch (err) {
        if (!(err instanceof ApiError) || err.code === 'NETWORK') return;
      }
    }
  });

  await new Promise((r) => setTimeout(r, 1500));
  first.child.kill('SIGKILL');
  running = false;
  await Promise.all([...issuers, ...callers]);
  await waitExit(first.child);
  expect(acknowledged.size).toBeGreaterThan(50);

  const second = await spawnHub(dir);
  const api2 = createApiClient({ baseUrl: second.url });
  for (const [id, number] of acknowledged) {
    const got = await api2('ticket:get', { id }, kiosk); // the device token survived too
    expect(got.ticket.number).toBe(number);
    if (finished.has(id)) expect(got.ticket.status).toBe('done');
  }
  second.child.kill('SIGTERM');
  await waitExit(second.child);

  const db = new Database(join(dir, 'motcua.db'), { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const { n, lo, hi } = db.prepare('SELECT COUNT(*) AS n, MIN(seq) AS lo, MAX(seq) AS hi FROM events').get() as {
      n: number;
      lo: number;
      hi: number;
    };
    expect(lo).toBe(1);
    expect(hi).toBe(n);
    const issuedEvents = (db.prepare("SELECT COUNT(*) AS n FROM events WHERE type = 'ticket:issued'").get() as { n: number }).n;
    const tickets = (db.prepare('SELECT COUNT(*) AS n FROM tickets').get() as { n: number }).n;
    expect(issuedEvents).toBe(tickets);
  } finally {
    db.close();
  }
});
