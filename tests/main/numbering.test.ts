// A number is handed out once a day whatever the configuration does (issue #22, item 5), and an
// officer cancels only tickets their counter could call (item 8), through the real API of a hub
// on loopback with a real SQLite file.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorCode, startTestHub, type TestHub } from '../helpers/hub.ts';
import type { Field } from '../../main/contract/index.ts';

let t: TestHub;
let kiosk: string;
let admin: string;

beforeEach(async () => {
  t = await startTestHub();
  kiosk = await t.device('kiosk');
  admin = await t.login('admin');
});
afterEach(async () => t.close());

const issue = async (fieldId: number) => (await t.api('ticket:issue', { fieldId, priority: false }, kiosk)).ticket;

async function field(code: string): Promise<Field> {
  return (await t.api('fields:list', {}, admin)).find((f) => f.code === code)!;
}

function body(f: Field) {
  const { id: _id, ...rest } = f;
  return rest;
}

const newField = (code: string, rangeStart: number, rangeEnd: number) => ({
  code,
  nameVi: `Lĩnh vực ${code}`,
  nameEn: `Field ${code}`,
  rangeStart,
  rangeEnd,
  dailyLimit: null,
  targetWaitMin: 20,
  serviceMin: 10,
  active: true,
  sortOrder: 500,
});

describe('a number is given once a day', () => {
  it('a field created on a range another field left today continues above its numbers', async () => {
    const ld = await field('LDTBXH');
    const first = await issue(ld.id);
    const second = await issue(ld.id);
    expect([first.number, second.number]).toEqual([4001, 4002]);
    // The manager moves LĐTBXH to 7001–7999 while 4001 and 4002 still wait…
    await t.api('fields:update', { ...body(ld), id: ld.id, rangeStart: 7001, rangeEnd: 7999 }, admin);
    expect((await issue(ld.id)).number).toBe(7001);
    // …and creates a field on 4001–4999: it must not give 4001 and 4002 again.
    const created = await t.api('fields:create', newField('BHXH', 4001, 4999), admin);
    const numbers = [(await issue(created.id)).number, (await issue(created.id)).number];
    expect(numbers).toEqual([4003, 4004]);
    // The manager's search by number finds the one ticket that has it.
    expect((await t.api('floor:find-ticket', { number: 4001 }, admin)).id).toBe(first.id);
  });

  it('a field created on the range of one deactivated the same day does not repeat its numbers', async () => {
    const xd = await field('XD');
    expect((await issue(xd.id)).number).toBe(5001);
    await t.api('fields:update', { ...body(xd), id: xd.id, active: false }, admin);
    const created = await t.api('fields:create', newField('XD2', 5001, 5999), admin);
    expect((await issue(created.id)).number).toBe(5002);
  });

  it('a field moved back onto its own earlier range continues above what it gave there', async () => {
    const ld = await field('LDTBXH');
    await issue(ld.id); // 4001
    await t.api('fields:update', { ...body(ld), id: ld.id, rangeStart: 7001, rangeEnd: 7999 }, admin);
    await issue(ld.id); // 7001
    await t.api('fields:update', { ...body(ld), id: ld.id, rangeStart: 4001, rangeEnd: 4999 }, admin);
    expect((await issue(ld.id)).number).toBe(4002);
    // A range whose every number was given today is full, not a source of repeats.
    await t.api('fields:update', { ...body(ld), id: ld.id, rangeStart: 4001, rangeEnd: 4002 }, admin);
    expect(await errorCode(issue(ld.id))).toBe('FIELD_FULL');
  });
});

describe('who may cancel a waiting ticket', () => {
  it('an officer cancels only tickets their counter can call; a manager any', async () => {
    // Counter 1 serves TP and LĐTBXH; counter 3 serves DD and XD.
    const officer = await t.officerAt(1);
    const land = await issue((await field('DD')).id);
    expect(await errorCode(t.api('ticket:cancel', { id: land.id }, officer))).toBe('TICKET_NOT_AT_COUNTER');
    expect((await t.api('ticket:get', { id: land.id }, kiosk)).ticket.status).toBe('waiting');

    // A ticket of its own field sent to another counter is that counter's to call, not this one's.
    const other = await t.officerAt(2); // counter 2 serves TP too
    const tp = await field('TP');
    await issue(tp.id);
    const called = await t.api('counter:call-next', {}, other);
    const counter3 = await t.counterId(3);
    await t.api('ticket:transfer', { id: called.id, counterId: counter3 }, other);
    expect(await errorCode(t.api('ticket:cancel', { id: called.id }, officer))).toBe('TICKET_NOT_AT_COUNTER');

    const own = await issue(tp.id);
    expect((await t.api('ticket:cancel', { id: own.id }, officer)).status).toBe('cancelled');
    const manager = await t.login('quanly');
    expect((await t.api('ticket:cancel', { id: land.id }, manager)).status).toBe('cancelled');
    expect((await t.api('ticket:cancel', { id: called.id }, manager)).status).toBe('cancelled');
  });
});
