// The ticket on the citizen's phone (issue #15): the printed QR links to /t/<signed code>; the hub
// answers for that ticket only, on its own day, rate-limited, and streams only its changes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultPrinterConfig } from '../../main/contract/index.ts';
import { errorCode, startTestHub, type TestHub } from '../helpers/hub.ts';
import { Subscriber } from '../helpers/ws.ts';

let t: TestHub;
let admin: string;
let kiosk: string;
beforeEach(async () => {
  t = await startTestHub();
  admin = await t.login('admin');
  kiosk = await t.device('kiosk');
});
afterEach(async () => t.close());

const issue = async (code = 'TP') => t.api('ticket:issue', { fieldId: await t.fieldId(code), priority: false }, kiosk);
const setPhoneAddress = async (phoneBaseUrl: string) =>
  t.api('settings:update', { ...(await t.api('settings:get', {}, admin)), phoneBaseUrl }, admin);
const codeOf = (url: string) => url.split('/t/')[1]!;

describe('the ticket on the phone', () => {
  it('no address set: no link; with one, the ticket and its printed QR carry the link, and the page reads it', async () => {
    expect((await issue()).phoneUrl).toBeNull();
    expect(await errorCode(setPhoneAddress('192.168.1.10'))).toBe('VALIDATION');
    await setPhoneAddress('http://192.168.1.10:8686');
    const first = await issue();
    const mine = await issue();
    expect(mine.phoneUrl).toMatch(/^http:\/\/192\.168\.1\.10:8686\/t\/MC2\.\d+\.20261123\.1003\.[0-9BCGHKLMNPQTV]{14}$/);
    const page = await t.api('ticket:public', { code: codeOf(mine.phoneUrl!) });
    expect(page).toMatchObject({ number: 1003, fieldVi: 'Tư pháp – Hộ tịch', status: 'waiting', peopleAhead: 2, noCounterOpen: true });
    // The whole link works as well as the code (what a scanner or a copied message holds).
    expect((await t.api('ticket:public', { code: mine.phoneUrl! })).number).toBe(1003);
    expect(await errorCode(t.api('ticket:public', { code: codeOf(mine.phoneUrl!).replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')) }))).toBe(
      'TICKET_NOT_FOUND',
    );
    // The kiosk's scanner takes the link too.
    const scanned = await t.api('scan:read', { text: mine.phoneUrl! }, kiosk);
    expect(scanned.kind === 'ticket' && scanned.status.ticket.number).toBe(1003);
    expect((await t.api('ticket:public', { code: codeOf(first.phoneUrl!) })).peopleAhead).toBe(1);

    // Printed: the QR holds the same link.
    const created = await t.api('devices:create', { kind: 'kiosk', name: 'Kiosk in', counterId: null }, admin);
    await t.api('devices:set-printer', { id: created.device.id, printer: { ...defaultPrinterConfig, attachedTo: 'device' } }, admin);
    const printing = (await t.api('device:pair', { code: created.code })).token;
    const printed = await t.api('ticket:issue', { fieldId: await t.fieldId('TP'), priority: false }, printing);
    const claim = await t.api('print:claim', { waitMs: 0 }, printing);
    expect(claim.job && claim.ticket.qrPayload).toBe(printed.phoneUrl);
  });

  it('a ticket expires with its day, and a phone may not ask without end', async () => {
    await setPhoneAddress('http://192.168.1.10:8686');
    const code = codeOf((await issue()).phoneUrl!);
    for (let i = 0; i < 30; i++) await t.api('ticket:public', { code });
    expect(await errorCode(t.api('ticket:public', { code }))).toBe('RATE_LIMITED');
    t.clock.advance(24 * 3600_000);
    expect(await errorCode(t.api('ticket:public', { code }))).toBe('TICKET_EXPIRED');
  });

  it("the phone's stream carries its own ticket's state only, with the code as its only key", async () => {
    await setPhoneAddress('http://192.168.1.10:8686');
    const mine = await issue('TP');
    const code = codeOf(mine.phoneUrl!);
    const phone = await Subscriber.connect(t.hub.url, code, [{ kind: 'ticket', code }]);
    expect(phone.messages.find((m) => m.type === 'subscribed')).toMatchObject({ type: 'subscribed', replayed: 0 });
    await phone.until((m) => m.some((x) => x.type === 'ticket'));
    const other = await Subscriber.connect(t.hub.url, 'MC1.1.20261123.1.AAAAAAAAAA', [
      { kind: 'ticket', code: 'MC1.1.20261123.1.AAAAAAAAAA' },
    ]);
    expect(other.messages).toContainEqual(expect.objectContaining({ type: 'error', code: 'UNAUTHENTICATED' }));
    const greedy = await Subscriber.connect(t.hub.url, code, [{ kind: 'ticket', code }, { kind: 'hall' }]);
    expect(greedy.messages).toContainEqual(expect.objectContaining({ type: 'error', code: 'UNAUTHENTICATED' }));

    const officer = await t.officerAt(1);
    const called = await t.api('counter:call-next', {}, officer);
    expect(called.id).toBe(mine.ticket.id);
    await phone.until((m) => m.some((x) => x.type === 'ticket' && x.ticket.status === 'called'));
    const last = phone.messages.filter((m) => m.type === 'ticket').at(-1)!;
    expect(last).toMatchObject({ type: 'ticket', ticket: { ticketId: mine.ticket.id, number: 1001, status: 'called', counterNumber: 1 } });
    expect(phone.events).toEqual([]);
    expect((await t.api('ticket:public', { code })).status).toBe('called');
    for (const s of [phone, other, greedy]) await s.close();
  });

  it('a phone never learns of other citizens: no replay, no other ticket, no transfer note (Nghị định 13/2023)', async () => {
    await setPhoneAddress('http://192.168.1.10:8686');
    const note = 'Ba Le Thi C, SDT 0912345678, ho so ly hon';
    const land = await t.officerAt(3); // Đất đai
    const earlier = await issue('DD');
    expect((await t.api('counter:call-next', {}, land)).id).toBe(earlier.ticket.id);
    await t.api('ticket:transfer', { id: earlier.ticket.id, fieldId: await t.fieldId('TP'), note }, land);
    const mine = await issue('TP');
    const code = codeOf(mine.phoneUrl!);
    // Asking for the whole journal from its start gets the ticket's state, nothing of the journal.
    const phone = await Subscriber.connect(t.hub.url, code, [{ kind: 'ticket', code }], 1);
    await phone.until((m) => m.some((x) => x.type === 'ticket'));
    expect(phone.messages.find((m) => m.type === 'subscribed')).toMatchObject({ replayed: 0 });
    expect(phone.messages.find((m) => m.type === 'ticket')).toMatchObject({ ticket: { ticketId: mine.ticket.id, peopleAhead: 1 } });

    // The line moves: the citizen ahead is called and sent on with another note; a newcomer queues behind.
    const officer = await t.officerAt(1);
    expect((await t.api('counter:call-next', {}, officer)).id).toBe(earlier.ticket.id);
    await t.api('ticket:transfer', { id: earlier.ticket.id, fieldId: await t.fieldId('DD'), note }, officer);
    await issue('TP');
    await phone.until((m) => m.some((x) => x.type === 'ticket' && x.ticket.peopleAhead === 0));
    const wire = JSON.stringify(phone.messages);
    expect(phone.events).toEqual([]);
    expect(wire).not.toContain('0912345678');
    expect(wire).not.toContain('Ba Le');
    for (const m of phone.messages) if (m.type === 'ticket') expect(m.ticket.ticketId).toBe(mine.ticket.id);
    await phone.close();
  });
  it('after service the phone may rate, once, if the center asks for it; the rating joins the chain', async () => {
    await setPhoneAddress('http://192.168.1.10:8686');
    const mine = await issue();
    const code = codeOf(mine.phoneUrl!);
    expect(await errorCode(t.api('rating:phone', { code, level: 4 }))).toBe('FORBIDDEN');
    const s = await t.api('settings:get', {}, admin);
    await t.api('settings:update', { ...s, rating: { ...s.rating, onPhone: true } }, admin);
    expect((await t.api('ticket:public', { code })).rateWith).toBeNull();
    expect(await errorCode(t.api('rating:phone', { code, level: 4 }))).toBe('TICKET_WRONG_STATE');
    const officer = await t.officerAt(1);
    await t.api('counter:call-next', {}, officer);
    await t.api('ticket:finish', { id: mine.ticket.id }, officer);
    expect((await t.api('ticket:public', { code })).rateWith?.map((l) => l.value)).toEqual([4, 3, 2, 1]);
    await t.api('rating:phone', { code, level: 3 });
    expect(await errorCode(t.api('rating:phone', { code, level: 1 }))).toBe('ALREADY_RATED');
    expect((await t.api('ticket:public', { code })).rateWith).toBeNull();
    expect(await t.api('ratings:verify', {}, admin)).toEqual({ ok: true, count: 1, firstBrokenId: null });
    expect(await errorCode(t.api('rating:phone', { code: code.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')), level: 4 }))).toBe(
      'TICKET_NOT_FOUND',
    );
  });
});
