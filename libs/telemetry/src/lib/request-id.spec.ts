import { requestIdFrom } from './request-id';

describe('requestIdFrom', () => {
  it('keeps a sane incoming id', () => {
    expect(requestIdFrom({ headers: { 'x-request-id': 'abc-123.x:y_z' } })).toBe('abc-123.x:y_z');
  });
  it.each([undefined, '', 'has space', 'a'.repeat(129), 'line\nbreak', '<script>'])('replaces %p with a UUID', (value) => {
    expect(requestIdFrom({ headers: { 'x-request-id': value } })).toMatch(/^[0-9a-f-]{36}$/);
  });
});
