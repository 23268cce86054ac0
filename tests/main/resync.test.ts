// The event stream: a client that reconnects with its last sequence number gets exactly what it missed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { Subscriber } from '../helpers/ws.ts';
import { JournalEvent } from '../../main/contract/index.ts';

let t: TestHub;
let kiosk: string;
let display: string;

beforeEach(async () => {
  t = await startTestHub();
  kiosk = await t.device('kiosk');
  display = await t.device('display');
});
afterEach(async () => t.close());

const issue = async (code = 'TP') => t.api('ticket:issue', { fieldId: await t.fieldId(code), priority: false }, kiosk);

describe('event stream', () => {
  it('delivers live events, then after a disconnect replays exactly the missed ones in order', async () => {
    const officer = await t.officerAt(1);
    const head = (await t.api('floor:get', {}, display)).head;
    const hall = await Subscriber.connect(t.hub.url, display, [{ kind: 'hall' }], head);
    await issue();
    await hall.until(() => hall.events.length === 1);
    expect(hall.events[0]!.type).toBe('ticket:issued');
    const seen = hall.lastSeq;
    await hall.close();

    // While the display is away: a call, a finish, a staff sign-in (not for the hall), more tickets.
    const called = await t.api('counter:call-next', {}, officer);
    await t.api('ticket:finish', { id: called.id }, officer);
    await t.login('quanly');
    await issue('DD');
    const fullJournal = (await t.api('journal:list', { since: seen, limit: 100 }, await t.login('admin'))).events;
    const expected = fullJournal.filter((e) => e.type.startsWith('ticket:') || e.type.startsWith('counter:'));

    const back = await Subscriber.connect(t.hub.url, display, [{ kind: 'hall' }], seen);
    expect(back.events.map((e) => e.seq)).toEqual(expected.map((e) => e.seq));
    expect(back.events.map((e) => e.type)).toEqual(['ticket:called', 'ticket:finished', 'ticket:issued']);
    expect(back.messages.at(-1)).toMatchObject({ type: 'subscribed', replayed: 3 });
    for (const e of back.events) expect(JournalEvent.safeParse(e).success).toBe(true);

    // Then live again, with nothing twice.
    await issue();
    await back.until(() => back.events.length === 4);
    const seqs = back.events.map((e) => e.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    await back.close();
  });

  it("a counter topic gets its own tickets and every queue change, not other counters' service", async () => {
    const c1 = await t.officerAt(1);
    const c3 = await t.officerAt(3);
    const head = (await t.api('floor:get', {}, display)).head;
    const c3Id = await t.counterId(3);
    const board = await Subscriber.connect(t.hub.url, display, [{ kind: 'counter', counterId: c3Id }], head);
    const tp = await issue('TP');
    await t.api('counter:call-next', {}, c1);
    await t.api('ticket:recall', { id: tp.ticket.id }, c1); // another counter's service: not for counter 3
    await t.api('ticket:transfer', { id: tp.ticket.id, fieldId: await t.fieldId('DD') }, c1); // reaches counter 3's line
    const moved = await t.api('counter:call-next', {}, c3);
    expect(moved.id).toBe(tp.ticket.id);
    await board.until(() => board.events.some((e) => e.type === 'ticket:called' && e.counterId === c3Id));
    expect(board.events.map((e) => e.type)).toEqual(['ticket:issued', 'ticket:called', 'ticket:transferred', 'ticket:called']);
    expect(board.events.some((e) => e.type === 'ticket:recalled')).toBe(false);
    await board.close();
  });

  it('asks for a reset when the client is ahead of the journal, and refuses bad tokens and topics', async () => {
    const s = await Subscriber.connect(t.hub.url, display, [{ kind: 'hall' }], 10_000_000);
    expect(s.messages.at(-1)!.type).toBe('reset');
    await s.close();
    const bad = await Subscriber.connect(t.hub.url, 'not-a-token-at-all', [{ kind: 'hall' }]);
    expect(bad.messages.at(-1)).toMatchObject({ type: 'error', code: 'UNAUTHENTICATED' });
    await bad.close();
    const nosy = await Subscriber.connect(t.hub.url, display, [{ kind: 'manager' }]);
    expect(nosy.messages.at(-1)).toMatchObject({ type: 'error', code: 'FORBIDDEN' });
    await nosy.close();
  });

  it('the manager topic sees staff and configuration events; the hall does not', async () => {
    const admin = await t.login('admin');
    const head = (await t.api('floor:get', {}, display)).head;
    const mgr = await Subscriber.connect(t.hub.url, admin, [{ kind: 'manager' }], head);
    const hall = await Subscriber.connect(t.hub.url, display, [{ kind: 'hall' }], head);
    await t.login('canbo2');
    await issue();
    await mgr.until(() => mgr.events.length === 2);
    await hall.until(() => hall.events.length === 1);
    expect(mgr.events.map((e) => e.type)).toEqual(['staff:signed-in', 'ticket:issued']);
    expect(hall.events.map((e) => e.type)).toEqual(['ticket:issued']);
    await mgr.close();
    await hall.close();
  });
});
