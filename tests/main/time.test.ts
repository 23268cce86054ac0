import { describe, expect, it } from 'vitest';
import { isOpenAt, localClockOf, nextOpening, serviceDayOf } from '../../main/base/time.ts';
import { FailureLimiter } from '../../main/base/rateLimit.ts';
import { hashPassword, verifyPassword } from '../../main/base/passwords.ts';

const HCM = 'Asia/Ho_Chi_Minh';
const hours = {
  enforced: true,
  week: {
    '1': [
      ['07:30', '11:30'],
      ['13:30', '17:00'],
    ] as [string, string][],
  },
};

describe('service day and opening hours', () => {
  it.each([
    ['2026-11-23T16:59:59Z', '2026-11-23'],
    ['2026-11-23T17:00:00Z', '2026-11-24'],
    ['2026-12-31T17:00:00Z', '2027-01-01'],
    ['2026-11-22T23:00:00Z', '2026-11-23'],
  ])('%s is service day %s in Hà Nội', (iso, day) => {
    expect(serviceDayOf(Date.parse(iso), HCM)).toBe(day);
  });

  it('the next opening: later today, after lunch, next week; none when hours are not enforced', () => {
    const at = (iso: string) => nextOpening(Date.parse(iso), HCM, hours);
    // Monday 23 Nov 2026, 06:00 in Hà Nội → 07:30 the same morning.
    expect(at('2026-11-22T23:00:00Z')).toBe(Date.parse('2026-11-23T00:30:00Z'));
    // Monday 12:00 (lunch) → 13:30.
    expect(at('2026-11-23T05:00:00Z')).toBe(Date.parse('2026-11-23T06:30:00Z'));
    // Monday 18:00, only Mondays open → next Monday 07:30.
    expect(at('2026-11-23T11:00:00Z')).toBe(Date.parse('2026-11-30T00:30:00Z'));
    expect(nextOpening(Date.parse('2026-11-23T11:00:00Z'), HCM, { ...hours, enforced: false })).toBeNull();
    expect(nextOpening(Date.parse('2026-11-23T11:00:00Z'), HCM, { enforced: true, week: {} })).toBeNull();
  });

  it('other time zones are honoured', () => {
    expect(serviceDayOf(Date.parse('2026-11-23T16:59:59Z'), 'UTC')).toBe('2026-11-23');
    expect(localClockOf(Date.parse('2026-11-23T00:30:00Z'), HCM)).toEqual({ weekday: 1, minutes: 7 * 60 + 30 });
  });

  it.each([
    ['2026-11-23T00:29:00Z', false], // Mon 07:29
    ['2026-11-23T00:30:00Z', true], // Mon 07:30
    ['2026-11-23T04:29:00Z', true], // 11:29
    ['2026-11-23T04:30:00Z', false], // 11:30 lunch
    ['2026-11-23T06:30:00Z', true], // 13:30
    ['2026-11-23T10:00:00Z', false], // 17:00
    ['2026-11-24T02:00:00Z', false], // Tuesday: no hours set
  ])('open at %s: %s', (iso, open) => {
    expect(isOpenAt(Date.parse(iso), HCM, hours)).toBe(open);
    expect(isOpenAt(Date.parse(iso), HCM, { ...hours, enforced: false })).toBe(true);
  });
});

describe('login failure limiter', () => {
  it('blocks after the maximum failures and frees the key when the window passes', () => {
    const l = new FailureLimiter(3, 60_000);
    for (let i = 0; i < 3; i++) {
      expect(l.retryAfter('a', 1000 + i)).toBe(0);
      l.fail('a', 1000 + i);
    }
    expect(l.retryAfter('a', 1003)).toBe(60_000 - 3);
    expect(l.retryAfter('b', 1003)).toBe(0);
    expect(l.retryAfter('a', 61_001)).toBe(0);
    l.fail('a', 70_000);
    l.succeed('a');
    expect(l.retryAfter('a', 70_001)).toBe(0);
  });
});

describe('password hashes', () => {
  it('scrypt hashes verify, are salted, and reject other passwords (Vietnamese NFC/NFD alike)', async () => {
    const a = await hashPassword('Mật khẩu 123');
    const b = await hashPassword('Mật khẩu 123');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(await verifyPassword('Mật khẩu 123', a)).toBe(true);
    expect(await verifyPassword('Mật khẩu 123'.normalize('NFD'), a)).toBe(true);
    expect(await verifyPassword('Mat khau 123', a)).toBe(false);
    expect(await verifyPassword('x', 'garbage')).toBe(false);
  });
});
