// The journal chain (main/base/journalChain.ts) on a real hub's journal: the hub (its events as
// recorded) and the province (the same events after JSON and the push's schema) compute the same
// chain, however the journal is cut into batches; any change anywhere in an event changes it; an
// officer's name, which the center may or may not share, never does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PushBatch, type JournalEvent } from '../../main/contract/index.ts';
import { CHAIN_GENESIS, chainOver, CHECKPOINT_EVERY } from '../../main/base/journalChain.ts';
import { startTestHub, TestClock, type TestHub } from '../helpers/hub.ts';
import { aDay } from '../helpers/province.ts';

let hub: TestHub;
let events: JournalEvent[];

beforeAll(async () => {
  const clock = new TestClock();
  hub = await startTestHub({ clock, issueLimit: null });
  await aDay(hub, clock, 120);
  const admin = await hub.login('admin');
  events = [];
  for (let since = 0; ;) {
    const page = (await hub.api('journal:list', { since, limit: 1000 }, admin)).events;
    events.push(...page.filter((e) => /^(ticket|counter|rating):/.test(e.type)));
    if (page.length < 1000) break;
    since = page[page.length - 1]!.seq;
  }
}, 60_000);
afterAll(async () => {
  await hub?.close();
});

/** What the province holds of a batch: the hub's JSON, parsed by the push's schema. */
const atProvince = (batch: JournalEvent[], fromSeq: number, toSeq: number): JournalEvent[] =>
  PushBatch.parse(JSON.parse(JSON.stringify({ fromSeq, toSeq, events: batch }))).events as JournalEvent[]; // the schema's own events

describe('the journal chain', () => {
  it('is the same at the hub and at the province, however the journal is cut into batches', () => {
    expect(events.length).toBeGreaterThan(CHECKPOINT_EVERY); // checkpoints are crossed
    const head = events[events.length - 1]!.seq;
    const whole = chainOver(CHAIN_GENESIS, events, 1, head);
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: head - 1 }), { maxLength: 12 }), (cuts) => {
        const bounds = [0, ...cuts.sort((a, b) => a - b), head];
        let chain = CHAIN_GENESIS;
        const points: { seq: number; chain: string }[] = [];
        for (let i = 1; i < bounds.length; i++) {
          const from = bounds[i - 1]! + 1;
          const to = bounds[i]!;
          const batch = events.filter((e) => e.seq >= from && e.seq <= to);
          const r = chainOver(chain, atProvince(batch, from, to), from, to, true);
          chain = r.chain;
          points.push(...r.checkpoints);
        }
        expect(chain).toBe(whole.chain);
        expect(points).toEqual(whole.checkpoints);
      }),
      { numRuns: 40 },
    );
  });

  it('changes with any change to any value of any event', () => {
    const head = events[events.length - 1]!.seq;
    const whole = chainOver(CHAIN_GENESIS, events, 1, head).chain;
    const leaves = (v: unknown, path: (string | number)[] = []): (string | number)[][] =>
      v !== null && typeof v === 'object'
        ? Object.entries(v).flatMap(([k, x]) => leaves(x, [...path, Array.isArray(v) ? Number(k) : k]))
        : [path];
    fc.assert(
      fc.property(fc.nat({ max: events.length - 1 }), fc.nat(), (i, j) => {
        const e = events[i]!;
        const paths = leaves(e).filter((p) => p.join('.') !== 'data.counter.staffName' && p[0] !== 'seq');
        const path = paths[j % paths.length]!;
        const copy = structuredClone(e) as unknown as Record<string | number, unknown>;
        let at: Record<string | number, unknown> = copy;
        for (const k of path.slice(0, -1)) at = at[k] as Record<string | number, unknown>;
        const last = path[path.length - 1]!;
        const was = at[last];
        // Another value of the same kind, as the schema would still take it.
        at[last] = typeof was === 'number' ? was + 1 : typeof was === 'boolean' ? !was : typeof was === 'string' ? `${was}x` : 1;
        const changed = events.map((x, k) => (k === i ? (copy as unknown as JournalEvent) : x));
        let other: string;
        try {
          other = chainOver(CHAIN_GENESIS, changed, 1, head).chain;
        } catch {
          return; // a value the contract refuses: the province would refuse the batch
        }
        expect(other).not.toBe(whole);
      }),
      { numRuns: 300 },
    );
  });

  it("does not depend on whether the center shares officers' names", () => {
    const head = events[events.length - 1]!.seq;
    const named = events.map((e) =>
      e.type.startsWith('counter:')
        ? ({
            ...e,
            data: { ...e.data, counter: { ...(e.data as { counter: object }).counter, staffName: null } },
          } as JournalEvent) // a counter event's data
        : e,
    );
    expect(JSON.stringify(named)).not.toBe(JSON.stringify(events)); // the journal names the officers; the copy does not
    expect(chainOver(CHAIN_GENESIS, named, 1, head).chain).toBe(chainOver(CHAIN_GENESIS, events, 1, head).chain);
  });
});
