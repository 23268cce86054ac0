// Priority never starves the others (#24 item 7): priority citizens first, but after N priority
// calls in a row a counter calls one citizen without priority. Random arrivals and calls on the
// real engine (fast-check), the officer's list checked against every call, and the pure rule.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { aheadUnderRule, callOrder } from '../../main/queue/callOrder.ts';
import type { Actor } from '../../main/queue/engine.ts';

const DAY = 24 * 60 * 60 * 1000;
const kiosk: Actor = { staffId: null, deviceId: null, counterId: null, supervisor: false };

type Op = { kind: 'issue'; field: 0 | 1; priority: boolean } | { kind: 'call'; counter: 0 | 1 };

const ops = fc.array(
  fc.oneof(
    {
      weight: 3,
      arbitrary: fc.record({ kind: fc.constant('issue' as const), field: fc.constantFrom(0 as const, 1 as const), priority: fc.boolean() }),
    },
    // Long runs of priority arrivals: a commune hall full of elderly citizens.
    {
      weight: 2,
      arbitrary: fc.record({ kind: fc.constant('issue' as const), field: fc.constant(0 as const), priority: fc.constant(true) }),
    },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('call' as const), counter: fc.constantFrom(0 as const, 1 as const) }) },
  ),
  { minLength: 10, maxLength: 60 },
);

describe('the priority rule on the real engine, random arrivals', () => {
  let t: TestHub;
  let fields: [number, number];
  let counters: [number, number];
  beforeAll(async () => {
    t = await startTestHub();
    const admin = await t.login('admin');
    fields = [await t.fieldId('TP'), await t.fieldId('DD')];
    counters = [await t.counterId(1), await t.counterId(2)];
    // Counter 1 serves TP alone; counter 2 serves TP and DD, weighted 1 : 1.
    for (const [c, links] of [
      [counters[0], [{ fieldId: fields[0], weight: 1 }]],
      [
        counters[1],
        [
          { fieldId: fields[0], weight: 1 },
          { fieldId: fields[1], weight: 1 },
        ],
      ],
    ] as const) {
      const cur = (await t.api('counters:list', {}, admin)).find((x) => x.id === c)!;
      await t.api(
        'counters:update',
        { id: c, number: cur.number, nameVi: cur.nameVi, nameEn: cur.nameEn, active: true, fields: [...links] },
        admin,
      );
    }
  });
  afterAll(async () => t.close());

  it('no citizen without priority waits past N priority calls in a row at a counter; priority goes first otherwise; the list is the call order; no ticket is called twice', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 4 }), ops, async (maxInRow, steps) => {
        // A new service day for each run: yesterday's tickets are closed, numbering starts again.
        t.clock.advance(DAY);
        const admin = await t.login('admin');
        await t.api('settings:update', { ...(await t.api('settings:get', {}, admin)), priorityMaxInRow: maxInRow }, admin);
        const tokens = [await t.officerAt(1), await t.officerAt(2)];
        t.hub.db.prepare('UPDATE counters SET priority_run = 0').run();
        const staff = (id: number) => (t.hub.db.prepare('SELECT staff_id AS s FROM counters WHERE id = ?').get(id) as { s: number }).s;
        const actors: Actor[] = counters.map((id) => ({ staffId: staff(id), deviceId: null, counterId: id, supervisor: false }));
        const serves: number[][] = [[fields[0]], [fields[0], fields[1]]];
        const waiting: { id: number; fieldId: number; priority: boolean }[] = [];
        const run = [0, 0];
        const called = new Set<number>();
        for (const op of steps as Op[]) {
          t.clock.advance(1000);
          if (op.kind === 'issue') {
            const issued = t.hub.engine.issue({ fieldId: fields[op.field], priority: op.priority, source: 'kiosk' }, kiosk);
            waiting.push({ id: issued.ticket.id, fieldId: fields[op.field], priority: op.priority });
            continue;
          }
          const c = op.counter;
          const callable = waiting.filter((w) => serves[c]!.includes(w.fieldId));
          const listed = (await t.api('counter:get', {}, tokens[c])).waiting.map((w) => w.id);
          if (callable.length === 0) {
            expect(listed).toEqual([]);
            continue;
          }
          const ticket = t.hub.engine.callNext(actors[c]!);
          expect(ticket.id, 'the first row of the list is the one called').toBe(listed[0]);
          expect(called.has(ticket.id), 'never called twice').toBe(false);
          called.add(ticket.id);
          const oldestPriority = callable.find((w) => w.priority);
          const anyNormal = callable.some((w) => !w.priority);
          if (anyNormal && run[c]! >= maxInRow) {
            expect(ticket.priority, `after ${maxInRow} priority calls in a row, one without priority`).toBe(false);
          } else if (oldestPriority) {
            expect(ticket.id, 'otherwise the oldest priority citizen first').toBe(oldestPriority.id);
          } else {
            expect(ticket.priority).toBe(false);
          }
          run[c] = ticket.priority ? run[c]! + 1 : 0;
          waiting.splice(
            waiting.findIndex((w) => w.id === ticket.id),
            1,
          );
          t.hub.engine.finish(ticket.id, actors[c]!);
        }
      }),
      { numRuns: 25 },
    );
  });

  it('15 priority citizens arriving one after another: the citizen without priority who came first is called within N + 1 calls', async () => {
    t.clock.advance(DAY);
    const admin = await t.login('admin');
    await t.api('settings:update', { ...(await t.api('settings:get', {}, admin)), priorityMaxInRow: 3 }, admin);
    await t.officerAt(1);
    t.hub.db.prepare('UPDATE counters SET priority_run = 0').run();
    const actor: Actor = {
      staffId: (t.hub.db.prepare('SELECT staff_id AS s FROM counters WHERE id = ?').get(counters[0]) as { s: number }).s,
      deviceId: null,
      counterId: counters[0],
      supervisor: false,
    };
    const normal = t.hub.engine.issue({ fieldId: fields[0], priority: false, source: 'kiosk' }, kiosk);
    const order: boolean[] = [];
    let normalAt = -1;
    for (let i = 0; i < 15; i++) {
      t.clock.advance(1000);
      t.hub.engine.issue({ fieldId: fields[0], priority: true, source: 'kiosk' }, kiosk);
      const c = t.hub.engine.callNext(actor);
      order.push(c.priority);
      if (c.id === normal.ticket.id) normalAt = i;
      t.hub.engine.finish(c.id, actor);
    }
    expect(normalAt).toBe(3);
    expect(order.slice(0, 4)).toEqual([true, true, true, false]);
  });

  it('0 keeps the strict order: priority always first', async () => {
    t.clock.advance(DAY);
    const admin = await t.login('admin');
    await t.api('settings:update', { ...(await t.api('settings:get', {}, admin)), priorityMaxInRow: 0 }, admin);
    await t.officerAt(1);
    const actor: Actor = {
      staffId: (t.hub.db.prepare('SELECT staff_id AS s FROM counters WHERE id = ?').get(counters[0]) as { s: number }).s,
      deviceId: null,
      counterId: counters[0],
      supervisor: false,
    };
    t.hub.engine.issue({ fieldId: fields[0], priority: false, source: 'kiosk' }, kiosk);
    for (let i = 0; i < 8; i++) {
      t.clock.advance(1000);
      t.hub.engine.issue({ fieldId: fields[0], priority: true, source: 'kiosk' }, kiosk);
      const c = t.hub.engine.callNext(actor);
      expect(c.priority).toBe(true);
      t.hub.engine.finish(c.id, actor);
    }
  });

  it('the estimate counts what the rule calls: a ticket without priority behind 12 priority citizens has N ahead, not 12', async () => {
    t.clock.advance(DAY);
    const admin = await t.login('admin');
    await t.api('settings:update', { ...(await t.api('settings:get', {}, admin)), priorityMaxInRow: 3 }, admin);
    for (let i = 0; i < 12; i++) t.hub.engine.issue({ fieldId: fields[0], priority: true, source: 'kiosk' }, kiosk);
    const normal = t.hub.engine.issue({ fieldId: fields[0], priority: false, source: 'kiosk' }, kiosk);
    expect(normal.peopleAhead).toBe(3);
    const lastPriority = t.hub.engine.issue({ fieldId: fields[0], priority: true, source: 'kiosk' }, kiosk);
    // 12 priority citizens ahead, and the one without priority called after the first three.
    expect(lastPriority.peopleAhead).toBe(13);
  });
});

