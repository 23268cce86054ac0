// The queue engine through the real HTTP API of a hub on loopback with a real SQLite file.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorCode, startTestHub, type TestHub } from '../helpers/hub.ts';
import { integrityCheck } from '../../db/open.ts';

let t: TestHub;
let kiosk: string;
let admin: string;

beforeEach(async () => {
  t = await startTestHub();
  kiosk = await t.device('kiosk');
  admin = await t.login('admin');
});
afterEach(async () => t.close());

async function issue(code: string, priority = false) {
  return t.api('ticket:issue', { fieldId: await t.fieldId(code), priority }, kiosk);
}

describe('ticket lifecycle', () => {
  it('waiting → called → serving → done, with recall, journaled in order', async () => {
    const officer = await t.officerAt(1);
    const issued = await issue('TP');
    expect(issued.ticket).toMatchObject({ number: 1001, status: 'waiting', priority: false, source: 'kiosk', serviceDay: '2026-11-23' });
    expect(issued.peopleAhead).toBe(0);
    expect(issued.estimatedWaitMin).toBe(0);

    t.clock.advance(60_000);
    const called = await t.api('counter:call-next', {}, officer);
    expect(called).toMatchObject({ id: issued.ticket.id, status: 'called', counterNumber: 1, callCount: 1 });
    const recalled = await t.api('ticket:recall', { id: called.id }, officer);
    expect(recalled.callCount).toBe(2);
    const started = await t.api('ticket:start', { id: called.id }, officer);
    expect(started.status).toBe('serving');
    t.clock.advance(5 * 60_000);
    const done = await t.api('ticket:finish', { id: called.id }, officer);
    expect(done.status).toBe('done');
    expect(done.finishedAt! - done.servingAt!).toBe(5 * 60_000);

    const { events } = await t.api('journal:list', { since: 0, limit: 1000 }, admin);
    const forTicket = events.filter((e) => e.ticketId === issued.ticket.id).map((e) => e.type);
    expect(forTicket).toEqual(['ticket:issued', 'ticket:called', 'ticket:recalled', 'ticket:started', 'ticket:finished']);
    const seqs = events.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(integrityCheck(t.hub.db)).toBe('ok');
  });

  it('no-show, reactivate (back in its place), call again, cancel', async () => {
    const officer = await t.officerAt(1);
    const a = await issue('TP');
    const b = await issue('TP');
    const called = await t.api('counter:call-next', {}, officer);
    expect(called.id).toBe(a.ticket.id);
    const skipped = await t.api('ticket:no-show', { id: a.ticket.id }, officer);
    expect(skipped.status).toBe('no_show');
    const desk = await t.api('counter:get', {}, officer);
    expect(desk.noShows.map((x) => x.id)).toEqual([a.ticket.id]);
    expect(desk.waiting.map((x) => x.id)).toEqual([b.ticket.id]);

    await t.api('ticket:reactivate', { id: a.ticket.id }, officer);
    const again = await t.api('counter:call-next', {}, officer);
    expect(again.id).toBe(a.ticket.id); // original place: ahead of b
    expect(again.callCount).toBe(2);
    await t.api('ticket:finish', { id: a.ticket.id }, officer);
    const cancelled = await t.api('ticket:cancel', { id: b.ticket.id }, officer);
    expect(cancelled.status).toBe('cancelled');
    expect(await errorCode(t.api('counter:call-next', {}, officer))).toBe('QUEUE_EMPTY');
  });

  it('calls a given ticket, including a no-show, only from its own fields', async () => {
    const officer = await t.officerAt(1);
    await issue('TP');
    const second = await issue('TP');
    const land = await issue('DD');
    expect(await errorCode(t.api('counter:call', { ticketId: land.ticket.id }, officer))).toBe('TICKET_NOT_AT_COUNTER');
    const called = await t.api('counter:call', { ticketId: second.ticket.id }, officer);
    expect(called.id).toBe(second.ticket.id);
  });

  it('people ahead and estimated wait follow the live service rate and open counters', async () => {
    const officer = await t.officerAt(1);
    // Five services of 4 minutes each teach the field its real pace (configured: 8).
    for (let i = 0; i < 5; i++) {
      await issue('TP');
      const c = await t.api('counter:call-next', {}, officer);
      await t.api('ticket:start', { id: c.id }, officer);
      t.clock.advance(4 * 60_000);
      await t.api('ticket:finish', { id: c.id }, officer);
    }
    await issue('TP');
    await issue('TP');
    const third = await issue('TP');
    expect(third.peopleAhead).toBe(2);
    expect(third.estimatedWaitMin).toBe(8); // 2 ahead × 4 min ÷ 1 open counter
    await t.officerAt(2); // counter 2 also serves TP
    const status = await t.api('ticket:get', { id: third.ticket.id }, kiosk);
    expect(status.peopleAhead).toBe(2);
    expect(status.estimatedWaitMin).toBe(4); // two counters now
    const priority = await issue('TP', true);
    expect(priority.peopleAhead).toBe(0);
  });
});

