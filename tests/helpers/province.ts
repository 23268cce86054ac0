// A province server on the test's PostgreSQL with centers' hubs joined to it, and a day's work at
// a center: what the recovery and multi-server suites share.
import { expect } from 'vitest';
import pino from 'pino';
import { createProvinceClient, type ProvinceClient, type ProvinceLinkStatus } from '../../main/contract/index.ts';
import { startProvince, type ProvinceServer } from '../../province/server.ts';
import { startTestHub, type TestClock, type TestHub } from './hub.ts';

export const silent = pino({ level: 'silent' });
const MIN = 60_000;

export async function provinceOn(databaseUrl: string, clock: TestClock, port = 0): Promise<ProvinceServer> {
  return startProvince({ databaseUrl, port, host: '127.0.0.1', clock: clock.read, log: silent });
}

/** The province's staff token (the demo account). */
export async function staffToken(api: ProvinceClient): Promise<string> {
  return (await api('province:login', { username: 'tinh', password: 'motcua-tinh' })).token;
}

export function provinceApi(server: ProvinceServer): ProvinceClient {
  return createProvinceClient({ baseUrl: server.url });
}

/**
 * A new site at the province, and the hub given joined to it with its one-time code (at `url`: the
 * province's own unless something stands between them); `linked` is the hub's answer.
 */
export async function joinSite(
  province: ProvinceServer,
  staff: string,
  name: string,
  hub: TestHub,
  url = province.url,
): Promise<{ hub: TestHub; siteId: number; code: string; linked: ProvinceLinkStatus }> {
  const api = provinceApi(province);
  const { site, code } = await api('province:site-create', { name, level: 'xa', district: 'Huyện Mỹ Hòa' }, staff);
  const linked = await hub.api('province-link:join', { url, code, shareNames: false }, await hub.login('admin'));
  return { hub, siteId: site.id, code, linked };
}

/** A hub that pushes as soon as its journal moves (in `dir` when given; batches of `provinceBatchEvents`). */
export async function linkedHub(clock: TestClock, where: string | { dir?: string; provinceBatchEvents?: number } = {}): Promise<TestHub> {
  const { dir, provinceBatchEvents } = typeof where === 'string' ? { dir: where, provinceBatchEvents: undefined } : where;
  return startTestHub({
    clock,
    provinceIdleMs: 100,
    issueLimit: null,
    ...(dir ? { dir } : {}),
    ...(provinceBatchEvents ? { provinceBatchEvents } : {}),
  });
}

export async function caughtUp(hub: TestHub): Promise<void> {
  const admin = await hub.login('admin');
  await expect
    .poll(async () => await hub.api('province-link:get', {}, admin), { timeout: 20_000, interval: 50 })
    .toMatchObject({ backlog: 0, lastError: null });
}

/** A day's work at a center: issued, served, absent, reactivated, transferred, cancelled, rated. */
export async function aDay(hub: TestHub, clock: TestClock, tickets: number): Promise<void> {
  const kiosk = await hub.device('kiosk');
  const rating = await hub.device('rating', 1);
  const c1 = await hub.officerAt(1);
  const fields = ['TP', 'TKQ'];
  for (let i = 0; i < tickets; i++) {
    await hub.api('ticket:issue', { fieldId: await hub.fieldId(fields[i % 2]!), priority: i % 7 === 0 }, kiosk);
    clock.advance(20_000);
  }
  for (let i = 0; i < tickets; i++) {
    clock.advance((i % 5) * MIN + 30_000);
    const t = await hub.api('counter:call-next', {}, c1).catch(() => null);
    if (!t) break;
    if (i % 6 === 1) {
      await hub.api('ticket:no-show', { id: t.id }, c1);
      if (i % 12 === 1) await hub.api('ticket:reactivate', { id: t.id }, c1);
      continue;
    }
    if (i % 9 === 4) {
      await hub.api('ticket:transfer', { id: t.id, fieldId: await hub.fieldId('DD'), note: 'Nguyễn Văn A thiếu giấy tờ' }, c1);
      continue;
    }
    if (i % 11 === 5) {
      await hub.api('ticket:cancel', { id: t.id }, c1);
      continue;
    }
    await hub.api('ticket:start', { id: t.id }, c1);
    clock.advance(((i % 4) + 2) * MIN);
    await hub.api('ticket:finish', { id: t.id }, c1);
    if (i % 3 !== 2) await hub.api('rating:submit', { ticketId: t.id, level: 4 - (i % 4), reasons: [] }, rating);
  }
}

/** The province's figures for a site and day equal the hub's own statistics. */
export async function sameFigures(api: ProvinceClient, staff: string, hub: TestHub, siteId: number, day: string): Promise<void> {
  const own = (await hub.api('stats:report', { preset: 'custom', from: day, to: day }, await hub.login('quanly'))).summary;
  const row = (await api('province:report', { from: day, to: day }, staff)).sites.find((s) => s.siteId === siteId);
  expect(row).toMatchObject({
    issued: own.issued,
    served: own.served,
    noShow: own.noShow,
    cancelled: own.cancelled,
    ratings: own.ratings,
  });
  expect(Math.round(row!.waitAvgMs ?? 0)).toBe(own.waitAvgMs ?? 0);
}
