// Screens apply events to the floor they loaded instead of asking the hub again
// (renderer/src/common/floor.ts). Against a real hub: the floor a screen builds from the events of
// a busy stretch must equal the floor the hub gives afterwards.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Floor, JournalEvent } from '../../main/contract/index.ts';
import { applyToFloor } from '../../renderer/src/common/floor.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';

let t: TestHub;
let kiosk: string;
let display: string;
let admin: string;

beforeEach(async () => {
  t = await startTestHub();
  kiosk = await t.device('kiosk');
  display = await t.device('display');
  admin = await t.login('admin');
  // Real operations are milliseconds apart; the test clock would otherwise give every call the same time.
  const api = t.api;
  t.api = (...args: Parameters<typeof api>) => {
    t.clock.advance(1000);
    return api(...args);
  };
});
afterEach(async () => t.close());

const issue = async (code: string, priority = false) => t.api('ticket:issue', { fieldId: await t.fieldId(code), priority }, kiosk);
const eventsSince = async (seq: number): Promise<JournalEvent[]> =>
  (await t.api('journal:list', { since: seq, limit: 1000 }, admin)).events;
const comparable = (f: Floor) => ({ ...f, now: 0 });

describe('applying events to the floor', () => {
  it('gives the floor the hub gives: issues, calls, recalls, transfers, no-shows, pauses, counters opening and closing', async () => {
    const before = await t.api('floor:get', {}, display);
    const c1 = await t.officerAt(1);
    const c2 = await t.officerAt(2);
    for (const code of ['TP', 'TP', 'DD', 'TP', 'DD']) await issue(code);
    await issue('TP', true);
    const a = await t.api('counter:call-next', {}, c1);
    await t.api('ticket:recall', { id: a.id }, c1);
    await t.api('ticket:start', { id: a.id }, c1);
    const b = await t.api('counter:call-next', {}, c2);
    await t.api('ticket:transfer', { id: b.id, fieldId: await t.fieldId('DD') }, c2);
    const c = await t.api('counter:call-next', {}, c2);
    await t.api('ticket:no-show', { id: c.id }, c2);
    await t.api('ticket:finish', { id: a.id }, c1);
    await t.api('counter:pause', {}, c1);
    await t.api('counter:call-next', {}, c2);
    await t.api('counter:close', {}, c1).catch(() => undefined);
    const c3 = await t.officerAt(3);
    await t.api('counter:call-next', {}, c3);
    await issue('DD');

    const events = await eventsSince(before.head);
    expect(events.length).toBeGreaterThan(15);
    const built = applyToFloor(before, events);
    const fresh = await t.api('floor:get', {}, display);
    expect(built).not.toBeNull();
    expect(comparable(built!)).toEqual(comparable(fresh));
  });

  it('the same, however the events are split into batches, and events already seen change nothing', async () => {
    const before = await t.api('floor:get', {}, display);
    const c1 = await t.officerAt(1);
    for (let i = 0; i < 6; i++) await issue(i % 2 ? 'DD' : 'TP');
    for (let i = 0; i < 3; i++) {
      const x = await t.api('counter:call-next', {}, c1);
      await t.api('ticket:finish', { id: x.id }, c1);
    }
    const events = await eventsSince(before.head);
    const fresh = comparable(await t.api('floor:get', {}, display));
    for (const size of [1, 2, 5]) {
      let f: Floor | null = before;
      for (let i = 0; i < events.length; i += size) f = applyToFloor(f!, events.slice(Math.max(0, i - 1), i + size)); // overlapping batches
      expect(comparable(f!)).toEqual(fresh);
    }
  });

  it('asks for a fresh floor when the configuration changes or an event does not carry its waiting lines', async () => {
    const before = await t.api('floor:get', {}, display);
    await issue('TP');
    const [issued] = await eventsSince(before.head);
    expect(applyToFloor(before, [issued!])).not.toBeNull();
    const old = { ...issued!, data: { ...issued!.data, loads: undefined } } as JournalEvent;
    expect(applyToFloor(before, [old])).toBeNull();
    await t.api('settings:update', await t.api('settings:get', {}, admin), admin);
    const config = (await eventsSince(issued!.seq)).find((e) => e.type === 'config:changed');
    expect(config).toBeDefined();
    expect(applyToFloor(before, [issued!, config!])).toBeNull();
  });
});