describe('the pure rule', () => {
  const ticket = fc.record({ priority: fc.boolean() });
  it('people ahead (aheadUnderRule) is the place in the call order of one line, for any line and N', () => {
    fc.assert(
      fc.property(fc.array(ticket, { maxLength: 40 }), fc.integer({ min: 0, max: 5 }), (arrivals, maxInRow) => {
        const tickets = arrivals.map((a, i) => ({ id: i + 1, fieldId: 1, priority: a.priority, queuedAt: i }));
        const line = [...tickets].sort((a, b) => Number(b.priority) - Number(a.priority) || a.id - b.id);
        const order = callOrder([], [{ fieldId: 1, weight: 1, order: 0, tickets: line }], new Map(), 1000, { maxInRow, run: 0 });
        expect(order).toHaveLength(tickets.length);
        for (const tk of tickets) {
          const waiting = {
            priorityAhead: tickets.filter((o) => o.priority && (tk.priority ? o.id < tk.id : true)).length,
            normalAhead: tickets.filter((o) => !o.priority && (tk.priority ? true : o.id < tk.id)).length,
          };
          expect(aheadUnderRule(tk, waiting, maxInRow)).toBe(order.indexOf(tk));
        }
      }),
    );
  });

  it('in any call order, no run of priority calls passes N while one without priority is still to come', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ priority: fc.boolean(), field: fc.integer({ min: 1, max: 3 }) }), { maxLength: 60 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 8 }),
        (arrivals, maxInRow, startRun) => {
          const tickets = arrivals.map((a, i) => ({ id: i + 1, fieldId: a.field, priority: a.priority, queuedAt: i }));
          const lines = [1, 2, 3].map((f, order) => ({
            fieldId: f,
            weight: f === 3 ? 2 : 1,
            order,
            tickets: tickets.filter((x) => x.fieldId === f).sort((a, b) => Number(b.priority) - Number(a.priority) || a.id - b.id),
          }));
          const order = callOrder([], lines, new Map(), 1000, { maxInRow, run: startRun });
          expect(new Set(order.map((o) => o.id)).size).toBe(tickets.length);
          let run = startRun;
          order.forEach((o, i) => {
            const normalLeft = order.slice(i).some((x) => !x.priority);
            if (o.priority && normalLeft) expect(run).toBeLessThan(maxInRow);
            run = o.priority ? run + 1 : 0;
          });
        },
      ),
    );
  });
});
