// Dates typed as dd/mm/yyyy and times as 24-hour hh:mm, turned into the wire's ISO forms (#24 item 18).
import { describe, expect, it } from 'vitest';
import { dmyToIso, isoToDmy, maskDate, maskTime, parseTime } from '../../renderer/src/common/dates.ts';

describe('date and time inputs', () => {
  it('reads dd/mm/yyyy, never mm/dd', () => {
    expect(dmyToIso('05/12/2026')).toBe('2026-12-05');
    expect(dmyToIso('5/1/2026')).toBe('2026-01-05');
    expect(dmyToIso('31/12/2026')).toBe('2026-12-31');
    expect(dmyToIso('12/31/2026')).toBeNull(); // an American date is not a day here
    expect(dmyToIso('29/02/2026')).toBeNull();
    expect(dmyToIso('29/02/2028')).toBe('2028-02-29');
    expect(dmyToIso('05/12')).toBeNull();
    expect(isoToDmy('2026-12-05')).toBe('05/12/2026');
    expect(isoToDmy('')).toBe('');
  });

  it('puts the slashes in as digits are typed', () => {
    expect(maskDate('0512')).toBe('05/12');
    expect(maskDate('05122026')).toBe('05/12/2026');
    expect(maskDate('051220261')).toBe('05/12/2026');
    expect(maskDate('5/1/2026')).toBe('5/1/2026');
    expect(maskDate('31/122')).toBe('31/12/2');
    expect(maskDate('31/12/2026')).toBe('31/12/2026');
  });

  it('reads times on the 24-hour clock', () => {
    expect(parseTime('13:30')).toBe('13:30');
    expect(parseTime('7:05')).toBe('07:05');
    expect(parseTime('7h30')).toBe('07:30');
    expect(parseTime('1730')).toBe('17:30');
    expect(parseTime('24:00')).toBeNull();
    expect(parseTime('1:30 PM')).toBeNull();
    expect(maskTime('1730')).toBe('17:30');
    expect(maskTime('7h30')).toBe('7h30');
  });
});