describe('numbering', () => {
  it('numbers per field inside its range, and starts again on a new service day (Asia/Ho_Chi_Minh)', async () => {
    const a = await issue('TP');
    const b = await issue('TP');
    const c = await issue('DD');
    expect([a.ticket.number, b.ticket.number, c.ticket.number]).toEqual([1001, 1002, 2001]);
    // 23:59 local is 16:59Z: still the same service day.
    t.clock.set('2026-11-23T16:59:30Z');
    expect((await issue('TP')).ticket).toMatchObject({ number: 1003, serviceDay: '2026-11-23' });
    // 00:00 local: a new day, a new sequence, no cron job.
    t.clock.set('2026-11-23T17:00:00Z');
    const next = await issue('TP');
    expect(next.ticket).toMatchObject({ number: 1001, serviceDay: '2026-11-24' });
    expect(next.peopleAhead).toBe(0);
    // Yesterday's waiting tickets were closed when the new day began, so no counter calls them.
    const old = await t.api('ticket:get', { id: a.ticket.id }, kiosk);
    expect(old.ticket.status).toBe('cancelled');
    const officer = await t.officerAt(1);
    expect((await t.api('counter:call-next', {}, officer)).id).toBe(next.ticket.id);
  });

  it('refuses when the range or the daily limit is exhausted, and changes nothing', async () => {
    const fieldId = await t.fieldId('TKQ');
    const fields = await t.api('fields:list', {}, admin);
    const f = fields.find((x) => x.id === fieldId)!;
    await t.api('fields:update', { ...withoutId(f), id: fieldId, rangeStart: 9001, rangeEnd: 9003, dailyLimit: null }, admin);
    for (let i = 0; i < 3; i++) await issue('TKQ');
    const head = (await t.api('hub:health', {})).head;
    expect(await errorCode(issue('TKQ'))).toBe('FIELD_FULL');
    expect((await t.api('hub:health', {})).head).toBe(head);

    const tp = fields.find((x) => x.code === 'TP')!;
    await t.api('fields:update', { ...withoutId(tp), id: tp.id, dailyLimit: 2 }, admin);
    const loadOf = async (id: number) => (await t.api('floor:get', {}, kiosk)).fields.find((l) => l.fieldId === id)!;
    expect((await loadOf(tp.id)).full).toBe(false);
    await issue('TP');
    const last = await issue('TP');
    expect(await errorCode(issue('TP'))).toBe('FIELD_FULL');
    // Kiosks know before anyone taps: the floor, and the event of the last number, say the field is full.
    expect((await loadOf(tp.id)).full).toBe(true);
    expect((await loadOf(fieldId)).full).toBe(true);
    const events = (await t.api('journal:list', { since: 0, limit: 1000 }, admin)).events;
    const issued = events.find((e) => e.type === 'ticket:issued' && e.ticketId === last.ticket.id);
    expect(issued?.type === 'ticket:issued' && issued.data.loads?.find((l) => l.fieldId === tp.id)?.full).toBe(true);
  });
});

