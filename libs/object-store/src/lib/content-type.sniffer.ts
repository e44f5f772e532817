/**
 * Which declared content types are accepted, and whether an object's first bytes agree with
 * the declaration. Presigned uploads let clients write any bytes; this check at completion is
 * what stops an executable declared as image/png from becoming visible.
 */

/** How many leading bytes a check needs (tar's "ustar" magic sits at offset 257). */
export const SNIFF_BYTES = 512;

type Check = (head: Buffer) => boolean;

const bytesAt = (offset: number, ...sig: number[]): Check => (h) => h.length >= offset + sig.length && sig.every((b, i) => h[offset + i] === b);
const asciiAt = (offset: number, text: string): Check => bytesAt(offset, ...Buffer.from(text, 'latin1'));
const anyOf = (...checks: Check[]): Check => (h) => checks.some((c) => c(h));
const allOf = (...checks: Check[]): Check => (h) => checks.every((c) => c(h));

const ZIP = anyOf(bytesAt(0, 0x50, 0x4b, 0x03, 0x04), bytesAt(0, 0x50, 0x4b, 0x05, 0x06));
const OLE2 = bytesAt(0, 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1);
const ISO_BMFF = asciiAt(4, 'ftyp');
const EBML = bytesAt(0, 0x1a, 0x45, 0xdf, 0xa3);
const riff = (form: string) => allOf(asciiAt(0, 'RIFF'), asciiAt(8, form));
// MPEG audio frame sync: 11 set bits.
const MP3_FRAME: Check = (h) => h.length >= 2 && h[0] === 0xff && (h[1] & 0xe0) === 0xe0;

const BINARY: Record<string, Check> = {
  'image/png': bytesAt(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a),
  'image/jpeg': bytesAt(0, 0xff, 0xd8, 0xff),
  'image/gif': anyOf(asciiAt(0, 'GIF87a'), asciiAt(0, 'GIF89a')),
  'image/webp': riff('WEBP'),
  'image/bmp': asciiAt(0, 'BM'),
  'image/tiff': anyOf(bytesAt(0, 0x49, 0x49, 0x2a, 0x00), bytesAt(0, 0x4d, 0x4d, 0x00, 0x2a)),
  'image/avif': ISO_BMFF,
  'image/heic': ISO_BMFF,
  'application/pdf': asciiAt(0, '%PDF-'),
  'application/zip': ZIP,
  'application/epub+zip': ZIP,
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ZIP,
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ZIP,
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': ZIP,
  'application/vnd.oasis.opendocument.text': ZIP,
  'application/vnd.oasis.opendocument.spreadsheet': ZIP,
  'application/vnd.oasis.opendocument.presentation': ZIP,
  'application/msword': OLE2,
  'application/vnd.ms-excel': OLE2,
  'application/vnd.ms-powerpoint': OLE2,
  'application/gzip': bytesAt(0, 0x1f, 0x8b),
  'application/x-7z-compressed': bytesAt(0, 0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c),
  'application/vnd.rar': asciiAt(0, 'Rar!\x1a\x07'),
  'application/x-tar': asciiAt(257, 'ustar'),
  'audio/mpeg': anyOf(asciiAt(0, 'ID3'), MP3_FRAME),
  'audio/wav': riff('WAVE'),
  'audio/ogg': asciiAt(0, 'OggS'),
  'audio/flac': asciiAt(0, 'fLaC'),
  'audio/mp4': ISO_BMFF,
  'audio/webm': EBML,
  'video/mp4': ISO_BMFF,
  'video/quicktime': anyOf(ISO_BMFF, asciiAt(4, 'moov'), asciiAt(4, 'mdat'), asciiAt(4, 'wide')),
  'video/webm': EBML,
  'video/x-matroska': EBML,
  'video/ogg': asciiAt(0, 'OggS'),
  'video/x-msvideo': riff('AVI '),
};

/** Text types have no magic number: the sample must be UTF-8 without NUL bytes. */
const TEXT = new Set([
  'text/plain',
  'text/csv',
  'text/markdown',
  'text/tab-separated-values',
  'text/calendar',
  'application/json',
  'application/xml',
  'text/xml',
  'image/svg+xml',
]);

/** Generic binary: nothing to verify, and always downloaded as an attachment. */
const OPAQUE = 'application/octet-stream';

const ALIASES: Record<string, string> = {
  'image/jpg': 'image/jpeg',
  'application/x-gzip': 'application/gzip',
  'application/x-zip-compressed': 'application/zip',
  'application/x-rar-compressed': 'application/vnd.rar',
  'audio/x-wav': 'audio/wav',
  'audio/wave': 'audio/wav',
  'audio/mp3': 'audio/mpeg',
  'audio/x-m4a': 'audio/mp4',
  'audio/x-flac': 'audio/flac',
};

export const SUPPORTED_CONTENT_TYPES: readonly string[] = [...Object.keys(BINARY), ...TEXT, OPAQUE].sort();

/** The canonical form of a declared type (essence, lower-case, aliases resolved), or null when unsupported. */
export function normalizeContentType(raw: string): string | null {
  const essence = raw.split(';')[0].trim().toLowerCase();
  const canonical = ALIASES[essence] ?? essence;
  return canonical in BINARY || TEXT.has(canonical) || canonical === OPAQUE ? canonical : null;
}

export function isTextContentType(contentType: string): boolean {
  return TEXT.has(contentType);
}

/**
 * Whether the first bytes of an object (up to SNIFF_BYTES) fit its declared, normalized type.
 * Empty objects fit only types without a signature.
 */
export function matchesContentType(contentType: string, head: Buffer, size: number): boolean {
  if (contentType === OPAQUE) return true;
  if (TEXT.has(contentType)) return size === 0 || looksLikeUtf8Text(head, head.length < size);
  const check = BINARY[contentType];
  return size > 0 && check !== undefined && check(head);
}

/** The sample may end inside a multi-byte character when it was cut from a longer object. */
function looksLikeUtf8Text(sample: Buffer, truncated: boolean): boolean {
  if (sample.includes(0)) return false;
  let end = sample.length;
  if (truncated) {
    // Drop a partial sequence at the end: back up over continuation bytes to the lead byte.
    let i = end - 1;
    while (i >= 0 && end - i <= 3 && (sample[i] & 0xc0) === 0x80) i--;
    if (i >= 0 && sample[i] >= 0xc0) {
      const needed = sample[i] >= 0xf0 ? 4 : sample[i] >= 0xe0 ? 3 : 2;
      if (end - i < needed) end = i;
    }
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}
