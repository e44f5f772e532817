import { BadRequestException } from '@nestjs/common';
import { decodeCursor, encodeCursor, page } from './cursor';

describe('cursors', () => {
  it('round-trips the sort key', () => {
    expect(decodeCursor(encodeCursor({ number: 12 }), ['number'])).toEqual({ number: 12 });
  });

  it.each(['', 'not-base64!', Buffer.from('[1]').toString('base64url'), encodeCursor({ other: 1 }), Buffer.from('{"number":null}').toString('base64url')])(
    'refuses %p with 400',
    (cursor) => expect(() => decodeCursor(cursor, ['number'])).toThrow(BadRequestException),
  );

  it('pages a limit+1 fetch', () => {
    expect(page([1, 2, 3], 2, (n) => ({ n }))).toEqual({ items: [1, 2], nextCursor: encodeCursor({ n: 2 }) });
    expect(page([1, 2], 2, (n) => ({ n }))).toEqual({ items: [1, 2], nextCursor: null });
  });
});