describe('call next', () => {
  it('takes priority citizens first, then the oldest', async () => {
    const officer = await t.officerAt(1);
    const n1 = await issue('TP');
    t.clock.advance(1000);
    const n2 = await issue('TP');
    t.clock.advance(1000);
    const p1 = await issue('TP', true);
    const order = [];
    for (let i = 0; i < 3; i++) {
      const c = await t.api('counter:call-next', {}, officer);
      order.push(c.id);
      await t.api('ticket:finish', { id: c.id }, officer);
    }
    expect(order).toEqual([p1.ticket.id, n1.ticket.id, n2.ticket.id]);
  });

  it('shares calls among fields by weight, ties by order of preference', async () => {
    // Counter 1 serves TP (weight 3) then LDTBXH (weight 1).
    const officer = await t.officerAt(1);
    for (let i = 0; i < 8; i++) {
      await issue('TP');
      await issue('LDTBXH');
      t.clock.advance(1000);
    }
    const tp = await t.fieldId('TP');
    const picked: string[] = [];
    for (let i = 0; i < 8; i++) {
      const c = await t.api('counter:call-next', {}, officer);
      picked.push(c.fieldId === tp ? 'TP' : 'LD');
      await t.api('ticket:finish', { id: c.id }, officer);
    }
    expect(picked).toEqual(['TP', 'LD', 'TP', 'TP', 'TP', 'LD', 'TP', 'TP']);
  });

  it('a zero-weight field is served only when the others are empty', async () => {
    // Counter 6 serves TKQ (weight 3) and TP (weight 0).
    const officer = await t.officerAt(6);
    const tp = await issue('TP');
    t.clock.advance(1000);
    const tkq = await issue('TKQ');
    expect((await t.api('counter:call-next', {}, officer)).id).toBe(tkq.ticket.id);
    await t.api('ticket:finish', { id: tkq.ticket.id }, officer);
    expect((await t.api('counter:call-next', {}, officer)).id).toBe(tp.ticket.id);
  });
});

describe('transfer', () => {
  it('to another field keeps the original place in line by default', async () => {
    const c1 = await t.officerAt(1);
    const c3 = await t.officerAt(3); // serves DD
    const moved = await issue('TP');
    t.clock.advance(60_000);
    const land = await issue('DD');
    await t.api('counter:call-next', {}, c1);
    const transferred = await t.api('ticket:transfer', { id: moved.ticket.id, fieldId: await t.fieldId('DD') }, c1);
    expect(transferred).toMatchObject({ status: 'waiting', fieldId: await t.fieldId('DD'), transferCount: 1, number: 1001 });
    expect((await t.api('counter:call-next', {}, c3)).id).toBe(moved.ticket.id);
    await t.api('ticket:finish', { id: moved.ticket.id }, c3);
    expect((await t.api('counter:call-next', {}, c3)).id).toBe(land.ticket.id);
  });

  it('goes to the back of the line when the center sets it so', async () => {
    const settings = await t.api('settings:get', {}, admin);
    await t.api('settings:update', { ...settings, transferKeepsPlace: false }, admin);
    const c1 = await t.officerAt(1);
    const c3 = await t.officerAt(3);
    const moved = await issue('TP');
    const land = await issue('DD');
    await t.api('counter:call-next', {}, c1);
    t.clock.advance(1000);
    await t.api('ticket:transfer', { id: moved.ticket.id, fieldId: await t.fieldId('DD') }, c1);
    expect((await t.api('counter:call-next', {}, c3)).id).toBe(land.ticket.id);
  });

  it('to a given counter: only that counter calls it, before its own line', async () => {
    const c1 = await t.officerAt(1);
    const c2 = await t.officerAt(2);
    const c5 = await t.officerAt(5);
    const moved = await issue('TP');
    const waitingAt5 = await issue('DKKD');
    await t.api('counter:call-next', {}, c1);
    await t.api('ticket:transfer', { id: moved.ticket.id, counterId: await t.counterId(5) }, c1);
    expect(await errorCode(t.api('counter:call-next', {}, c2))).toBe('QUEUE_EMPTY');
    expect((await t.api('counter:call-next', {}, c5)).id).toBe(moved.ticket.id);
    await t.api('ticket:finish', { id: moved.ticket.id }, c5);
    expect((await t.api('counter:call-next', {}, c5)).id).toBe(waitingAt5.ticket.id);
  });

  it('refuses a transfer with no target, to the same field, or to its own counter', async () => {
    const c1 = await t.officerAt(1);
    const x = await issue('TP');
    await t.api('counter:call-next', {}, c1);
    expect(await errorCode(t.api('ticket:transfer', { id: x.ticket.id }, c1))).toBe('TRANSFER_TARGET_INVALID');
    expect(await errorCode(t.api('ticket:transfer', { id: x.ticket.id, fieldId: x.ticket.fieldId }, c1))).toBe('TRANSFER_TARGET_INVALID');
    expect(await errorCode(t.api('ticket:transfer', { id: x.ticket.id, counterId: await t.counterId(1) }, c1))).toBe(
      'TRANSFER_TARGET_INVALID',
    );
    expect(await errorCode(t.api('ticket:transfer', { id: x.ticket.id, fieldId: 9999 }, c1))).toBe('FIELD_NOT_FOUND');
  });
});

