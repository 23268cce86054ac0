import { describe, expect, it } from 'vitest';
import { median, nearestRank } from '../../main/base/ranks.ts';

describe('median and nearest rank (queue pace, reports and benchmarks share them)', () => {
  it('median: the middle value, the mean of the two middle ones, null for none; input order does not matter', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
    expect(median(Int32Array.from([1, 2, 10, 20]), { sorted: true })).toBe(6);
    const values = [9, 2, 7];
    median(values);
    expect(values).toEqual([9, 2, 7]); // the caller's array is not sorted in place
  });

  it('nearest rank: the smallest value with at least that share at or below it', () => {
    const ten = [10, 1, 9, 2, 8, 3, 7, 4, 6, 5];
    expect(nearestRank(ten, 0.9)).toBe(9);
    expect(nearestRank(ten, 0.91)).toBe(10);
    expect(nearestRank(ten, 0)).toBe(1);
    expect(nearestRank(ten, 1)).toBe(10);
    expect(nearestRank([], 0.5)).toBeNull();
  });
});
