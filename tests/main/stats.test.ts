// Statistics through the hub, checked against figures worked out by hand on a small two-day
// dataset: no-shows, a cancellation, a transfer across fields, a ticket left waiting at midnight,
// ratings and a timeout. Monday is a closed day (read from its stored summary), Tuesday is live.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorCode, startTestHub, type TestHub } from '../helpers/hub.ts';
import type { StatsReport, StatsSmsCounts } from '../../main/contract/index.ts';
import { SmsGateway, sendThrough } from '../helpers/smsGateway.ts';
import { queueSms } from '../../db/sms.ts';

const MIN = 60_000;
let t: TestHub;
let manager: string;

/** Sets the test clock to a Hà Nội local time (UTC+7). */
function at(t: TestHub, day: string, hhmm: string, ss = '00'): void {
  t.clock.set(`${day}T${hhmm}:${ss}+07:00`);
}

interface Ids {
  tp: number;
  dd: number;
  tkq: number;
  canbo1: number;
  canbo2: number;
  canbo3: number;
}
let ids: Ids;

beforeEach(async () => {
  t = await startTestHub();
  manager = await t.login('quanly');
  const staff = await t.api('staff:list', {}, manager);
  const sid = (u: string) => staff.find((s) => s.username === u)!.id;
  ids = {
    tp: await t.fieldId('TP'),
    dd: await t.fieldId('DD'),
    tkq: await t.fieldId('TKQ'),
    canbo1: sid('canbo1'),
    canbo2: sid('canbo2'),
    canbo3: sid('canbo3'),
  };
});
afterEach(async () => t.close());

/**
 * Monday 23/11 (local):  T1 TP 09:00 called 09:10 (c1) started 09:11 finished 09:19, rated 4
 *                        T2 TP 09:00 called 09:19 (c1) no-show 09:21
 *                        T3 DD 09:05 called 09:45 (c3) finished 09:50, rated 1 (thời gian chờ)
 *                        T4 DD 09:06 cancelled 09:30
 *                        T5 TP 10:00 called 10:02 (c1), transferred to TKQ 10:03, called 10:13 (c2),
 *                           started 10:14, finished 10:17, rated 3
 *                        T7 TP 23:59:30 never called: cancelled by Tuesday's first change
 * Tuesday 24/11:         T6 TP 14:30 called 14:36 (c1) finished 14:46, rating timed out
 */
async function monday(): Promise<void> {
  const d = '2026-11-23';
  const kiosk = await t.device('kiosk');
  const issue = (fieldId: number) => t.api('ticket:issue', { fieldId, priority: false }, kiosk);
  at(t, d, '08:55');
  const c1 = await t.officerAt(1);
  const c2 = await t.officerAt(2);
  const c3 = await t.officerAt(3);
  const r1 = await t.device('rating', 1);
  const r2 = await t.device('rating', 2);
  const r3 = await t.device('rating', 3);
  at(t, d, '09:00');
  await issue(ids.tp);
  await issue(ids.tp);
  at(t, d, '09:05');
  await issue(ids.dd);
  at(t, d, '09:06');
  const t4 = await issue(ids.dd);
  at(t, d, '09:10');
  const t1 = await t.api('counter:call-next', {}, c1);
  at(t, d, '09:11');
  await t.api('ticket:start', { id: t1.id }, c1);
  at(t, d, '09:19');
  await t.api('ticket:finish', { id: t1.id }, c1);
  const t2 = await t.api('counter:call-next', {}, c1);
  at(t, d, '09:19', '30');
  await t.api('rating:submit', { ticketId: t1.id, level: 4, reasons: [] }, r1);
  at(t, d, '09:21');
  await t.api('ticket:no-show', { id: t2.id }, c1);
  at(t, d, '09:30');
  await t.api('ticket:cancel', { id: t4.ticket.id }, manager);
  at(t, d, '09:45');
  const t3 = await t.api('counter:call-next', {}, c3);
  at(t, d, '09:50');
  await t.api('ticket:finish', { id: t3.id }, c3);
  await t.api('rating:submit', { ticketId: t3.id, level: 1, reasons: ['thoi-gian-cho'] }, r3);
  at(t, d, '10:00');
  await issue(ids.tp);
  at(t, d, '10:02');
  const t5 = await t.api('counter:call-next', {}, c1);
  at(t, d, '10:03');
  await t.api('ticket:transfer', { id: t5.id, fieldId: ids.tkq }, c1);
  at(t, d, '10:13');
  const t5b = await t.api('counter:call-next', {}, c2);
  expect(t5b.id).toBe(t5.id);
  at(t, d, '10:14');
  await t.api('ticket:start', { id: t5.id }, c2);
  at(t, d, '10:17');
  await t.api('ticket:finish', { id: t5.id }, c2);
  await t.api('rating:submit', { ticketId: t5.id, level: 3, reasons: [] }, r2);
  at(t, d, '23:59', '30');
  await issue(ids.tp);
  expect([t1.fieldId, t2.fieldId, t3.fieldId]).toEqual([ids.tp, ids.tp, ids.dd]);
}

