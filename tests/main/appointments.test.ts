// Appointments booked by staff and checked in by scanning at the kiosk, through the real HTTP API
// of a hub on loopback with a real SQLite file. The test clock starts on Monday 2026-11-23 in Hà Nội.
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { createHmac } from 'node:crypto';
import { errorCode, startTestHub, type TestHub } from '../helpers/hub.ts';
import { typeThrough, UNIKEY_SETTINGS } from '../helpers/unikey.ts';
import { readSettings } from '../../db/settings.ts';
import { insertAppointment } from '../../db/scans.ts';

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
    expect(booked.code).toMatch(/^MH1\.[0-9BCGHKLMNPQTV]{11}\.[0-9BCGHKLMNPQTV]{17}$/);

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

  it('codes typed by a wedge scanner through UniKey (#23): new ones arrive unchanged, old MA2 ones are undone (VNI typed MA2. as MÀ.)', async () => {
    // How many old codes the search reads, not how fast this machine is today: the hub's time
    // bound per scan (SCAN_UNDO_MS) is tested in tests/hardware/inputMethods.test.ts.
    process.env.MOTCUA_SCAN_UNDO_MS = '60000';
    onTestFinished(() => {
      delete process.env.MOTCUA_SCAN_UNDO_MS;
    });
    const dd = await t.fieldId('DD');
    const fresh = await t.api(
      'appointments:book',
      { fieldId: dd, day: '2026-11-23', from: '08:00', to: '10:00', priority: false },
      officer,
    );
    for (const s of UNIKEY_SETTINGS) expect(typeThrough(fresh.code, s)).toBe(fresh.code);
    // Codes printed before #23: MA2.<12 hex>.<12 base64url>, stored as the hub stored them.
    const secret = readSettings(t.hub.db).hubSecret as string;
    const mac = (x: string) => createHmac('sha256', secret).update(x);
    const old: string[] = [];
    for (let i = 0; i < 40; i++) {
      const body = `MA2.${mac(`n${i}`).digest('hex').slice(0, 12)}`;
      const code = `${body}.${mac(body).digest('base64url').slice(0, 12)}`;
      insertAppointment(t.hub.db, {
        code,
        codeHash: mac(code).digest('base64url'),
        fieldId: dd,
        serviceDay: '2026-11-23',
        startsAt: t.clock.read(),
        endsAt: t.clock.read() + 120 * MIN,
        priority: false,
        createdAt: t.clock.read(),
        createdBy: null,
      });
      old.push(code);
    }
    const vni = { method: 'vni', spellCheck: true, output: 'nfc' } as const;
    expect(typeThrough(old[0]!, vni)).toMatch(/^MÀ\./);
    // Every setting, spell check on or off: the hub tries today's stored codes against what arrived
    // (typedFrom), so all 40 read, and each as itself.
    for (const s of UNIKEY_SETTINGS) {
      let read = 0;
      for (const code of old) {
        const r = await t.api('scan:read', { text: typeThrough(code, s) }, kiosk).catch((e: Error) => e);
        if (!(r instanceof Error)) {
          expect(r).toMatchObject({ kind: 'appointment', fieldId: dd });
          read++;
        } else expect(r.message).toMatch(/APPOINTMENT_INVALID/);
      }
      expect(read, `${s.method} ${s.output} spell check ${s.spellCheck}`).toBe(40);
    }
    // A forged code typed the same way stays refused.
    expect(await errorCode(t.api('scan:read', { text: typeThrough('MA2.0a1b2c3d4e5f.abcdefghijkl', vni) }, kiosk))).toBe(
      'APPOINTMENT_INVALID',
    );
  }, 120_000);
});
