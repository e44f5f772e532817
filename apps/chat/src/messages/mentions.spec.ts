import { excerpt, parseMentions } from './mentions';

const a = '0b6f3c2e-5b1a-4c8e-9f1d-2a3b4c5d6e7f';
const b = '1c7a4d3f-6c2b-4d9f-8a2e-3b4c5d6e7f80';
const me = '2d8b5e4a-7d3c-4eaf-9b3f-4c5d6e7f8091';

describe('parseMentions', () => {
  it('finds <@id> and @id mentions once each, in order, never the author', () => {
    expect(parseMentions(`hi <@${a}> and @${b.toUpperCase()}, again <@${a}> and me @${me}`, me)).toEqual([a, b]);
  });

  it('ignores ids inside words, e-mail-like text and broken ids', () => {
    expect(parseMentions(`x@${a} @${a.slice(0, 30)} foo@@${b} @${b}-x`, me)).toEqual([]);
  });
});

describe('excerpt', () => {
  it('flattens whitespace and cuts long text', () => {
    expect(excerpt('a\n\n b  c')).toBe('a b c');
    expect(excerpt('x'.repeat(300))).toHaveLength(200);
  });
});
