// The manager's floor through the real HTTP API of a hub on loopback with a real SQLite file:
// pause reasons counted in statistics, alerts raised and cleared as journal events, and the
// manager's actions (close an abandoned counter, move a line, cancel a ticket by number).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorCode, startTestHub, type TestHub } from '../helpers/hub.ts';
import { defaultPrinterConfig } from '../../main/contract/index.ts';
import { Subscriber } from '../helpers/ws.ts';

const MIN = 60_000;
let t: TestHub;
let kiosk: string;
let manager: string;

beforeEach(async () => {
  t = await startTestHub();
  kiosk = await t.device('kiosk');
  manager = await t.login('quanly');
});
afterEach(async () => t.close());

async function issue(code: string) {
  return (await t.api('ticket:issue', { fieldId: await t.fieldId(code), priority: false }, kiosk)).ticket;
}
async function alertEvents() {
  const { events } = await t.api('journal:list', { since: 0, limit: 1000 }, manager);
  return events.filter((e) => e.type === 'alert:raised' || e.type === 'alert:cleared');
}

describe('pause reasons', () => {
  it('are recorded with the pause, shown on the floor, cleared on resume, and counted in statistics', async () => {
    const officer = await t.officerAt(1);
    const desk = await t.api('counter:pause', { reason: 'meeting' }, officer);
    expect(desk.counter).toMatchObject({ state: 'paused', pauseReason: 'meeting', pausedAt: t.clock.read() });
    const floor = await t.api('floor:get', {}, manager);
    expect(floor.counters.find((c) => c.counter.number === 1)!.counter.pauseReason).toBe('meeting');

    t.clock.advance(25 * MIN);
    const resumed = await t.api('counter:resume', {}, officer);
    expect(resumed.counter).toMatchObject({ state: 'open', pauseReason: null, pausedAt: null });
    await t.api('counter:pause', { reason: 'break' }, officer);
    t.clock.advance(10 * MIN);
    await t.api('counter:close', {}, officer);
    await t.api('counter:open', { counterId: await t.counterId(1) }, officer);
    await t.api('counter:pause', {}, officer); // no reason given: "other"
    t.clock.advance(5 * MIN);

    const report = await t.api('stats:report', { preset: 'today' }, manager);
    const by = Object.fromEntries(report.pauses.map((p) => [p.reason, p]));
    expect(by.meeting).toMatchObject({ count: 1, totalMs: 25 * MIN, vi: 'Họp' });
    expect(by.break).toMatchObject({ count: 1, totalMs: 10 * MIN }); // ended by closing the counter
    expect(by.other).toMatchObject({ count: 1, totalMs: 5 * MIN }); // still going: counted until now
    expect(by.support).toMatchObject({ count: 0, totalMs: 0 });
    const otherCounter = await t.api('stats:report', { preset: 'today', counterId: await t.counterId(2) }, manager);
    expect(otherCounter.pauses.every((p) => p.count === 0)).toBe(true);
  });

  it('a reason the contract does not know is refused', async () => {
    const officer = await t.officerAt(1);
    expect(await errorCode(t.api('counter:pause', { reason: 'ngủ' as never }, officer))).toBe('VALIDATION');
  });
});

