import { BadRequestException } from '@nestjs/common';
import { decodeCursor, encodeCursor } from './page.query';

describe('listing cursors', () => {
  it('round-trips a position and refuses anything else with 400', () => {
    const key = { kind: 1, name: 'résumé.pdf', id: '8d3c8a36-3f5e-4c7a-9a65-1f1a0d0f0b11' };
    expect(decodeCursor(encodeCursor(key))).toEqual(key);
    expect(decodeCursor(undefined)).toBeNull();
    for (const bad of ['x', Buffer.from('[2,"a","b"]').toString('base64url'), Buffer.from('{}').toString('base64url')]) {
      expect(() => decodeCursor(bad)).toThrow(BadRequestException);
    }
  });
});
