// Many HTTP clients at once: kiosks issuing, six counters calling. Every ticket is called exactly
// once and no number is handed out twice.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ApiError } from '../../main/contract/index.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';

let t: TestHub;
// Four tokens play every kiosk of a busy center: the per-kiosk issue limit is not what is tested here.
beforeAll(async () => {
  t = await startTestHub({ issueLimit: null });
});
afterAll(async () => t.close());

it('parallel issue and call-next never double-call a ticket nor duplicate a number', async () => {
  const kiosks = await Promise.all([0, 1, 2, 3].map(() => t.device('kiosk')));
  const officers = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => t.officerAt(n)));
  const codes = ['TP', 'DD', 'DKKD', 'LDTBXH', 'XD', 'TKQ'];
  const fieldIds = await Promise.all(codes.map((c) => t.fieldId(c)));
  const TOTAL = 600;

  const issued: { id: number; fieldId: number; number: number }[] = [];
  let issuing = true;
  const issuers = kiosks.map(async (token, k) => {
    for (let i = k; i < TOTAL; i += kiosks.length) {
      const r = await t.api('ticket:issue', { fieldId: fieldIds[i % fieldIds.length]!, priority: i % 7 === 0 }, token);
      issued.push({ id: r.ticket.id, fieldId: r.ticket.fieldId, number: r.ticket.number });
    }
  });
  const calledBy = new Map<number, number[]>();
  const callers = officers.map(async (token, c) => {
    for (;;) {
      try {
        // Several presses at the same instant from the same counter: exactly one may win.
        const presses = await Promise.allSettled([0, 1, 2].map(() => t.api('counter:call-next', {}, token)));
        const won = presses.flatMap((p) => (p.status === 'fulfilled' ? [p.value] : []));
        for (const p of presses) if (p.status === 'rejected' && !(p.reason instanceof ApiError)) throw p.reason;
        expect(won.length).toBeLessThanOrEqual(1);
        if (won[0]) {
          calledBy.set(won[0].id, [...(calledBy.get(won[0].id) ?? []), c]);
          await t.api('ticket:finish', { id: won[0].id }, token);
        } else if (!issuing) {
          const desk = await t.api('counter:get', {}, token);
          if (desk.waiting.length === 0) return;
        }
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
      }
    }
  });
  await Promise.all(issuers);
  issuing = false;
  await Promise.all(callers);

  expect(issued).toHaveLength(TOTAL);
  const numbers = issued.map((x) => `${x.fieldId}:${x.number}`);
  expect(new Set(numbers).size).toBe(TOTAL);
  for (const f of fieldIds) {
    const mine = issued
      .filter((x) => x.fieldId === f)
      .map((x) => x.number)
      .sort((a, b) => a - b);
    expect(mine).toEqual(mine.map((_, i) => mine[0]! + i)); // gap-free
  }
  expect(calledBy.size).toBe(TOTAL);
  for (const [id, counters] of calledBy) expect({ id, counters: counters.length }).toEqual({ id, counters: 1 });

  const admin = await t.login('admin');
  let since = 0;
  const calls = new Map<number, number>();
  for (;;) {
    const page = await t.api('journal:list', { since, limit: 1000 }, admin);
    if (page.events.length === 0) break;
    for (const e of page.events) if (e.type === 'ticket:called') calls.set(e.ticketId!, (calls.get(e.ticketId!) ?? 0) + 1);
    since = page.events.at(-1)!.seq;
  }
  expect(calls.size).toBe(TOTAL);
  expect([...calls.values()].every((n) => n === 1)).toBe(true);
});
