import { createHash, createHmac } from 'node:crypto';

export interface PresignRequest {
  method: 'GET' | 'PUT';
  /** Origin the client will send the request to (its host is signed). */
  endpoint: URL;
  bucket: string;
  key: string;
  region: string;
  accessKey: string;
  secretKey: string;
  expiresSeconds: number;
  /** Headers the client must send with exactly these values (lower-case names), besides host. */
  headers?: Record<string, string>;
  now?: Date;
}

const ALGORITHM = 'AWS4-HMAC-SHA256';

/** RFC 3986 encoding as SigV4 wants it (unreserved characters stay, everything else %XX). */
function encode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();

/**
 * A SigV4 query-string presigned URL (path-style) that also signs the given headers. The
 * `minio` client never signs Content-Type or Content-Length into presigned URLs; signing them
 * makes S3/MinIO refuse a PUT whose type or size differs from what the service agreed to,
 * which is how a plain PUT (no multipart form to parse) can still bind type and size.
 */
export function presignV4(request: PresignRequest): string {
  const now = request.now ?? new Date();
  const amzDate = now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const scope = `${day}/${request.region}/s3/aws4_request`;
  const host = request.endpoint.host; // includes a non-default port, as the client's Host header will
  const headers: Record<string, string> = { ...request.headers, host };
  const names = Object.keys(headers).map((n) => n.toLowerCase()).sort();
  const signedHeaders = names.join(';');
  const path = `/${encode(request.bucket)}/${request.key.split('/').map(encode).join('/')}`;
  const query = [
    ['X-Amz-Algorithm', ALGORITHM],
    ['X-Amz-Credential', `${request.accessKey}/${scope}`],
    ['X-Amz-Date', amzDate],
    ['X-Amz-Expires', String(request.expiresSeconds)],
    ['X-Amz-SignedHeaders', signedHeaders],
  ]
    .map(([k, v]) => `${encode(k)}=${encode(v)}`)
    .sort()
    .join('&');
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v.trim().replace(/ +/g, ' ')]));
  const canonicalHeaders = names.map((n) => `${n}:${lower[n]}\n`).join('');
  const canonicalRequest = [request.method, path, query, canonicalHeaders, signedHeaders, 'UNSIGNED-PAYLOAD'].join('\n');
  const stringToSign = [ALGORITHM, amzDate, scope, createHash('sha256').update(canonicalRequest).digest('hex')].join('\n');
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${request.secretKey}`, day), request.region), 's3'), 'aws4_request');
  const signature = createHmac('sha256', signingKey).update(stringToSign).digest('hex');
  return `${request.endpoint.origin}${path}?${query}&X-Amz-Signature=${signature}`;
}
