// A wall clock that jumps (NTP, a dead CMOS battery, a wrong date typed in) must not reorder the
// queue, close a line as yesterday's or open a day twice (issue #22, item 4). The SteadyClock
// alone with two hand-moved clocks, then a real hub on loopback with a real SQLite file whose wall
// clock and monotonic clock the test moves apart.
import { afterEach, describe, expect, it } from 'vitest';
import { startTestHub, TestClock, type TestHub } from '../helpers/hub.ts';
import { TwoClocks } from '../helpers/twoClocks.ts';
import { adoptionIsHarmless, processMonotonic, SteadyClock, type ClockJump } from '../../main/base/steadyClock.ts';
import { pickLine } from '../../main/queue/callOrder.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const TZ = 'Asia/Ho_Chi_Minh';

describe('SteadyClock', () => {
  it('follows the wall clock while it moves as monotonic time does', () => {
    const c = new TwoClocks('2026-11-23T03:00:00Z');
    const clock = new SteadyClock(c.wall.read, c.mono.read);
    expect(clock.now()).toBe(c.wall.now);
    c.pass(HOUR);
    expect(clock.now()).toBe(c.wall.now);
    c.setWall(20_000); // an NTP step within tolerance is followed
    expect(clock.now()).toBe(c.wall.now);
    expect(clock.jump).toBeNull();
  });

  it('never goes back, even by a small step within tolerance', () => {
    const c = new TwoClocks('2026-11-23T03:00:00Z');
    const clock = new SteadyClock(c.wall.read, c.mono.read);
    const before = clock.now();
    c.wall.advance(-30_000);
    expect(clock.now()).toBe(before);
    c.pass(40_000);
    expect(clock.now()).toBe(c.wall.now);
  });

  it('goes on at the monotonic rate when the wall jumps either way, reports it, and rejoins a wall that comes back', () => {
    const c = new TwoClocks('2026-11-23T03:00:00Z');
    const jumps: ClockJump[] = [];
    const rejoined: string[] = [];
    const clock = new SteadyClock(c.wall.read, c.mono.read, {
      onJump: (j) => jumps.push(j),
      onRejoin: (how) => rejoined.push(how),
    });
    const start = clock.now();
    c.setWall(DAY);
    expect(clock.now()).toBe(start + 1000);
    expect(jumps).toEqual([{ at: start + 1000, offsetMs: DAY, heldTrusted: true }]);
    c.pass(MIN);
    expect(clock.now()).toBe(start + 1000 + MIN);
    c.setWall(-DAY - HOUR); // corrected, too far: an hour behind now
    expect(clock.now()).toBe(start + 2000 + MIN);
    expect(jumps.at(-1)!.offsetMs).toBe(-HOUR);
    c.setWall(HOUR); // right again
    expect(clock.now()).toBe(c.wall.now);
    expect(clock.jump).toBeNull();
    expect(rejoined).toEqual(['agrees']);
  });

  it('takes a disagreeing wall only when the hub says it is harmless', () => {
    const c = new TwoClocks('2026-11-23T03:00:00Z');
    let harmless = false;
    const clock = new SteadyClock(c.wall.read, c.mono.read, { canAdopt: () => harmless, adoptEveryMs: 5000 });
    c.setWall(-HOUR);
    const held = clock.now();
    expect(held).toBeGreaterThan(c.wall.now);
    harmless = true;
    expect(clock.now()).toBe(held); // asked at most every 5 s…
    expect(clock.settle()).toBe(c.wall.now); // …or when the floor check asks at once
    expect(clock.jump).toBeNull();
  });

  it('starts no earlier than the journal: a wall behind it is held from the journal’s last event', () => {
    const c = new TwoClocks('2026-11-23T02:00:00Z');
    const floor = Date.parse('2026-11-23T03:00:00Z');
    const clock = new SteadyClock(c.wall.read, c.mono.read, { floor });
    expect(clock.now()).toBe(floor);
    expect(clock.jump).toMatchObject({ heldTrusted: false, offsetMs: -HOUR });
    c.pass(MIN);
    expect(clock.now()).toBe(floor + MIN);
  });

  it('the process’s monotonic clock gives whole milliseconds (hub times are stored in INTEGER columns)', () => {
    expect(Number.isInteger(processMonotonic())).toBe(true);
  });

  it('a hand-moved clock used as both clocks is followed exactly, backwards too', () => {
    const t = new TestClock();
    const clock = new SteadyClock(t.read);
    t.advance(3 * DAY);
    expect(clock.now()).toBe(t.now);
    t.set('2026-11-22T02:00:00Z');
    expect(clock.now()).toBe(t.now);
    expect(clock.jump).toBeNull();
  });
});