describe('floor alerts', () => {
  it('raise when a field waits past its target and clear themselves when it is served, as journal events', async () => {
    const tp = await t.fieldId('TP');
    const target = (await t.api('fields:list', {}, manager)).find((f) => f.id === tp)!.targetWaitMin;
    const first = await issue('TP');
    const waitAlerts = async () => (await alertEvents()).filter((e) => e.data.alert.kind === 'wait-over-target');
    t.clock.advance((target - 1) * MIN);
    t.hub.checkAlerts();
    expect(await waitAlerts()).toEqual([]);
    t.clock.advance(2 * MIN);
    t.hub.checkAlerts();
    t.hub.checkAlerts();
    expect((await waitAlerts()).map((e) => e.type)).toEqual(['alert:raised']); // raised once, not on every look

    const floor = await t.api('floor:get', {}, manager);
    const alert = floor.alerts.find((a) => a.kind === 'wait-over-target' && a.fieldId === tp);
    expect(alert).toMatchObject({ key: `wait-over-target:field:${tp}`, value: target, since: first.issuedAt + target * MIN });
    // The hall's screens do not get the manager's alerts.
    const display = await t.device('display');
    expect((await t.api('floor:get', {}, display)).alerts).toEqual([]);

    const officer = await t.officerAt(1);
    await t.api('counter:call', { ticketId: first.id }, officer);
    t.hub.checkAlerts();
    expect((await t.api('floor:get', {}, manager)).alerts.some((a) => a.key === alert!.key)).toBe(false);
    const events = await alertEvents();
    expect(events.filter((e) => e.data.alert.key === alert!.key).map((e) => e.type)).toEqual(['alert:raised', 'alert:cleared']);
  });

  it('per-field thresholds: a long line with few counters open, and a custom wait', async () => {
    const hk = await t.fieldId('DD');
    const settings = await t.api('settings:get', {}, manager);
    await t.api(
      'settings:update',
      { ...settings, alerts: { ...settings.alerts, fewCounters: 0, fields: [{ fieldId: hk, waitMin: 120, queueLength: 3 }] } },
      manager,
    );
    for (let i = 0; i < 3; i++) await issue('DD');
    t.hub.checkAlerts();
    const alerts = (await t.api('floor:get', {}, manager)).alerts.filter((a) => a.fieldId === hk);
    expect(alerts.map((a) => a.kind)).toEqual(['long-queue']);
    expect(alerts[0]!.value).toBe(3);
    // The same line with one counter open for it: not "few" any more (fewCounters 0), so it clears.
    const serving = (await t.api('counters:list', {}, manager)).find((c) => c.fields.some((l) => l.fieldId === hk))!;
    await t.officerAt(serving.number);
    t.hub.checkAlerts();
    expect((await t.api('floor:get', {}, manager)).alerts.filter((a) => a.fieldId === hk)).toEqual([]);
  });

  it('a counter paused too long, a printer fault and paper near its end, each raised and cleared', async () => {
    const officer = await t.officerAt(2);
    await t.api('counter:pause', { reason: 'break' }, officer);
    const me = await t.api('auth:me', {}, kiosk);
    if (me.kind !== 'device') throw new Error('the kiosk token is a device');
    await t.api('devices:set-printer', { id: me.device.id, printer: { ...defaultPrinterConfig, port: 9 } }, await t.login('admin'));
    await t.api('printer:report-status', { ok: false, fault: 'paper_out' }, kiosk);
    t.clock.advance(31 * MIN);
    t.hub.checkAlerts();
    let kinds = (await t.api('floor:get', {}, manager)).alerts.map((a) => a.kind);
    expect(kinds).toContain('counter-paused-long');
    expect(kinds).toContain('printer-fault');
    const fault = (await t.api('floor:get', {}, manager)).alerts.find((a) => a.kind === 'printer-fault')!;
    expect(fault).toMatchObject({ deviceId: me.device.id, value: 'paper_out' });

    await t.api('counter:resume', {}, officer);
    await t.api('printer:report-status', { ok: true, fault: null, paperLow: true }, kiosk);
    t.hub.checkAlerts();
    kinds = (await t.api('floor:get', {}, manager)).alerts.map((a) => a.kind);
    expect(kinds).not.toContain('counter-paused-long');
    expect(kinds).not.toContain('printer-fault');
    expect(kinds).toContain('paper-low');
    await t.api('printer:report-status', { ok: true, fault: null }, kiosk);
    t.hub.checkAlerts();
    expect((await t.api('floor:get', {}, manager)).alerts.map((a) => a.kind)).not.toContain('paper-low');
  });

  it('an officer signed in to the console at no counter, while the center is open', async () => {
    const officer = await t.login('canbo3');
    const socket = await Subscriber.connect(t.hub.url, officer, [{ kind: 'hall' }]);
    try {
      t.hub.checkAlerts(); // first seen without a counter now
      t.clock.advance(14 * MIN);
      t.hub.checkAlerts();
      const idle = async () => (await t.api('floor:get', {}, manager)).alerts.filter((a) => a.kind === 'officer-idle');
      expect(await idle()).toEqual([]);
      t.clock.advance(2 * MIN);
      t.hub.checkAlerts();
      expect((await idle()).map((a) => a.subject)).toHaveLength(1);
      await t.api('counter:open', { counterId: await t.counterId(3) }, officer);
      t.hub.checkAlerts();
      expect(await idle()).toEqual([]);
    } finally {
      await socket.close();
    }
  });

  it('open alerts survive a restart of the hub, and clear after it', async () => {
    await issue('TP');
    t.clock.advance(240 * MIN);
    t.hub.checkAlerts();
    const before = (await t.api('floor:get', {}, manager)).alerts;
    expect(before.length).toBeGreaterThan(0);
    const dir = t.dir;
    const clock = t.clock;
    await t.hub.close();
    const again = await startTestHub({ dir, clock });
    try {
      const m = await again.login('quanly');
      expect((await again.api('floor:get', {}, m)).alerts.map((a) => a.key)).toEqual(before.map((a) => a.key));
      expect(again.hub.checkAlerts().raised).toBe(0);
    } finally {
      await again.close();
    }
  });
});