async function tuesday(): Promise<void> {
  const d = '2026-11-24';
  const kiosk = await t.device('kiosk');
  at(t, d, '14:30');
  await t.api('ticket:issue', { fieldId: ids.tp, priority: false }, kiosk);
  manager = await t.login('quanly'); // Monday's sessions have expired overnight
  const c1 = await t.officerAt(1);
  at(t, d, '14:36');
  const t6 = await t.api('counter:call-next', {}, c1);
  at(t, d, '14:46');
  await t.api('ticket:finish', { id: t6.id }, c1);
  await t.api('rating:timeout', { ticketId: t6.id }, await t.device('rating', 1));
}

const report = (q: Parameters<typeof t.api<'stats:report'>>[1]): Promise<StatsReport> => t.api('stats:report', q, manager);

describe('statistics', () => {
  it('sums a closed day and a live day to the hand-computed figures', async () => {
    await monday();
    await tuesday();
    const r = await report({ preset: 'custom', from: '2026-11-23', to: '2026-11-24' });
    expect(r).toMatchObject({ from: '2026-11-23', to: '2026-11-24', live: true });
    // Waits to first call: T1 10, T2 19, T3 40, T5 2, T6 6 minutes. Service: 8, 5, 3, 10 minutes.
    expect(r.summary).toEqual({
      issued: 7,
      served: 4,
      noShow: 1,
      cancelled: 2,
      noShowRate: 1 / 5,
      waitAvgMs: (77 / 5) * MIN,
      waitMedianMs: 10 * MIN,
      waitP90Ms: 40 * MIN,
      overTargetRate: 1 / 5,
      serviceAvgMs: 6.5 * MIN,
      ratings: 3,
      responseRate: 3 / 4,
      satisfactionIndex: 2 / 3,
    });
    expect(r.levels.map((l) => [l.vi, l.count])).toEqual([
      ['Rất hài lòng', 1],
      ['Hài lòng', 1],
      ['Bình thường', 0],
      ['Không hài lòng', 1],
    ]);
    expect(r.reasons).toEqual([{ code: 'thoi-gian-cho', vi: 'Thời gian chờ', en: 'Waiting time', count: 1 }]);
    expect(r.heatmap[0]![9]).toBe(4);
    expect(r.heatmap[0]![10]).toBe(1);
    expect(r.heatmap[0]![23]).toBe(1);
    expect(r.heatmap[1]![14]).toBe(1);
    expect(r.heatmap.flat().reduce((a, b) => a + b, 0)).toBe(7);

    const tp = r.byField.find((f) => f.code === 'TP')!;
    expect(tp).toMatchObject({
      issued: 5,
      served: 2,
      noShow: 1,
      cancelled: 1,
      transferredOut: 1,
      transferredIn: 0,
      waitAvgMs: (37 / 4) * MIN,
      waitMedianMs: 8 * MIN,
      waitP90Ms: 19 * MIN,
      serviceAvgMs: 9 * MIN,
      ratings: 1,
      responseRate: 1 / 2,
      satisfactionIndex: 1,
    });
    expect(r.byField.find((f) => f.code === 'DD')).toMatchObject({
      issued: 2,
      served: 1,
      cancelled: 1,
      overTargetRate: 1,
      ratings: 1,
      satisfactionIndex: 0,
    });
    expect(r.byField.find((f) => f.code === 'TKQ')).toMatchObject({
      issued: 0,
      served: 1,
      transferredIn: 1,
      transferredOut: 0,
      waitAvgMs: null,
      serviceAvgMs: 3 * MIN,
      ratings: 1,
      satisfactionIndex: 1,
    });
    const officer = (u: string) => r.byOfficer.find((o) => o.username === u)!;
    expect(officer('canbo1')).toMatchObject({ issued: 3, served: 2, noShow: 1, waitMedianMs: 10 * MIN, fullName: 'Nguyễn Thị Lan' });
    expect(officer('canbo2')).toMatchObject({ issued: 1, served: 1, waitAvgMs: 2 * MIN, ratings: 1 });
    expect(officer('canbo3')).toMatchObject({ issued: 1, served: 1, waitAvgMs: 40 * MIN, satisfactionIndex: 0 });
    expect(r.byOfficer).toHaveLength(3);
    expect(r.byCounter.map((c) => [c.number, c.served])).toEqual([
      [1, 2],
      [2, 1],
      [3, 1],
    ]);
    expect(r.byDay).toEqual([
      { day: '2026-11-23', issued: 6, served: 3, noShow: 1, waitAvgMs: (71 / 4) * MIN, ratings: 3, satisfactionIndex: 2 / 3 },
      { day: '2026-11-24', issued: 1, served: 1, noShow: 0, waitAvgMs: 6 * MIN, ratings: 0, satisfactionIndex: null },
    ]);
  });

  it('filters by field, officer and counter, with transfers counted where they belong', async () => {
    await monday();
    await tuesday();
    const q = { preset: 'week' as const };
    const tkq = await report({ ...q, fieldId: ids.tkq });
    expect(tkq.summary).toMatchObject({ issued: 0, served: 1, waitAvgMs: null, ratings: 1, responseRate: 1, satisfactionIndex: 1 });
    expect(tkq.byField.map((f) => f.code)).toEqual(['TKQ']);
    const lan = await report({ ...q, staffId: ids.canbo1 });
    expect(lan.summary).toMatchObject({
      issued: 3,
      served: 2,
      noShow: 1,
      noShowRate: 1 / 3,
      waitAvgMs: (35 / 3) * MIN,
      waitMedianMs: 10 * MIN,
      ratings: 1,
    });
    const c3 = await report({ ...q, counterId: await t.counterId(3) });
    expect(c3.summary).toMatchObject({ issued: 1, served: 1, overTargetRate: 1, satisfactionIndex: 0 });
    expect(await errorCode(report({ ...q, fieldId: 999 }))).toBe('FIELD_NOT_FOUND');
    expect(await errorCode(report({ preset: 'custom', from: '2026-11-24', to: '2026-11-23' }))).toBe('VALIDATION');
    expect(await errorCode(t.api('stats:report', { preset: 'week' }, await t.login('canbo1')))).toBe('FORBIDDEN');
  });

  it("presets follow the center's calendar, and an empty period has zeros and no rates", async () => {
    await monday();
    await tuesday();
    const today = await report({ preset: 'today' });
    expect(today).toMatchObject({ from: '2026-11-24', to: '2026-11-24', live: true });
    expect(today.summary).toMatchObject({ issued: 1, served: 1, ratings: 0, responseRate: 0, satisfactionIndex: null });
    for (const [preset, from] of [
      ['week', '2026-11-23'],
      ['month', '2026-11-01'],
      ['quarter', '2026-10-01'],
      ['year', '2026-01-01'],
    ] as const) {
      const r = await report({ preset });
      expect([r.from, r.to, r.summary.issued]).toEqual([from, '2026-11-24', 7]);
    }
    const empty = await report({ preset: 'custom', from: '2026-10-01', to: '2026-10-31' });
    expect(empty.live).toBe(false);
    expect(empty.summary).toEqual({
      issued: 0,
      served: 0,
      noShow: 0,
      cancelled: 0,
      noShowRate: null,
      waitAvgMs: null,
      waitMedianMs: null,
      waitP90Ms: null,
      overTargetRate: null,
      serviceAvgMs: null,
      ratings: 0,
      responseRate: null,
      satisfactionIndex: null,
    });
    expect(empty.byField).toEqual([]);
    expect(empty.heatmap.flat().every((n) => n === 0)).toBe(true);
  });

  it("a stored day summary is rebuilt when that day's tickets change later", async () => {
    await monday();
    at(t, '2026-11-24', '07:00');
    manager = await t.login('quanly');
    // Read Monday before anything happens on Tuesday: T7 is still waiting, its summary is stored.
    const before = await report({ preset: 'custom', from: '2026-11-23', to: '2026-11-23' });
    expect(before.summary).toMatchObject({ issued: 6, cancelled: 1 });
    expect(t.hub.db.prepare('SELECT COUNT(*) AS n FROM stats_days_built WHERE service_day = ?').get('2026-11-23')).toEqual({ n: 1 });
    // Tuesday's first change cancels T7 (a Monday ticket): the trigger drops Monday's mark.
    await tuesday();
    expect(t.hub.db.prepare('SELECT COUNT(*) AS n FROM stats_days_built WHERE service_day = ?').get('2026-11-23')).toEqual({ n: 0 });
    const after = await report({ preset: 'custom', from: '2026-11-23', to: '2026-11-23' });
    expect(after.summary).toMatchObject({ issued: 6, cancelled: 2 });
    expect(after.live).toBe(false);
  });

  it("the manager's figures change as soon as a rating is given today", async () => {
    const kiosk = await t.device('kiosk');
    const c1 = await t.officerAt(1);
    const r1 = await t.device('rating', 1);
    await t.api('ticket:issue', { fieldId: ids.tp, priority: false }, kiosk);
    t.clock.advance(5 * MIN);
    const call = await t.api('counter:call-next', {}, c1);
    t.clock.advance(7 * MIN);
    await t.api('ticket:finish', { id: call.id }, c1);
    expect((await report({ preset: 'today' })).summary).toMatchObject({ served: 1, ratings: 0, waitAvgMs: 5 * MIN, serviceAvgMs: 7 * MIN });
    await t.api('rating:submit', { ticketId: call.id, level: 2, reasons: ['huong-dan'] }, r1);
    const r = await report({ preset: 'today' });
    expect(r.summary).toMatchObject({ ratings: 1, responseRate: 1, satisfactionIndex: 0 });
    expect(r.reasons.map((x) => x.vi)).toEqual(['Hướng dẫn']);
  });
});