describe('refusals change nothing', () => {
  async function unchanged(call: () => Promise<unknown>): Promise<string> {
    const before = (await t.api('hub:health', {})).head;
    const code = await errorCode(call());
    expect((await t.api('hub:health', {})).head).toBe(before);
    return code;
  }

  it('unknown or inactive field, outside opening hours', async () => {
    expect(await unchanged(() => t.api('ticket:issue', { fieldId: 424242, priority: false }, kiosk))).toBe('FIELD_NOT_FOUND');
    const f = (await t.api('fields:list', {}, admin)).find((x) => x.code === 'XD')!;
    await t.api('fields:update', { ...withoutId(f), id: f.id, active: false }, admin);
    expect(await unchanged(() => issue('XD'))).toBe('FIELD_INACTIVE');

    const settings = await t.api('settings:get', {}, admin);
    await t.api('settings:update', { ...settings, openingHours: { ...settings.openingHours, enforced: true } }, admin);
    t.clock.set('2026-11-23T12:00:00Z'); // Monday 19:00 in Hà Nội
    expect(await unchanged(() => issue('TP'))).toBe('OUTSIDE_HOURS');
    t.clock.set('2026-11-22T02:00:00Z'); // Sunday 09:00
    expect(await unchanged(() => issue('TP'))).toBe('OUTSIDE_HOURS');
    t.clock.set('2026-11-23T05:00:00Z'); // Monday 12:00, lunch break
    expect(await unchanged(() => issue('TP'))).toBe('OUTSIDE_HOURS');
    t.clock.set('2026-11-23T07:00:00Z'); // Monday 14:00
    expect((await issue('TP')).ticket.number).toBe(1001);
    const center = await t.api('center:get', {}, kiosk);
    expect(center.openNow).toBe(true);
  });

  it('paused counter, already serving, empty queue, no counter, counter taken, wrong state', async () => {
    const officer = await t.officerAt(1);
    expect(await unchanged(() => t.api('counter:call-next', {}, officer))).toBe('QUEUE_EMPTY');
    const x = await issue('TP');
    await issue('TP');
    await t.api('counter:pause', {}, officer);
    expect(await unchanged(() => t.api('counter:call-next', {}, officer))).toBe('COUNTER_PAUSED');
    await t.api('counter:resume', {}, officer);
    await t.api('counter:call-next', {}, officer);
    expect(await unchanged(() => t.api('counter:call-next', {}, officer))).toBe('ALREADY_SERVING');
    expect(await unchanged(() => t.api('ticket:no-show', { id: x.ticket.id + 1 }, officer))).toBe('TICKET_WRONG_STATE');
    expect(await unchanged(() => t.api('ticket:finish', { id: 999999 }, officer))).toBe('TICKET_NOT_FOUND');
    expect(await unchanged(() => t.api('counter:close', {}, officer))).toBe('ALREADY_SERVING');

    const idle = await t.login('canbo2');
    expect(await unchanged(() => t.api('counter:call-next', {}, idle))).toBe('NOT_AT_COUNTER');
    expect(await unchanged(async () => t.api('counter:open', { counterId: await t.counterId(1) }, idle))).toBe('COUNTER_TAKEN');
    expect(await unchanged(() => t.api('counter:open', { counterId: 999 }, idle))).toBe('COUNTER_NOT_FOUND');
  });

  it('an officer acts only at the counter they signed in to', async () => {
    const c1 = await t.officerAt(1);
    const c3 = await t.officerAt(3);
    const x = await issue('TP');
    await t.api('counter:call-next', {}, c1);
    for (const name of ['ticket:recall', 'ticket:start', 'ticket:finish', 'ticket:no-show', 'ticket:cancel'] as const) {
      expect(await unchanged(() => t.api(name, { id: x.ticket.id }, c3))).toBe('TICKET_NOT_AT_COUNTER');
    }
    expect(await unchanged(async () => t.api('ticket:transfer', { id: x.ticket.id, fieldId: await t.fieldId('DD') }, c3))).toBe(
      'TICKET_NOT_AT_COUNTER',
    );
  });

  it('a counter held by an officer whose session ended can be taken over', async () => {
    const first = await t.officerAt(1);
    await t.api('auth:logout', {}, first);
    const second = await t.officerAt(1, 'canbo2');
    const desk = await t.api('counter:get', {}, second);
    expect(desk.counter).toMatchObject({ state: 'open', staffName: 'Trần Văn Minh' });
    expect(await errorCode(t.api('counter:get', {}, first))).toBe('UNAUTHENTICATED');
  });
});

function withoutId<T extends { id: number }>(x: T): Omit<T, 'id'> {
  const { id: _id, ...rest } = x;
  return rest;
}
