/**
 * A Content-Disposition value (RFC 6266) that carries any file name safely: an ASCII fallback
 * in `filename` for old clients and the exact UTF-8 name in `filename*` (RFC 8187). Quotes,
 * backslashes, control characters and path separators never reach the header unescaped, so a
 * stored name cannot inject header parameters or make a browser write outside its folder.
 */
export function contentDisposition(fileName: string, type: 'attachment' | 'inline' = 'attachment'): string {
  const fallback = asciiFallback(fileName);
  const encoded = encodeRfc8187(fileName);
  return `${type}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

function asciiFallback(name: string): string {
  const safe = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^\x20-\x7e]|["\\/%]/g, '_');
  return safe.trim() || 'download';
}

/** Percent-encodes everything outside RFC 8187's attr-char set. */
function encodeRfc8187(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