describe('text messages in the statistics (#26)', () => {
  /** The number a citizen typed at the kiosk: no export or report may hold any form of it. */
  const TYPED = '0987 654 321';
  let gw: SmsGateway;
  afterEach(async () => gw.stop());

  /** This file's hub again, with an outbox that looks for work every 20 ms, sending through `gw`. */
  async function hubWithSms(): Promise<{ admin: string; kiosk: string }> {
    await t.close();
    t = await startTestHub({ sms: { tickMs: 20, probeMs: 100 } });
    gw = await SmsGateway.start();
    const admin = await t.login('admin');
    await sendThrough(t, gw, admin);
    manager = await t.login('quanly');
    return { admin, kiosk: await t.device('kiosk') };
  }

  /** The hub with texts on, and its kiosk's two moves: issue a ticket, leave the citizen's number for it. */
  async function kioskWithSms() {
    const { kiosk } = await hubWithSms();
    return {
      issue: async (fieldId: number) => (await t.api('ticket:issue', { fieldId, priority: false }, kiosk)).ticket,
      leaveNumber: (id: number) => t.api('ticket:sms', { id, phone: TYPED }, kiosk),
    };
  }
  /** The two days the texts are counted over (Monday and Tuesday). */
  const mon = '2026-11-23';
  const week = { preset: 'custom', from: mon, to: '2026-11-24' } as const;

  const smsOf = async (q: Parameters<typeof t.api<'stats:report'>>[1]) => (await report(q)).sms;
  /** Waits until the period's messages are counted so (the outbox works on its own timer). */
  async function counted(q: Parameters<typeof t.api<'stats:report'>>[1], want: Partial<StatsSmsCounts>): Promise<void> {
    for (;;) {
      const s = await smsOf(q);
      if (s && Object.entries(want).every(([k, v]) => s.summary[k as keyof StatsSmsCounts] === v)) return;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  it('counts sent, failed, unknown, dropped and waiting messages per period, field and day; never a number', async () => {
    const { issue, leaveNumber } = await kioskWithSms();

    // Monday. A (TP): its 'ahead' text goes. B (DD): the gateway cuts the line once it has the text: unknown.
    at(t, mon, '09:00');
    const a = await issue(ids.tp);
    await leaveNumber(a.id);
    await gw.until(1);
    await counted(week, { sent: 1 });
    gw.mode = 'drop';
    const b = await issue(ids.dd);
    await leaveNumber(b.id);
    await counted(week, { unknown: 1 });
    // A is called: its 'called' text is refused, tried again at +1, +2, +4 minutes, then counted failed.
    gw.mode = 'refuse';
    const c1 = await t.officerAt(1);
    expect((await t.api('counter:call-next', {}, c1)).id).toBe(a.id);
    await gw.until(3);
    expect(await smsOf(week)).toMatchObject({ summary: { failed: 0, pending: 1 } });
    while ((await smsOf(week))!.summary.failed === 0) {
      t.clock.advance(5 * MIN);
      await new Promise((r) => setTimeout(r, 40));
    }
    expect(gw.seen.filter((s) => s.mode === 'refuse')).toHaveLength(4);
    // C (TP): refused once, still queued when the day ends: ended by the next day's first step, and
    // counted refused (a failure), not as no longer needed.
    at(t, mon, '16:00');
    const c = await issue(ids.tp);
    await leaveNumber(c.id);
    await gw.until(7);
    await counted(week, { pending: 1 });

    // Tuesday. D (TP) is sent; E (TP) is refused once and waits for its next try.
    at(t, '2026-11-24', '08:00');
    manager = await t.login('quanly');
    await counted(week, { pending: 0, failed: 2 });
    gw.mode = 'ok';
    const d = await issue(ids.tp);
    await leaveNumber(d.id);
    await counted(week, { sent: 2 });
    gw.mode = 'refuse';
    const e = await issue(ids.tp);
    await leaveNumber(e.id);
    await gw.until(9);
    await counted(week, { pending: 1 });

    const r = await report(week);
    expect(r.sms).toEqual({
      enabled: true,
      summary: { sent: 2, failed: 2, failedRefused: 2, failedNoRetry: 0, unknown: 1, dropped: 0, pending: 1 },
      byField: [
        {
          fieldId: ids.tp,
          code: 'TP',
          nameVi: 'Tư pháp – Hộ tịch',
          nameEn: expect.any(String),
          sent: 2,
          failed: 2,
          failedRefused: 2,
          failedNoRetry: 0,
          unknown: 0,
          dropped: 0,
          pending: 1,
        },
        {
          fieldId: ids.dd,
          code: 'DD',
          nameVi: 'Đất đai',
          nameEn: expect.any(String),
          sent: 0,
          failed: 0,
          failedRefused: 0,
          failedNoRetry: 0,
          unknown: 1,
          dropped: 0,
          pending: 0,
        },
      ],
      byDay: [
        { day: mon, sent: 1, failed: 2, failedRefused: 2, failedNoRetry: 0, unknown: 1, dropped: 0, pending: 0 },
        { day: '2026-11-24', sent: 1, failed: 0, failedRefused: 0, failedNoRetry: 0, unknown: 0, dropped: 0, pending: 1 },
      ],
    });
    // A period is its own days; a field filter keeps that field's messages.
    const none = { sent: 0, failed: 0, failedRefused: 0, failedNoRetry: 0, unknown: 0, dropped: 0, pending: 0 };
    expect((await smsOf({ preset: 'today' }))!.summary).toEqual({ ...none, sent: 1, pending: 1 });
    expect((await smsOf({ ...week, fieldId: ids.dd }))!.summary).toEqual({ ...none, unknown: 1 });
    expect((await smsOf({ ...week, fieldId: ids.dd }))!.byField.map((f) => f.code)).toEqual(['DD']);
    // A message belongs to no counter or officer: under those filters there is no SMS block.
    expect(await smsOf({ ...week, counterId: await t.counterId(1) })).toBeNull();
    expect(await smsOf({ ...week, staffId: ids.canbo1 })).toBeNull();
    // The messages did go to the number; the report holds none of its digits.
    expect(gw.seen.every((s) => s.url.includes('84987654321'))).toBe(true);
    expect(JSON.stringify(r)).not.toMatch(/987\s?654\s?321|654321/);
  });

  it('tells a failure refused at each try from one never tried again, and both from one no longer needed', async () => {
    const { issue, leaveNumber } = await kioskWithSms();

    // X (TP): its text was queued too long for one message (as a hub switched to Có dấu may leave
    // one queued without accents): failed at its first try, never handed to the gateway nor tried again.
    at(t, mon, '09:00');
    const x = await issue(ids.tp);
    // Due only once its number is in (the outbox would drop a message due before, as no longer needed).
    const due = t.clock.now + 1_000;
    queueSms(t.hub.db, { ticketId: x.id, serviceDay: x.serviceDay, kind: 'ahead', callNo: 0, text: 'ắ'.repeat(200), at: due });
    await leaveNumber(x.id);
    t.clock.advance(1_000);
    await counted(week, { failed: 1 });
    expect(gw.seen).toEqual([]);
    // Y (DD): refused at each of its four tries (+1, +2, +4 minutes), then given up.
    gw.mode = 'refuse';
    const y = await issue(ids.dd);
    await leaveNumber(y.id);
    while ((await smsOf(week))!.summary.failed < 2) {
      t.clock.advance(5 * MIN);
      await new Promise((r) => setTimeout(r, 40));
    }
    expect(gw.seen).toHaveLength(4);
    // Z (DD): refused at 16:00 and at 16:01, still waiting for its next try when the day ends.
    // W (TP): refused at 16:00, then its ticket is cancelled: its text is no longer needed.
    at(t, mon, '16:00');
    const z = await issue(ids.dd);
    await leaveNumber(z.id);
    await gw.until(5);
    const w = await issue(ids.tp);
    await leaveNumber(w.id);
    await gw.until(6);
    await t.api('ticket:cancel', { id: w.id }, manager);
    at(t, mon, '16:01', '30');
    await gw.until(7);
    await counted(week, { dropped: 1, pending: 1 });
    expect(gw.seen).toHaveLength(7); // W's text was not tried again once its ticket was gone

    at(t, '2026-11-24', '08:00');
    manager = await t.login('quanly');
    await counted(week, { pending: 0 });
    const r = await report(week);
    const none = { sent: 0, failed: 0, failedRefused: 0, failedNoRetry: 0, unknown: 0, dropped: 0, pending: 0 };
    expect(r.sms).toEqual({
      enabled: true,
      // Every failure is in `failed` (as before), and in one of its two kinds.
      summary: { ...none, failed: 3, failedRefused: 2, failedNoRetry: 1, dropped: 1 },
      byField: [
        {
          fieldId: ids.tp,
          code: 'TP',
          nameVi: 'Tư pháp – Hộ tịch',
          nameEn: expect.any(String),
          ...none,
          failed: 1,
          failedNoRetry: 1,
          dropped: 1,
        },
        { fieldId: ids.dd, code: 'DD', nameVi: 'Đất đai', nameEn: expect.any(String), ...none, failed: 2, failedRefused: 2 },
      ],
      byDay: [{ day: mon, ...none, failed: 3, failedRefused: 2, failedNoRetry: 1, dropped: 1 }],
    });
    // Counts only: the gateway had the number, the report has none of its digits.
    expect(gw.seen.every((s) => s.url.includes('84987654321'))).toBe(true);
    expect(JSON.stringify(r)).not.toMatch(/987\s?654\s?321|654321/);
  });

  it('is shown when sending is on (zeros), or when messages were sent in the period; not for a center that never sends', async () => {
    // The demo center does not send text messages: no SMS block at all.
    expect((await report({ preset: 'today' })).sms).toBeNull();
    const { admin, kiosk } = await hubWithSms();
    expect((await report({ preset: 'today' })).sms).toEqual({
      enabled: true,
      summary: { sent: 0, failed: 0, failedRefused: 0, failedNoRetry: 0, unknown: 0, dropped: 0, pending: 0 },
      byField: [],
      byDay: [],
    });
    const ticket = (await t.api('ticket:issue', { fieldId: ids.tp, priority: false }, kiosk)).ticket;
    await t.api('ticket:sms', { id: ticket.id, phone: TYPED }, kiosk);
    await counted({ preset: 'today' }, { sent: 1 });
    // Turned off later: the period still reports what was sent; a period without messages shows nothing.
    await sendThrough(t, gw, admin, false);
    expect((await report({ preset: 'today' })).sms).toMatchObject({ enabled: false, summary: { sent: 1 } });
    expect((await report({ preset: 'custom', from: '2026-11-01', to: '2026-11-22' })).sms).toBeNull();
  });
});
