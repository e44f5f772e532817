import { can, mayModerate, parseCachedRole } from './role-policy';

describe('role policy', () => {
  it('lets every member read and work, and only owners and admins manage', () => {
    expect(['owner', 'admin', 'member'].map((r) => can(r as never, 'work'))).toEqual([true, true, true]);
    expect(['owner', 'admin', 'member'].map((r) => can(r as never, 'manage'))).toEqual([true, true, false]);
  });

  it('lets authors and managers moderate, other members not', () => {
    expect(mayModerate('member', 'a', 'a')).toBe(true);
    expect(mayModerate('member', 'a', 'b')).toBe(false);
    expect(mayModerate('admin', 'a', 'b')).toBe(true);
  });

  it('reads only known cached values', () => {
    expect(['owner', 'none', '?', 'king', null].map(parseCachedRole)).toEqual(['owner', 'none', '?', null, null]);
  });
});
