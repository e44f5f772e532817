import { tokenOf } from './socket-auth';

const handshake = (auth: Record<string, unknown>, headers: Record<string, string> = {}, query: Record<string, string> = {}) => ({ auth, headers, query });

describe('tokenOf', () => {
  it('prefers auth.token, then the Authorization header, then ?token=', () => {
    expect(tokenOf(handshake({ token: 'a' }, { authorization: 'Bearer b' }, { token: 'c' }))).toBe('a');
    expect(tokenOf(handshake({ token: 'Bearer a' }))).toBe('a');
    expect(tokenOf(handshake({}, { authorization: 'Bearer b' }, { token: 'c' }))).toBe('b');
    expect(tokenOf(handshake({}, { authorization: 'Basic x' }, { token: 'c' }))).toBe('c');
    expect(tokenOf(handshake({ token: 5 }))).toBeNull();
  });
});
