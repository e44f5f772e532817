import { backoffMs } from './backoff';

describe('backoffMs', () => {
  it('doubles from the base and stops at the cap', () => {
    expect([1, 2, 3, 4, 5].map((a) => backoffMs(a, 100, 1_000))).toEqual([100, 200, 400, 800, 1_000]);
    expect(backoffMs(60, 100, 5_000)).toBe(5_000);
  });
});
