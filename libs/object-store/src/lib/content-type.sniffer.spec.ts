import { matchesContentType, normalizeContentType, SUPPORTED_CONTENT_TYPES } from './content-type.sniffer';

const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const pdf = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3', 'latin1');
const elf = Buffer.from('7f454c46020101000000000000000000', 'hex');
const tar = Buffer.concat([Buffer.alloc(257), Buffer.from('ustar\x0000')]);

describe('content type sniffing', () => {
  it('normalizes declared types: essence, case, parameters and aliases; unknown types are refused', () => {
    expect(normalizeContentType('Image/JPG')).toBe('image/jpeg');
    expect(normalizeContentType('text/plain; charset=UTF-8')).toBe('text/plain');
    expect(normalizeContentType('application/x-msdownload')).toBeNull();
    expect(normalizeContentType('text/html')).toBeNull();
    expect(SUPPORTED_CONTENT_TYPES).toContain('application/octet-stream');
  });

  it('accepts bytes that carry the declared signature and refuses others', () => {
    expect(matchesContentType('image/png', png, 1000)).toBe(true);
    expect(matchesContentType('application/pdf', pdf, 1000)).toBe(true);
    expect(matchesContentType('application/x-tar', tar, 1024)).toBe(true);
    expect(matchesContentType('image/png', elf, 1000)).toBe(false);
    expect(matchesContentType('application/pdf', png, 1000)).toBe(false);
    expect(matchesContentType('image/jpeg', Buffer.from([0xff, 0xd8]), 2)).toBe(false);
    expect(matchesContentType('image/png', Buffer.alloc(0), 0)).toBe(false);
  });

  it('treats text as UTF-8 without NUL bytes, tolerating a character cut at the end of the sample', () => {
    expect(matchesContentType('text/plain', Buffer.from('héllo wörld'), 13)).toBe(true);
    expect(matchesContentType('text/csv', Buffer.alloc(0), 0)).toBe(true);
    expect(matchesContentType('text/plain', elf, 16)).toBe(false);
    expect(matchesContentType('text/plain', Buffer.from([0x61, 0xc3, 0x28]), 3)).toBe(false);
    const cut = Buffer.from('abc€').subarray(0, 5); // the euro sign is 3 bytes; 2 of them made it
    expect(matchesContentType('text/plain', cut, 100)).toBe(true);
    expect(matchesContentType('text/plain', cut, 5)).toBe(false);
  });

  it('lets application/octet-stream through unchecked', () => {
    expect(matchesContentType('application/octet-stream', elf, 16)).toBe(true);
  });
});
