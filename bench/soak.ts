// A hub that runs for months without a restart: a compressed day at full pace (a kiosk and six
// officers, ten hall displays reconnecting every second with their last sequence number, a
// manager asking for the month's statistics every ten seconds) on the bundled hub, and its
// resident memory after 100,000 operations against after 1,000,000 (MOTCUA_BENCH_SOAK_OPS).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import type { ApiClient } from '../main/contract/index.ts';
import { createLoadClient } from './httpClient.ts';
import { bundledHub, spawnBundled } from './bundle.ts';
import { waitExit } from '../tests/helpers/child.ts';
import { cpuMsOf, round, rssMbOf, writeResult } from './lib.ts';

const OPS = Number(process.env.MOTCUA_BENCH_SOAK_OPS ?? 1_000_000);
const EARLY = Math.round(OPS / 10);
const OFFICERS = 6;
const DISPLAYS = 10;
const RECONNECT_MS = 1_000;
const STATS_MS = 10_000;

async function setup(api: ApiClient): Promise<{ kiosk: string; display: string; officers: { token: string; fieldId: number }[] }> {
  const admin = (await api('auth:login', { username: 'admin', password: 'motcua-admin' })).token;
  const pair = async (kind: 'kiosk' | 'display') =>
    (await api('device:pair', { code: (await api('devices:create', { kind, name: `Soak ${kind}`, counterId: null }, admin)).code })).token;
  const officers: { token: string; fieldId: number }[] = [];
  for (let n = 1; n <= OFFICERS; n++) {
    // A range of 150,000 numbers each: a compressed day issues far more than a real one.
    const field = await api(
      'fields:create',
      {
        code: `S${n}`,
        nameVi: `Lĩnh vực thử bền ${n}`,
        nameEn: `Soak field ${n}`,
        rangeStart: 100_000 + (n - 1) * 150_000,
        rangeEnd: 249_999 + (n - 1) * 150_000,
        dailyLimit: null,
        targetWaitMin: 30,
        serviceMin: 5,
        active: true,
        sortOrder: 2000 + n,
      },
      admin,
    );
    const counter = await api(
      'counters:create',
      { number: 200 + n, nameVi: `Quầy thử ${n}`, nameEn: `Soak ${n}`, active: true, fields: [{ fieldId: field.id, weight: 1 }] },
      admin,
    );
    await api(
      'staff:create',
      { username: `soak${n}`, fullName: `Cán bộ thử ${n}`, role: 'officer', active: true, password: 'soak-password' },
      admin,
    );
    const token = (await api('auth:login', { username: `soak${n}`, password: 'soak-password' })).token;
    await api('counter:open', { counterId: counter.id }, token);
    officers.push({ token, fieldId: field.id });
  }
  return { kiosk: await pair('kiosk'), display: await pair('display'), officers };
}

/** A hall display that drops its socket every second and comes back asking for what it missed. */
function reconnectingDisplay(url: string, token: string, stop: () => boolean): Promise<void> {
  let since = 0;
  return new Promise((resolve) => {
    const connect = () => {
      if (stop()) return resolve();
      const ws = new WebSocket(url.replace(/^http/, 'ws') + '/ws');
      ws.on('open', () => ws.send(JSON.stringify({ type: 'subscribe', token, topics: [{ kind: 'hall' }], ...(since ? { since } : {}) })));
      ws.on('message', (d) => {
        const m = JSON.parse(d.toString()) as { type: string; head?: number; events?: { seq: number }[]; event?: { seq: number } };
        if (m.type === 'subscribed' || m.type === 'reset') since = Math.max(since, m.head ?? 0);
        for (const e of m.events ?? (m.event ? [m.event] : [])) since = Math.max(since, e.seq);
      });
      ws.on('error', () => undefined);
      setTimeout(() => {
        ws.terminate();
        setTimeout(connect, 10);
      }, RECONNECT_MS);
    };
    connect();
  });
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-bench-soak-'));
  const entry = await bundledHub();
  const hub = await spawnBundled(entry, dir, { MOTCUA_KIOSK_ISSUE_LIMIT: 'off' });
  const pid = hub.child.pid!;
  try {
    const api = createLoadClient(hub.url);
    const { kiosk, display, officers } = await setup(api);
    const manager = (await api('auth:login', { username: 'quanly', password: 'motcua-quanly' })).token;
    let ops = 0;
    let done = false;
    const marks: { ops: number; rssMb: number; at: number }[] = [];
    const started = performance.now();
    const cpu0 = cpuMsOf(pid);
    const mark = () => marks.push({ ops, rssMb: rssMbOf(pid), at: round((performance.now() - started) / 1000, 1) });

    const displays = Array.from({ length: DISPLAYS }, () => reconnectingDisplay(hub.url, display, () => done));
    const stats = (async () => {
      while (!done) {
        await api('stats:report', { preset: 'month' }, manager);
        ops++;
        await new Promise((r) => setTimeout(r, STATS_MS));
      }
    })();
    let nextMark = EARLY;
    const officerLoops = officers.map(async (o) => {
      while (!done) {
        await api('ticket:issue', { fieldId: o.fieldId, priority: false }, kiosk);
        const called = await api('counter:call-next', {}, o.token);
        await api('ticket:finish', { id: called.id }, o.token);
        ops += 3;
        if (ops >= OPS) done = true;
        else if (ops >= nextMark) {
          mark();
          nextMark += EARLY;
        }
      }
    });
    await Promise.all(officerLoops);
    mark();
    await stats;
    await Promise.all(displays);
    const seconds = (performance.now() - started) / 1000;
    const early = marks[0]!;
    const late = marks.at(-1)!;
    const result = {
      rss_ratio_1m_to_100k: round(late.rssMb / early.rssMb, 3),
      rss_mb_after_100k_ops: early.rssMb,
      rss_mb_after_all_ops: late.rssMb,
      operations: ops,
      ops_per_s: Math.round(ops / seconds),
      hub_cpu_cores: round((cpuMsOf(pid) - cpu0) / 1000 / seconds, 2),
      detail: {
        load: `a kiosk and ${OFFICERS} officers at full pace (issue → call-next → finish), ${DISPLAYS} hall displays reconnecting every ${RECONNECT_MS} ms with their last sequence, the month's statistics every ${STATS_MS / 1000} s`,
        rss_over_time: marks,
      },
    };
    console.log(JSON.stringify(result, null, 2));
    console.log(`wrote ${writeResult('soak', result)}`);
  } finally {
    hub.child.kill('SIGTERM');
    await waitExit(hub.child);
    rmSync(dir, { recursive: true, force: true });
  }
}
