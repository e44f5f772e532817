import { contentDisposition } from './content-disposition.format';

describe('contentDisposition', () => {
  it('keeps ASCII names readable and carries the exact UTF-8 name in filename*', () => {
    expect(contentDisposition('report.pdf')).toBe(`attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`);
    expect(contentDisposition('résumé (final).pdf', 'inline')).toBe(
      `inline; filename="resume (final).pdf"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%28final%29.pdf`,
    );
  });

  it('never lets quotes, separators, CR/LF or parameters escape into the header', () => {
    const header = contentDisposition('a"; filename=evil.exe\r\nX-Injected: 1/../x.txt');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header.match(/"/g)).toHaveLength(2);
    expect(header).toContain('filename="a_; filename=evil.exe__X-Injected: 1_.._x.txt"');
    expect(contentDisposition('日本語')).toMatch(/^attachment; filename="___"; filename\*=UTF-8''%E6%97%A5/);
  });
});