describe('ties of time go by arrival', () => {
  it('two priority citizens with the same time (a clock held still) are called in the order they took their numbers', () => {
    const line = (fieldId: number, order: number, id: number) => ({
      fieldId,
      weight: 1,
      order,
      head: { id, priority: true, queuedAt: 1000 },
    });
    expect(pickLine([line(1, 0, 7), line(2, 1, 4)], new Map())?.fieldId).toBe(2);
  });
});

describe('adoptionIsHarmless', () => {
  const at = (iso: string) => Date.parse(iso);
  const base = {
    wall: at('2026-11-23T03:00:00Z'),
    held: at('2026-11-23T04:00:00Z'),
    heldTrusted: true,
    ticketsOpen: false,
    lastServiceDay: '2026-11-23',
    timeZone: TZ,
  };
  it('within the day with no ticket open: yes; with one open: no', () => {
    expect(adoptionIsHarmless(base)).toBe(true);
    expect(adoptionIsHarmless({ ...base, ticketsOpen: true })).toBe(false);
  });
  it('never back to a day before the last one written, never a leap across midnight from a trusted time', () => {
    expect(adoptionIsHarmless({ ...base, wall: at('2026-11-22T03:00:00Z') })).toBe(false);
    expect(adoptionIsHarmless({ ...base, wall: at('2026-11-24T03:00:00Z') })).toBe(false);
  });
  it('a held time that was only the journal’s floor gives way to a wall ahead of it (a clock fixed after a dead battery)', () => {
    expect(adoptionIsHarmless({ ...base, heldTrusted: false, wall: at('2026-11-24T03:00:00Z') })).toBe(true);
    expect(adoptionIsHarmless({ ...base, heldTrusted: false, wall: at('2026-11-24T03:00:00Z'), ticketsOpen: true })).toBe(false);
  });
});

