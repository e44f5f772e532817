import { compareIds } from './consumer-group';

describe('stream id order', () => {
  it('compares ids numerically by time, then sequence', () => {
    const ids = ['1700000000000-10', '1700000000000-2', '999999999999-5', '1700000000001-0'];
    expect([...ids].sort(compareIds)).toEqual(['999999999999-5', '1700000000000-2', '1700000000000-10', '1700000000001-0']);
    expect(compareIds('5-5', '5-5')).toBe(0);
  });
});
