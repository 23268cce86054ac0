// The officer's waiting list is the order "Gọi số tiếp" calls in (issue #16): field weights,
// priority citizens and tickets transferred to the counter, checked against the hub itself.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../helpers/hub.ts';

let t: TestHub;
beforeEach(async () => {
  t = await startTestHub();
});
afterEach(async () => t.close());

/** A small deterministic generator, so a failure can be replayed. */
function seeded(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

describe('the waiting list is the call order', () => {
  it.each([1, 2, 3, 4, 5])('seed %i: calling next, again and again, takes the tickets exactly as the list showed them', async (seed) => {
    const rand = seeded(seed);
    const admin = await t.login('admin');
    const kiosk = await t.device('kiosk');
    const codes = ['TP', 'DD', 'LDTBXH'];
    const ids = await Promise.all(codes.map((c) => t.fieldId(c)));
    const c1 = (await t.api('counters:list', {}, admin)).find((c) => c.number === 1)!;
    // Weighted 3 : 1, and a field called only when the others are empty.
    await t.api(
      'counters:update',
      {
        id: c1.id,
        number: c1.number,
        nameVi: c1.nameVi,
        nameEn: c1.nameEn,
        active: true,
        fields: [
          { fieldId: ids[0]!, weight: 3 },
          { fieldId: ids[1]!, weight: 1 },
          { fieldId: ids[2]!, weight: 0 },
        ],
      },
      admin,
    );
    for (let i = 0; i < 14; i++) {
      t.clock.advance(1000);
      await t.api('ticket:issue', { fieldId: ids[Math.floor(rand() * 3)]!, priority: rand() < 0.2 }, kiosk);
    }
    // A ticket transferred to counter 1 in particular, from counter 2.
    const c2 = await t.officerAt(2);
    const other = await t.api('ticket:issue', { fieldId: await t.fieldId('DD'), priority: false }, kiosk);
    t.clock.advance(1000);
    await t.api('counter:call', { ticketId: other.ticket.id }, c2).catch(() => undefined);
    await t.api('ticket:transfer', { id: other.ticket.id, counterId: c1.id }, c2).catch(() => undefined);

    const officer = await t.officerAt(1);
    const listed = (await t.api('counter:get', {}, officer)).waiting.map((w) => w.id);
    expect(listed.length).toBeGreaterThan(10);
    const called: number[] = [];
    for (;;) {
      const desk = await t.api('counter:get', {}, officer);
      if (desk.waiting.length === 0) break;
      const next = await t.api('counter:call-next', {}, officer);
      expect(next.id, 'the first row is the one called').toBe(desk.waiting[0]!.id);
      called.push(next.id);
      t.clock.advance(60_000);
      await t.api('ticket:finish', { id: next.id }, officer);
    }
    expect(called).toEqual(listed);
  });

  it("counts only what this counter can call: a ticket transferred to another counter is not in this counter's line", async () => {
    const kiosk = await t.device('kiosk');
    const c1 = await t.officerAt(1);
    const c3 = await t.officerAt(3);
    const tp = await t.fieldId('TP');
    const a = await t.api('ticket:issue', { fieldId: tp, priority: false }, kiosk);
    await t.api('counter:call-next', {}, c1);
    await t.api('ticket:transfer', { id: a.ticket.id, counterId: await t.counterId(3) }, c1);
    const desk = await t.api('counter:get', {}, c1);
    expect(desk.fields.find((f) => f.fieldId === tp)?.waiting).toBe(0);
    expect(desk.waiting).toEqual([]);
    // The counter it was sent to sees it first.
    expect((await t.api('counter:get', {}, c3)).waiting[0]?.id).toBe(a.ticket.id);
  });
});