describe('floor actions', () => {
  it('close a counter its officer left: the called ticket goes back to its place, the officer is no longer at it', async () => {
    const officer = await t.officerAt(1);
    const first = await issue('TP');
    const second = await issue('TP');
    await t.api('counter:call', { ticketId: first.id }, officer);
    await t.api('floor:close-counter', { id: await t.counterId(1) }, manager);

    const floor = await t.api('floor:get', {}, manager);
    expect(floor.counters.find((c) => c.counter.number === 1)).toMatchObject({
      counter: { state: 'closed', staffName: null },
      current: null,
    });
    const back = await t.api('ticket:get', { id: first.id }, manager);
    expect(back.ticket.status).toBe('waiting');
    expect(back.peopleAhead).toBe(0); // still ahead of the second
    expect((await t.api('ticket:get', { id: second.id }, manager)).peopleAhead).toBe(1);
    expect(await errorCode(t.api('counter:call-next', {}, officer))).toBe('NOT_AT_COUNTER');
    expect(await errorCode(t.api('floor:close-counter', { id: await t.counterId(1) }, manager))).toBe('COUNTER_CLOSED');
    expect(await errorCode(t.api('floor:close-counter', { id: await t.counterId(2) }, officer))).toBe('FORBIDDEN');
  });

  it('move a field’s line to another field, in order, with one transfer event per ticket', async () => {
    const from = await t.fieldId('TP');
    const to = await t.fieldId('DD');
    const a = await issue('TP');
    t.clock.advance(MIN);
    const b = await issue('TP');
    const { moved } = await t.api('floor:move-waiting', { fromFieldId: from, toFieldId: to }, manager);
    expect(moved).toBe(2);
    const floor = await t.api('floor:get', {}, manager);
    expect(floor.fields.find((f) => f.fieldId === from)!.waiting).toBe(0);
    expect(floor.fields.find((f) => f.fieldId === to)!.waiting).toBe(2);
    const ta = await t.api('ticket:get', { id: a.id }, manager);
    expect(ta.ticket).toMatchObject({ fieldId: to, number: a.number, transferCount: 1 });
    expect((await t.api('ticket:get', { id: b.id }, manager)).peopleAhead).toBe(1);
    expect(await errorCode(t.api('floor:move-waiting', { fromFieldId: from, toFieldId: from }, manager))).toBe('VALIDATION');
  });

  it('find today’s ticket by its number and cancel it', async () => {
    const ticket = await issue('TP');
    const found = await t.api('floor:find-ticket', { number: ticket.number }, manager);
    expect(found.id).toBe(ticket.id);
    expect((await t.api('ticket:cancel', { id: found.id }, manager)).status).toBe('cancelled');
    expect(await errorCode(t.api('floor:find-ticket', { number: 4999 }, manager))).toBe('TICKET_NOT_FOUND');
  });
});
