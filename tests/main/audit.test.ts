// The audit trail through the real HTTP API of a hub on loopback with a real SQLite file: who did
// what to which ticket, who changed which setting, filtered and paged, newest first.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorCode, startTestHub, type TestHub } from '../helpers/hub.ts';

let t: TestHub;
let kiosk: string;
let manager: string;

beforeEach(async () => {
  t = await startTestHub({ issueLimit: null }); // one test issues a hundred tickets at once
  kiosk = await t.device('kiosk');
  manager = await t.login('quanly');
});
afterEach(async () => t.close());

describe('audit trail', () => {
  it('names who called, transferred, marked absent and cancelled which ticket, at which counter', async () => {
    const tp = await t.fieldId('TP');
    const dd = await t.fieldId('DD');
    const officer = await t.officerAt(1);
    const a = (await t.api('ticket:issue', { fieldId: tp, priority: false }, kiosk)).ticket;
    const b = (await t.api('ticket:issue', { fieldId: tp, priority: false }, kiosk)).ticket;
    await t.api('counter:call', { ticketId: a.id }, officer);
    await t.api('ticket:transfer', { id: a.id, fieldId: dd, note: 'cần bổ sung giấy tờ' }, officer);
    await t.api('counter:call', { ticketId: b.id }, officer);
    await t.api('ticket:no-show', { id: b.id }, officer);
    await t.api('ticket:cancel', { id: b.id }, manager);

    const page = await t.api('audit:list', { kind: 'service' }, manager);
    expect(page.entries.map((e) => [e.event.type, e.ticketNumber, e.staffName])).toEqual([
      ['ticket:cancelled', b.number, 'Đỗ Minh Tuấn'],
      ['ticket:no-show', b.number, expect.any(String)],
      ['ticket:called', b.number, expect.any(String)],
      ['ticket:transferred', a.number, expect.any(String)],
      ['ticket:called', a.number, expect.any(String)],
    ]);
    const transfer = page.entries[3]!;
    expect(transfer.counterName).toEqual({ vi: expect.stringContaining('1'), en: expect.stringContaining('1') });
    expect(transfer.event.type === 'ticket:transferred' && transfer.event.data.note).toBe('cần bổ sung giấy tờ');
    expect(page.nextBefore).toBeNull();

    // By ticket number, by staff member, by kind.
    const onlyA = await t.api('audit:list', { kind: 'all', ticketNumber: a.number }, manager);
    expect(new Set(onlyA.entries.map((e) => e.ticketNumber))).toEqual(new Set([a.number]));
    expect(onlyA.entries.map((e) => e.event.type)).toContain('ticket:issued');
    const me = await t.api('auth:me', {}, manager);
    const byManager = await t.api('audit:list', { kind: 'service', staffId: me.kind === 'staff' ? me.staff.id : 0 }, manager);
    expect(byManager.entries.map((e) => e.event.type)).toEqual(['ticket:cancelled']);
  });

  it('a setting changed is listed under configuration; pages follow one another; officers may not read it', async () => {
    const settings = await t.api('settings:get', {}, manager);
    for (let i = 0; i < 3; i++) await t.api('settings:update', { ...settings, hallNotice: `Thông báo ${i}` }, manager);
    const config = await t.api('audit:list', { kind: 'config' }, manager);
    expect(config.entries.filter((e) => e.event.type === 'config:changed' && e.event.data.entity === 'settings')).toHaveLength(3);
    expect(config.entries.every((e) => e.event.type === 'config:changed')).toBe(true);

    for (let i = 0; i < 105; i++) await t.api('ticket:issue', { fieldId: await t.fieldId('TP'), priority: false }, kiosk);
    const first = await t.api('audit:list', { kind: 'issued' }, manager);
    expect(first.entries).toHaveLength(100);
    expect(first.nextBefore).not.toBeNull();
    const second = await t.api('audit:list', { kind: 'issued', before: first.nextBefore! }, manager);
    expect(second.entries).toHaveLength(5);
    expect(second.nextBefore).toBeNull();
    const seqs = [...first.entries, ...second.entries].map((e) => e.event.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => y - x));

    expect(await errorCode(t.api('audit:list', {}, await t.login('canbo1')))).toBe('FORBIDDEN');
    expect(await errorCode(t.api('audit:list', { from: '2026-11-24', to: '2026-11-23' }, manager))).toBe('VALIDATION');
  });
});
