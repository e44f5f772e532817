import { attachmentKey, cleanFileName } from './attachment-key';

describe('attachment keys and names', () => {
  it('puts attachments under the board prefix of the platform layout', () => {
    expect(attachmentKey('b1', 'a1')).toBe('boards/b1/attachments/a1');
  });

  it('keeps the base name only, without control characters', () => {
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('C:\\Users\\me\\report.pdf')).toBe('report.pdf');
    expect(cleanFileName('a\u0000b\nc.txt')).toBe('abc.txt');
    expect(cleanFileName('..')).toBe('file');
    expect(cleanFileName('résumé.pdf')).toBe('résumé.pdf');
  });
});
