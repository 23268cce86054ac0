// The hub as a real process whose wall clock jumps under libfaketime (Debian `faketime`), its
// monotonic clock left alone: the queue keeps its day and its order (issue #22, item 4).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnHub, waitExit, type HubChild } from '../helpers/child.ts';
import { createApiClient } from '../../main/contract/index.ts';

const LIB = ['/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1', '/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1'].find((f) =>
  existsSync(f),
);
if (!LIB) console.warn('clockProcess.test: skipped, libfaketime is missing (apt-get install faketime)');

let hub: HubChild | null = null;
let dir = '';
afterEach(async () => {
  if (hub) {
    hub.child.kill('SIGTERM');
    await waitExit(hub.child);
    hub = null;
  }
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!LIB)('a hub process whose wall clock jumps (libfaketime)', () => {
  it('forward a day, then back an hour past the start: nothing cancelled, same day, called in arrival order; the jump is logged', async () => {
    dir = mkdtempSync(join(tmpdir(), 'motcua-faketime-'));
    const stamp = join(dir, 'faketime');
    // Times in UTC for libfaketime; Monday 10:00 in Hà Nội.
    writeFileSync(stamp, '@2026-11-23 03:00:00\n');
    hub = await spawnHub(join(dir, 'data'), {
      env: {
        LD_PRELOAD: LIB!,
        TZ: 'UTC',
        FAKETIME_TIMESTAMP_FILE: stamp,
        FAKETIME_NO_CACHE: '1',
        FAKETIME_DONT_FAKE_MONOTONIC: '1',
      },
    });
    const api = createApiClient({ baseUrl: hub.url });
    const admin = (await api('auth:login', { username: 'admin', password: 'motcua-admin' })).token;
    const created = await api('devices:create', { kind: 'kiosk', name: 'kiosk faketime', counterId: null }, admin);
    const kiosk = (await api('device:pair', { code: created.code })).token;
    const tp = (await api('fields:list', {}, admin)).find((f) => f.code === 'TP')!.id;
    const issue = async () => (await api('ticket:issue', { fieldId: tp, priority: false }, kiosk)).ticket;

    const first = [await issue(), await issue(), await issue()];
    expect(first.map((x) => [x.number, x.serviceDay])).toEqual([
      [1001, '2026-11-23'],
      [1002, '2026-11-23'],
      [1003, '2026-11-23'],
    ]);
    writeFileSync(stamp, '@2026-11-24 03:00:00\n'); // a day ahead
    const ahead = await issue();
    expect([ahead.number, ahead.serviceDay]).toEqual([1004, '2026-11-23']);
    for (const x of first) expect((await api('ticket:get', { id: x.id }, kiosk)).ticket.status).toBe('waiting');
    writeFileSync(stamp, '@2026-11-23 02:00:00\n'); // "fixed", an hour too far back
    const back = await issue();
    expect([back.number, back.serviceDay]).toEqual([1005, '2026-11-23']);
    expect(back.issuedAt).toBeGreaterThanOrEqual(ahead.issuedAt);

    const officer = (await api('auth:login', { username: 'canbo1', password: 'motcua-canbo' })).token;
    const counter = (await api('counters:list', {}, admin)).find((c) => c.number === 1)!.id;
    await api('counter:open', { counterId: counter }, officer);
    const called: number[] = [];
    for (let i = 0; i < 5; i++) {
      const c = await api('counter:call-next', {}, officer);
      called.push(c.number);
      await api('ticket:finish', { id: c.id }, officer);
    }
    expect(called).toEqual([1001, 1002, 1003, 1004, 1005]);

    const logs = join(dir, 'data', 'logs');
    const text = readdirSync(logs)
      .map((f) => readFileSync(join(logs, f), 'utf8'))
      .join('');
    expect(text).toMatch(/the wall clock jumped/);
  });
});
