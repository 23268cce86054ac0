// Appointments booked by staff and checked in by scanning at the kiosk, through the real HTTP API
// of a hub on loopback with a real SQLite file. The test clock starts on Monday 2026-11-23 in Hà Nội.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorCode, startTestHub, type TestHub } from '../helpers/hub.ts';

const MIN = 60_000;
let t: TestHub;
let kiosk: string;
let officer: string;

beforeEach(async () => {
  t = await startTestHub();
  kiosk = await t.device('kiosk');
  officer = await t.login('canbo2');
  t.clock.set('2026-11-23T08:00:00+07:00');
});
afterEach(async () => t.close());

describe('appointments', () => {
  it('booked for a window, listed for the day, checked in once by scanning within the window, with its priority', async () => {
    const dd = await t.fieldId('DD');
    const booked = await t.api(
      'appointments:book',
      { fieldId: dd, day: '2026-11-23', from: '10:00', to: '10:30', priority: true },
      officer,
    );
    expect(booked).toMatchObject({ fieldId: dd, serviceDay: '2026-11-23', priority: true, status: 'booked', ticketNumber: null });
    expect(booked.startsAt).toBe(Date.parse('2026-11-23T10:00:00+07:00'));
    expect(booked.endsAt).toBe(Date.parse('2026-11-23T10:30:00+07:00'));
    expect(booked.code).toMatch(/^MA2\./);

    // Too early (more than an hour before), then within the hour before: scanned, it is a priority ticket of the field.
    expect(await errorCode(t.api('scan:read', { text: booked.code }, kiosk))).toBe('APPOINTMENT_TOO_EARLY');
    t.clock.set('2026-11-23T09:15:00+07:00');
    expect(await t.api('scan:read', { text: booked.code }, kiosk)).toMatchObject({ kind: 'appointment', fieldId: dd, priority: true });
    const issued = await t.api('scan:issue', { text: booked.code }, kiosk);
    expect(issued.ticket).toMatchObject({ fieldId: dd, priority: true, source: 'appointment' });
    expect(await errorCode(t.api('scan:issue', { text: booked.code }, kiosk))).toBe('APPOINTMENT_USED');

    const list = await t.api('appointments:list', {}, officer);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id: booked.id, status: 'checked-in', ticketNumber: issued.ticket.number, checkedInAt: t.clock.read() });
  });

  it('a window that has passed: missed on the list, refused at the kiosk; another day is listed on its own day', async () => {
    const tp = await t.fieldId('TP');
    const a = await t.api('appointments:book', { fieldId: tp, day: '2026-11-23', from: '08:30', to: '09:00', priority: false }, officer);
    const tomorrow = await t.api(
      'appointments:book',
      { fieldId: tp, day: '2026-11-24', from: '08:00', to: '08:15', priority: false },
      officer,
    );
    t.clock.advance(61 * MIN);
    expect(await errorCode(t.api('scan:issue', { text: a.code }, kiosk))).toBe('APPOINTMENT_EXPIRED');
    expect((await t.api('appointments:list', {}, officer)).map((x) => [x.id, x.status])).toEqual([[a.id, 'missed']]);
    expect((await t.api('appointments:list', { day: '2026-11-24' }, officer)).map((x) => x.id)).toEqual([tomorrow.id]);
  });

  it('refuses a window in the past, a window that closes before it opens, a forged code, and a kiosk booking', async () => {
    const tp = await t.fieldId('TP');
    expect(
      await errorCode(t.api('appointments:book', { fieldId: tp, day: '2026-11-22', from: '08:00', to: '09:00', priority: false }, officer)),
    ).toBe('APPOINTMENT_IN_PAST');
    expect(
      await errorCode(t.api('appointments:book', { fieldId: tp, day: '2026-11-23', from: '11:00', to: '10:00', priority: false }, officer)),
    ).toBe('VALIDATION');
    const a = await t.api('appointments:book', { fieldId: tp, day: '2026-11-23', from: '08:00', to: '09:00', priority: false }, officer);
    const forged = a.code.slice(0, -1) + (a.code.endsWith('A') ? 'B' : 'A');
    expect(await errorCode(t.api('scan:issue', { text: forged }, kiosk))).toBe('APPOINTMENT_INVALID');
    expect(
      await errorCode(t.api('appointments:book', { fieldId: tp, day: '2026-11-23', from: '08:00', to: '09:00', priority: false }, kiosk)),
    ).toBe('FORBIDDEN');
  });
});
