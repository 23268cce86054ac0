// One estimate everywhere (#24 item 5): the rule itself, then what a real hub on loopback gives the
// kiosk, the floor, the printed ticket and the phone page; and the alert for a field no counter
// serves (#24 item 6).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { paceFloorMs, waitMinutes } from '../../main/queue/engine.ts';
import { defaultPrinterConfig } from '../../main/contract/index.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { withFields } from '../helpers/fields.ts';

const MIN = 60_000;

describe('the rule', () => {
  it('gives no minutes while no counter is open, whoever is ahead', () => {
    expect(waitMinutes(0, 0, 4 * MIN, MIN)).toBeNull();
    expect(waitMinutes(29, 0, 4 * MIN, MIN)).toBeNull();
  });
  it('shares the people ahead among the open counters at the measured pace, at least a minute', () => {
    expect(waitMinutes(0, 1, 4 * MIN, MIN)).toBe(0);
    expect(waitMinutes(2, 1, 4 * MIN, MIN)).toBe(8);
    expect(waitMinutes(2, 2, 4 * MIN, MIN)).toBe(4);
    expect(waitMinutes(1, 6, 4 * MIN, MIN)).toBe(1);
  });
  it('never promises less than the floor per person when recent services look instant', () => {
    expect(waitMinutes(29, 1, 5_000, MIN)).toBe(29);
    expect(waitMinutes(29, 1, 5_000, paceFloorMs(8))).toBe(116);
    expect(paceFloorMs(8)).toBe(4 * MIN);
    expect(paceFloorMs(1)).toBe(MIN);
  });
});

describe('on a real hub', () => {
  let t: TestHub;
  let admin: string;
  beforeEach(async () => {
    t = await startTestHub();
    admin = await t.login('admin');
  });
  afterEach(async () => t.close());

  it('the kiosk, the floor, the printed ticket and the phone say the same: no minutes while no counter is open', async () => {
    await t.api('settings:update', { ...(await t.api('settings:get', {}, admin)), phoneBaseUrl: 'http://192.168.1.10:8686' }, admin);
    const created = await t.api('devices:create', { kind: 'kiosk', name: 'Kiosk in', counterId: null }, admin);
    await t.api(
      'devices:set-printer',
      { id: created.device.id, printer: { ...defaultPrinterConfig, port: 9, attachedTo: 'device' } },
      admin,
    );
    const kiosk = (await t.api('device:pair', { code: created.code })).token;
    const tp = await t.fieldId('TP');
    await t.api('ticket:issue', { fieldId: tp, priority: false }, kiosk);
    const mine = await t.api('ticket:issue', { fieldId: tp, priority: false }, kiosk);
    expect(mine.peopleAhead).toBe(1);
    expect(mine.estimatedWaitMin).toBeNull();
    const floor = await t.api('floor:get', {}, admin);
    expect(floor.fields.find((f) => f.fieldId === tp)).toMatchObject({ waiting: 2, openCounters: 0, estimatedWaitMin: null });
    const page = await t.api('ticket:public', { code: mine.phoneUrl!.split('/t/')[1]! });
    expect(page).toMatchObject({ peopleAhead: 1, noCounterOpen: true, estimatedWaitMin: null });
    await t.api('print:claim', { waitMs: 0 }, kiosk).then((c) => t.api('print:report', { id: c.job!.id, status: 'printed' }, kiosk));
    const claim = await t.api('print:claim', { waitMs: 0 }, kiosk);
    if (!claim.job) throw new Error('expected a job');
    expect(claim.job.id).toBe(mine.printJobId);
    expect(claim.ticket.details).toContain('Chưa có quầy nào mở cho lĩnh vực này');
    expect(claim.ticket.details.join(' ')).not.toContain('phút');

    // A counter opens: minutes, the same on every side.
    await t.officerAt(1);
    const now = await t.api('ticket:get', { id: mine.ticket.id }, kiosk);
    expect(now.estimatedWaitMin).toBe(8); // 1 ahead × 8 min configured (no services yet) ÷ 1 counter
    expect((await t.api('ticket:public', { code: mine.phoneUrl!.split('/t/')[1]! })).estimatedWaitMin).toBe(8);
  });

  it('29 ahead after five instant services: a floor per person, not "about 1 minute"', async () => {
    const kiosks = [await t.device('kiosk'), await t.device('kiosk')];
    const tp = await t.fieldId('TP');
    const officer = await t.officerAt(1);
    for (let i = 0; i < 5; i++) {
      await t.api('ticket:issue', { fieldId: tp, priority: false }, kiosks[0]);
      const c = await t.api('counter:call-next', {}, officer);
      await t.api('ticket:start', { id: c.id }, officer);
      t.clock.advance(3_000);
      await t.api('ticket:finish', { id: c.id }, officer);
    }
    const issued = [];
    for (let i = 0; i < 30; i++) issued.push(await t.api('ticket:issue', { fieldId: tp, priority: false }, kiosks[1 - (i % 2)]));
    expect(issued[29]).toMatchObject({ peopleAhead: 29, estimatedWaitMin: 116 }); // 29 × 4 min (half of TP's 8 configured) ÷ 1 counter
    const floor = await t.api('floor:get', {}, admin);
    expect(floor.fields.find((f) => f.fieldId === tp)!.estimatedWaitMin).toBe(120); // the 30th in line
  });

  it('a field no counter serves is an alert as soon as someone waits there, and clears when a counter takes it', async () => {
    await withFields(t, 7);
    const fields = await t.api('fields:list', {}, admin);
    const tnmt = fields.find((f) => f.code === 'TNMT')!;
    t.hub.checkAlerts();
    const kiosk = await t.device('kiosk');
    expect((await t.api('floor:get', {}, admin)).alerts.filter((a) => a.kind === 'field-unserved')).toEqual([]);
    await t.api('ticket:issue', { fieldId: tnmt.id, priority: false }, kiosk);
    t.hub.checkAlerts();
    const raised = (await t.api('floor:get', {}, admin)).alerts.filter((a) => a.kind === 'field-unserved');
    expect(raised).toMatchObject([{ fieldId: tnmt.id, subject: 'Tài nguyên và Môi trường', value: 1 }]);

    const counters = await t.api('counters:list', {}, admin);
    const c6 = counters.find((c) => c.number === 6)!;
    const input = { id: c6.id, number: c6.number, nameVi: c6.nameVi, nameEn: c6.nameEn, active: c6.active };
    await t.api('counters:update', { ...input, fields: [...c6.fields, { fieldId: tnmt.id, weight: 1 }] }, admin);
    t.hub.checkAlerts();
    expect((await t.api('floor:get', {}, admin)).alerts.filter((a) => a.kind === 'field-unserved')).toEqual([]);
  });
});
