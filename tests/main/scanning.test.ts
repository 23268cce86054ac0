// Scanning at the kiosk through the hub: CCCD, dossier receipts, appointments, our own tickets,
// and that no personal data is ever written down.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorCode, startTestHub, type TestHub } from '../helpers/hub.ts';
import { readSettings } from '../../db/settings.ts';
import { ticketCode } from '../../main/queue/ticketCode.ts';

// An elderly citizen (born 1958) and a young one (born 2001), as their chip ID cards' QR codes.
const elder = { id: '001058012345', name: 'Nguyễn Văn Ân', address: 'Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội' };
const young = { id: '079301004321', name: 'Trần Thị Bình', address: '12 Lê Lợi, Quận 1, Thành phố Hồ Chí Minh' };
const qrOf = (p: typeof elder, dob: string) => `${p.id}|123456789|${p.name}|${dob}|Nam|${p.address}|20042021`;
const elderQr = qrOf(elder, '15031958');
const youngQr = qrOf(young, '02092001');

let t: TestHub;
let kiosk: string;
let admin: string;
beforeEach(async () => {
  t = await startTestHub();
  kiosk = await t.device('kiosk');
  admin = await t.login('admin');
});
afterEach(async () => t.close());

describe('scanning', () => {
  it('a CCCD offers the priority queue from the age on the card, and issues from the scan', async () => {
    expect(await t.api('scan:read', { text: elderQr }, kiosk)).toEqual({
      kind: 'cccd',
      age: 68,
      offerPriority: true,
      remainingToday: null,
    });
    expect(await t.api('scan:read', { text: youngQr }, kiosk)).toMatchObject({ kind: 'cccd', age: 25, offerPriority: false });
    expect(await errorCode(t.api('scan:issue', { text: elderQr }, kiosk))).toBe('SCAN_NEEDS_FIELD');
    const issued = await t.api('scan:issue', { text: elderQr, fieldId: await t.fieldId('TP'), priority: true }, kiosk);
    expect(issued.ticket).toMatchObject({ number: 1001, priority: true, source: 'scan' });
  });

  it('a daily limit per person counts by a keyed hash, for today only', async () => {
    const s = await t.api('settings:get', {}, admin);
    await t.api('settings:update', { ...s, scan: { ...s.scan, dailyLimitPerPerson: 1 } }, admin);
    const tp = await t.fieldId('TP');
    await t.api('scan:issue', { text: elderQr, fieldId: tp }, kiosk);
    expect(await t.api('scan:read', { text: elderQr }, kiosk)).toMatchObject({ remainingToday: 0 });
    expect(await errorCode(t.api('scan:issue', { text: elderQr, fieldId: tp }, kiosk))).toBe('PERSON_DAILY_LIMIT');
    await t.api('scan:issue', { text: youngQr, fieldId: tp }, kiosk); // someone else is not affected
    t.clock.advance(24 * 60 * 60 * 1000);
    await t.api('scan:issue', { text: elderQr, fieldId: tp }, kiosk); // a new day
    const days = t.hub.db.prepare('SELECT DISTINCT service_day FROM person_day_counts').all() as { service_day: string }[];
    expect(days.map((d) => d.service_day)).toEqual(['2026-11-24']); // yesterday's hashes are gone
  });

  it('a card born or issued in the future is refused with a clear message, and issues nothing', async () => {
    const unborn = `001248012345||Nguyen Van Tuong Lai|15032048|Nam|Ha Noi|20042021`; // "age −22" on 2026-11-23
    const early = `001058012345||Nguyen Van An|15031958|Nam|Ha Noi|01012027`;
    for (const text of [unborn, early]) {
      expect(await errorCode(t.api('scan:read', { text }, kiosk))).toBe('CCCD_DATE_INVALID');
      expect(await errorCode(t.api('scan:issue', { text, fieldId: await t.fieldId('TP') }, kiosk))).toBe('CCCD_DATE_INVALID');
    }
    expect((t.hub.db.prepare('SELECT COUNT(*) AS n FROM tickets').get() as { n: number }).n).toBe(0);
  });

  it('a dossier receipt code goes to the field it is routed to', async () => {
    const r = await t.api('scan:read', { text: '000.00.12.H34-231123-0001' }, kiosk);
    expect(r).toEqual({ kind: 'dossier', fieldId: await t.fieldId('TKQ') });
    const issued = await t.api('scan:issue', { text: '000.00.12.H34-231123-0001' }, kiosk);
    expect(issued.ticket).toMatchObject({ fieldId: await t.fieldId('TKQ'), number: 9001, source: 'scan' });
  });

  it('an appointment checks in once, in its field, before it expires', async () => {
    const officer = await t.login('canbo1');
    const a = await t.api('appointments:create', { fieldId: await t.fieldId('DD'), validMinutes: 120 }, officer);
    expect(await t.api('scan:read', { text: a.code }, kiosk)).toMatchObject({
      kind: 'appointment',
      fieldId: await t.fieldId('DD'),
      priority: true,
    });
    const issued = await t.api('scan:issue', { text: a.code }, kiosk);
    expect(issued.ticket).toMatchObject({ fieldId: await t.fieldId('DD'), priority: true, source: 'appointment' });
    expect(await errorCode(t.api('scan:issue', { text: a.code }, kiosk))).toBe('APPOINTMENT_USED');
    const b = await t.api('appointments:create', { fieldId: await t.fieldId('DD'), validMinutes: 5 }, officer);
    expect(await errorCode(t.api('scan:read', { text: b.code.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')) }, kiosk))).toBe(
      'APPOINTMENT_INVALID',
    );
    t.clock.advance(6 * 60_000);
    expect(await errorCode(t.api('scan:issue', { text: b.code }, kiosk))).toBe('APPOINTMENT_EXPIRED');
  });

  it('our own ticket QR shows that ticket now; anything else is refused clearly', async () => {
    const issued = await t.api('ticket:issue', { fieldId: await t.fieldId('TP'), priority: false }, kiosk);
    await t.api('ticket:issue', { fieldId: await t.fieldId('TP'), priority: false }, kiosk);
    const secret = readSettings(t.hub.db).hubSecret as string;
    const code = ticketCode(secret, issued.ticket);
    const r = await t.api('scan:read', { text: code }, kiosk);
    expect(r).toMatchObject({ kind: 'ticket', status: { ticket: { id: issued.ticket.id, status: 'waiting' }, peopleAhead: 0 } });
    expect(await errorCode(t.api('scan:read', { text: code.replace('MC2.', 'MC2.9') }, kiosk))).toBe('SCAN_UNKNOWN');
    const res = await fetch(`${t.hub.url}/api/scan`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${kiosk}` },
      body: JSON.stringify({ text: 'https://example.org/x' }),
    });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('Không nhận ra mã vừa quét');
  });

  it('after many scans, no name, address, ID number or birth date is anywhere in the database files', async () => {
    const s = await t.api('settings:get', {}, admin);
    await t.api('settings:update', { ...s, scan: { ...s.scan, dailyLimitPerPerson: 50 } }, admin);
    for (let i = 0; i < 20; i++) {
      const who = i % 2 ? elderQr : youngQr;
      await t.api('scan:read', { text: who }, kiosk);
      await t.api('scan:issue', { text: who, fieldId: await t.fieldId(i % 3 ? 'TP' : 'DD') }, kiosk);
    }
    await t.hub.journal.settled();
    const files = readdirSync(t.dir).filter((f) => f.startsWith('motcua.db'));
    expect(files).toContain('motcua.db');
    const bytes = Buffer.concat(files.map((f) => readFileSync(join(t.dir, f))));
    for (const secret of [
      elder.id,
      young.id,
      elder.name,
      young.name,
      elder.address,
      young.address,
      'Tràng Tiền',
      'Lê Lợi',
      '15031958',
      '02092001',
    ]) {
      expect(bytes.includes(Buffer.from(secret, 'utf8')), secret).toBe(false);
    }
  });
});