describe('a hub whose PC clock jumps', () => {
  let t: TestHub;
  let c: TwoClocks;
  let kiosk: string;
  afterEach(async () => t.close());

  async function start(iso: string, dir?: string) {
    c = new TwoClocks(iso);
    t = await startTestHub({ clock: c.wall, monotonic: c.mono, ...(dir ? { dir } : {}) });
    kiosk = await t.device('kiosk');
  }
  const issue = async (code = 'TP') => (await t.api('ticket:issue', { fieldId: await t.fieldId(code), priority: false }, kiosk)).ticket;
  const status = async (id: number) => (await t.api('ticket:get', { id }, kiosk)).ticket.status;
  async function callAll(officer: string): Promise<number[]> {
    const order: number[] = [];
    for (;;) {
      const next = await t.api('counter:call-next', {}, officer).catch(() => null);
      if (!next) return order;
      order.push(next.number);
      await t.api('ticket:finish', { id: next.id }, officer);
    }
  }
  async function alerts() {
    const manager = await t.login('quanly');
    return (await t.api('floor:get', {}, manager)).alerts.filter((a) => a.kind === 'clock-jump');
  }

  it('forward one day: the waiting line is not closed as yesterday’s, then or after the clock is fixed; the jump is an alert', async () => {
    await start('2026-11-23T03:00:00Z'); // Monday 10:00 in Hà Nội
    const waiting = [];
    for (let i = 0; i < 10; i++) {
      waiting.push(await issue());
      c.pass(MIN);
    }
    c.setWall(DAY);
    const next = await issue(); // the next change: it used to cancel all ten
    expect(next).toMatchObject({ number: 1011, serviceDay: '2026-11-23' });
    for (const w of waiting) expect(await status(w.id)).toBe('waiting');
    t.hub.checkAlerts();
    const raised = await alerts();
    expect(raised).toHaveLength(1);
    expect(raised[0]!.value).toBe(24 * 60);

    c.setWall(-DAY); // fixed
    t.hub.checkAlerts();
    expect(await alerts()).toHaveLength(0);
    const officer = await t.officerAt(1);
    expect(await callAll(officer)).toEqual([1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 1009, 1010, 1011]);
  });

  it('back one hour across midnight: the new day is not left for the old one, no number opens twice, arrivals keep their order', async () => {
    await start('2026-11-23T16:40:00Z'); // Monday 23:40
    for (let i = 0; i < 5; i++) await issue(); // Monday's 1001–1005
    c.pass(30 * MIN); // Tuesday 00:10
    const first = await issue();
    expect(first).toMatchObject({ number: 1001, serviceDay: '2026-11-24' });
    c.pass(MIN);
    c.setWall(-HOUR); // Monday 23:11 on the wall
    const second = await issue();
    c.pass(MIN);
    const third = await issue();
    expect([second, third].map((x) => [x.number, x.serviceDay])).toEqual([
      [1002, '2026-11-24'],
      [1003, '2026-11-24'],
    ]);
    expect(second.issuedAt).toBeGreaterThanOrEqual(first.issuedAt);
    const officer = await t.officerAt(1);
    expect(await callAll(officer)).toEqual([1001, 1002, 1003]);
  });

  it('back one hour mid-day: the last arrival is not called first', async () => {
    await start('2026-11-23T03:00:00Z');
    const a = await issue();
    c.pass(MIN);
    const b = await issue();
    c.setWall(-HOUR);
    const late = await issue();
    expect(late.issuedAt).toBeGreaterThan(b.issuedAt);
    const officer = await t.officerAt(1);
    expect(await callAll(officer)).toEqual([a.number, b.number, late.number]);
  });

  it('back one hour with nobody waiting: the hub takes the corrected time at once, same day', async () => {
    await start('2026-11-23T03:00:00Z');
    const officer = await t.officerAt(1);
    await issue();
    await callAll(officer);
    c.setWall(-HOUR);
    t.hub.checkAlerts(); // the floor check settles the clock
    const after = await issue();
    expect(after.issuedAt).toBe(c.wall.now);
    expect(after.serviceDay).toBe('2026-11-23');
    expect(await alerts()).toHaveLength(0);
  });

  it('a restart with the clock behind the journal neither reorders nor reopens an earlier day', async () => {
    await start('2026-11-23T17:30:00Z'); // Tuesday 00:30
    const dir = t.dir;
    const a = await issue();
    c.pass(MIN);
    const b = await issue();
    await t.hub.close();
    // The PC comes back with its clock a day behind (a dead CMOS battery), its monotonic clock anew.
    const back = new TwoClocks('2026-11-22T17:35:00Z');
    c = back;
    t = await startTestHub({ clock: back.wall, monotonic: back.mono, dir });
    kiosk = await t.device('kiosk');
    back.pass(MIN);
    const late = await issue();
    expect(late).toMatchObject({ number: 1003, serviceDay: '2026-11-24' });
    expect(late.issuedAt).toBeGreaterThan(b.issuedAt);
    expect(await status(a.id)).toBe('waiting');
    t.hub.checkAlerts();
    expect(await alerts()).toHaveLength(1);
    const officer = await t.officerAt(1);
    expect(await callAll(officer)).toEqual([1001, 1002, 1003]);
    // Someone sets the right date; nobody waits now, so the hub follows it.
    back.setWall(DAY + HOUR);
    t.hub.checkAlerts();
    expect(await alerts()).toHaveLength(0);
    expect((await issue()).issuedAt).toBe(back.wall.now);
  });

  it('a hand-moved test clock set back a day does not take the service day back', async () => {
    t = await startTestHub();
    kiosk = await t.device('kiosk');
    await issue();
    t.clock.advance(DAY);
    const tuesday = await issue();
    expect(tuesday).toMatchObject({ number: 1001, serviceDay: '2026-11-24' });
    t.clock.advance(-DAY);
    expect(await issue()).toMatchObject({ number: 1002, serviceDay: '2026-11-24' });
    expect(await status(tuesday.id)).toBe('waiting');
  });
});
