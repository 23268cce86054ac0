// Configuration, accounts, sessions and backups through the API.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { errorCode, startTestHub, type TestHub } from '../helpers/hub.ts';
import { defaultTemplate } from '../../main/voice/announcement.ts';

let t: TestHub;
let admin: string;
beforeEach(async () => {
  t = await startTestHub();
  admin = await t.login('admin');
});
afterEach(async () => t.close());

describe('accounts and sessions', () => {
  it('login is rate limited per address and username, with Retry-After', async () => {
    for (let i = 0; i < 5; i++)
      expect(await errorCode(t.api('auth:login', { username: 'canbo1', password: 'sai-mat-khau' }))).toBe('BAD_CREDENTIALS');
    const res = await fetch(`${t.hub.url}/api/auth/login`, {
      method: 'POST',
      body: JSON.stringify({ username: 'canbo1', password: 'motcua-canbo' }),
    });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe('Thử quá nhiều lần. Vui lòng đợi rồi thử lại.');
    // Another account from the same place is not locked out by it.
    expect((await t.api('auth:login', { username: 'canbo2', password: 'motcua-canbo' })).me.kind).toBe('staff');
    t.clock.advance(5 * 60_000 + 1);
    expect((await t.api('auth:login', { username: 'canbo1', password: 'motcua-canbo' })).me.kind).toBe('staff');
  });

  it('sessions expire after a working day', async () => {
    const token = await t.login('canbo1');
    t.clock.advance(12 * 60 * 60 * 1000 - 1000);
    expect((await t.api('auth:me', {}, token)).kind).toBe('staff');
    t.clock.advance(2000);
    expect(await errorCode(t.api('auth:me', {}, token))).toBe('UNAUTHENTICATED');
  });

  it('an admin creates an officer who can sign in; deactivation ends their session; the last admin stays', async () => {
    const created = await t.api(
      'staff:create',
      { username: 'ngoc.tran', fullName: 'Trần Bảo Ngọc', role: 'officer', active: true, password: 'mat-khau-moi' },
      admin,
    );
    expect(created).toMatchObject({ username: 'ngoc.tran', fullName: 'Trần Bảo Ngọc', role: 'officer' });
    expect(created).not.toHaveProperty('passwordHash');
    const token = await t.login('ngoc.tran', 'mat-khau-moi');
    expect(
      await errorCode(
        t.api('staff:create', { username: 'ngoc.tran', fullName: 'X', role: 'officer', active: true, password: 'mat-khau-moi' }, admin),
      ),
    ).toBe('CONFLICT');
    await t.api(
      'staff:update',
      { id: created.id, username: 'ngoc.tran', fullName: 'Trần Bảo Ngọc', role: 'officer', active: false },
      admin,
    );
    expect(await errorCode(t.api('auth:me', {}, token))).toBe('UNAUTHENTICATED');
    expect(await errorCode(t.login('ngoc.tran', 'mat-khau-moi'))).toBe('BAD_CREDENTIALS');

    const me = await t.api('auth:me', {}, admin);
    if (me.kind !== 'staff') throw new Error('expected staff');
    expect(
      await errorCode(
        t.api('staff:update', { id: me.staff.id, username: 'admin', fullName: 'Quản trị', role: 'manager', active: true }, admin),
      ),
    ).toBe('LAST_ADMIN');
    expect((await t.api('auth:me', {}, admin)).kind).toBe('staff'); // refused, so nothing changed
  });
});

describe('center configuration', () => {
  it('fields: create, duplicate code refused, bad range refused with details', async () => {
    const f = {
      code: 'NV',
      nameVi: 'Nội vụ',
      nameEn: 'Home affairs',
      rangeStart: 6001,
      rangeEnd: 6999,
      dailyLimit: 300,
      targetWaitMin: 20,
      serviceMin: 10,
      active: true,
      sortOrder: 70,
    };
    const created = await t.api('fields:create', f, admin);
    expect(created).toMatchObject(f);
    expect(await errorCode(t.api('fields:create', { ...f, rangeStart: 8001, rangeEnd: 8999 }, admin))).toBe('CONFLICT');
    const res = await fetch(`${t.hub.url}/api/config/fields`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${admin}` },
      body: JSON.stringify({ ...f, code: 'NV2', rangeStart: 7000, rangeEnd: 6000 }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; details: { path: string[] }[] } };
    expect(body.error.code).toBe('VALIDATION');
    expect(body.error.details[0]!.path).toEqual(['rangeEnd']);
    const kiosk = await t.device('kiosk');
    expect((await t.api('center:get', {}, kiosk)).fields.map((x) => x.nameVi)).toContain('Nội vụ');
  });

  it('counters keep their fields in order of preference; unknown fields are refused', async () => {
    const tp = await t.fieldId('TP');
    const dd = await t.fieldId('DD');
    const c = await t.api(
      'counters:create',
      {
        number: 7,
        nameVi: 'Quầy số 7',
        nameEn: 'Counter 7',
        active: true,
        fields: [
          { fieldId: dd, weight: 2 },
          { fieldId: tp, weight: 1 },
        ],
      },
      admin,
    );
    expect(c.fields).toEqual([
      { fieldId: dd, weight: 2 },
      { fieldId: tp, weight: 1 },
    ]);
    expect(
      await errorCode(
        t.api(
          'counters:create',
          { number: 8, nameVi: 'Quầy 8', nameEn: 'Counter 8', active: true, fields: [{ fieldId: 9999, weight: 1 }] },
          admin,
        ),
      ),
    ).toBe('FIELD_NOT_FOUND');
    const one = [{ fieldId: tp, weight: 1 }];
    expect(await errorCode(t.api('counters:create', { number: 7, nameVi: 'Trùng', nameEn: 'Dup', active: true, fields: one }, admin))).toBe(
      'CONFLICT',
    );
    // A counter in use must serve something; an unused one may be kept without fields.
    expect(
      await errorCode(t.api('counters:create', { number: 9, nameVi: 'Quầy 9', nameEn: 'Counter 9', active: true, fields: [] }, admin)),
    ).toBe('VALIDATION');
    await t.api('counters:create', { number: 9, nameVi: 'Quầy 9', nameEn: 'Counter 9', active: false, fields: [] }, admin);
    // The same name as another counter, whatever its case and spacing, says which input is wrong.
    const dup = await t.api('counters:create', { number: 10, nameVi: 'quầy  SỐ 7', nameEn: 'Ten', active: true, fields: one }, admin).then(
      () => null,
      (err: unknown) => err as { code: string; details: unknown },
    );
    expect(dup).toMatchObject({ code: 'CONFLICT', details: [{ path: ['nameVi'], message: 'name taken' }] });
    const dupField = await t
      .api(
        'fields:create',
        {
          code: 'TP2',
          nameVi: 'Tư pháp – hộ tịch',
          nameEn: 'Justice 2',
          rangeStart: 7001,
          rangeEnd: 7999,
          dailyLimit: null,
          targetWaitMin: 30,
          serviceMin: 10,
          active: true,
          sortOrder: 1,
        },
        admin,
      )
      .then(
        () => null,
        (err: unknown) => err as { code: string; details: unknown },
      );
    expect(dupField).toMatchObject({ code: 'CONFLICT', details: [{ path: ['nameVi'], message: 'name taken' }] });
    expect(
      await errorCode(
        t.api(
          'counters:update',
          {
            id: c.id,
            number: 7,
            nameVi: 'Quầy 7',
            nameEn: 'Counter 7',
            active: true,
            fields: [
              { fieldId: tp, weight: 1 },
              { fieldId: tp, weight: 2 },
            ],
          },
          admin,
        ),
      ),
    ).toBe('VALIDATION');
  });

  it('settings are validated (time zone, hours) and journaled', async () => {
    const s = await t.api('settings:get', {}, admin);
    expect(s.timezone).toBe('Asia/Ho_Chi_Minh');
    expect(await errorCode(t.api('settings:update', { ...s, timezone: 'Mars/Olympus' }, admin))).toBe('VALIDATION');
    expect(
      await errorCode(t.api('settings:update', { ...s, openingHours: { enforced: true, week: { '1': [['25:00', '26:00']] } } }, admin)),
    ).toBe('VALIDATION');
    const saved = await t.api('settings:update', { ...s, centerName: 'Trung tâm Phục vụ hành chính công tỉnh Quảng Ninh' }, admin);
    expect(saved.centerName).toBe('Trung tâm Phục vụ hành chính công tỉnh Quảng Ninh');
    const kiosk = await t.device('kiosk');
    expect((await t.api('center:get', {}, kiosk)).centerName).toBe('Trung tâm Phục vụ hành chính công tỉnh Quảng Ninh');
    const events = (await t.api('journal:list', { since: 0, limit: 1000 }, admin)).events;
    expect(events.some((e) => e.type === 'config:changed' && e.data.entity === 'settings')).toBe(true);
  });
});

describe('the hall voice', () => {
  it('a sentence the voice pack cannot say is refused with the missing words; one it can is saved', async () => {
    const s = await t.api('settings:get', {}, admin);
    const sentence = 'Xin mời công dân số {so} đến quầy {quay} để làm thủ tục';
    const saved = await t.api('settings:update', { ...s, voice: { ...s.voice, template: sentence } }, admin);
    expect(saved.voice.template).toBe(sentence);

    const res = await fetch(`${t.hub.url}/api/config/settings`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ...s, voice: { ...s.voice, template: 'Trân trọng kính mời công dân số {so} đến quầy {quay}' } }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; details: { message: string }[] } };
    expect(body.error.code).toBe('VOICE_WORDS_MISSING');
    expect(body.error.details[0]!.message).toBe('trân, trọng');
    expect((await t.api('settings:get', {}, admin)).voice.template).toBe(sentence);
  });

  it('what managers type is said: decomposed Unicode, full stops and commas, "Ông/Bà"; only a word truly missing is refused (#23 item 5)', async () => {
    const s = await t.api('settings:get', {}, admin);
    const typed = 'Mời Ông/Bà có số thứ tự {so}, đến quầy số {quay}.'.normalize('NFD');
    const saved = await t.api('settings:update', { ...s, voice: { ...s.voice, template: typed } }, admin);
    expect(saved.voice.template).toBe(typed);
    const preview = await t.api('voice:preview', saved.voice, admin);
    expect(preview.missing).toEqual([]);
    expect(preview.text).toBe('Mời ông bà có số thứ tự một nghìn hai trăm ba mươi tư, đến quầy số năm');
    expect(
      (await t.api('settings:update', { ...s, voice: { ...s.voice, template: defaultTemplate.normalize('NFD') } }, admin)).voice.template,
    ).toBe(defaultTemplate.normalize('NFD'));

    const res = await fetch(`${t.hub.url}/api/config/settings`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        ...s,
        voice: { ...s.voice, template: 'Trân trọng kính mời Ông/Bà, số {so} đến quầy {quay}.'.normalize('NFD') },
      }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; details: { message: string }[] } };
    expect(body.error.code).toBe('VOICE_WORDS_MISSING');
    expect(body.error.details[0]!.message).toBe('trân, trọng');
  });

  it('the speaking TV is a paired hall display, not any number', async () => {
    const s = await t.api('settings:get', {}, admin);
    const speaker = (id: number) => t.api('settings:update', { ...s, voice: { ...s.voice, speakerDeviceId: id } }, admin);
    expect(await errorCode(speaker(9999))).toBe('SPEAKER_NOT_A_DISPLAY');
    const kiosk = await t.api('devices:create', { kind: 'kiosk', name: 'Kiosk', counterId: null }, admin);
    expect(await errorCode(speaker(kiosk.device.id))).toBe('SPEAKER_NOT_A_DISPLAY');
    const tv = await t.api('devices:create', { kind: 'display', name: 'TV sảnh', counterId: null }, admin);
    expect((await speaker(tv.device.id)).voice.speakerDeviceId).toBe(tv.device.id);
    expect(await errorCode(t.api('settings:update', { ...s, voice: { ...s.voice, pack: 'khong-co' } }, admin))).toBe('VOICE_PACK_UNKNOWN');
  });
});

describe('backups', () => {
  it('an on-demand online backup is a complete, consistent database', async () => {
    const kiosk = await t.device('kiosk');
    for (let i = 0; i < 20; i++) await t.api('ticket:issue', { fieldId: await t.fieldId('TP'), priority: false }, kiosk);
    const b = await t.api('backups:create', {}, admin);
    const path = join(t.dir, 'backups', b.file);
    expect(existsSync(path)).toBe(true);
    expect((await t.api('backups:list', {}, admin)).backups.map((x) => x.file)).toContain(b.file);
    const copy = new Database(path, { readonly: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      expect((copy.prepare('SELECT COUNT(*) AS n FROM tickets').get() as { n: number }).n).toBe(20);
    } finally {
      copy.close();
    }
  });
});
