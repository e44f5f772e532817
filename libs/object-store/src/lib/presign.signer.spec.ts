import { Client } from 'minio';
import { presignV4 } from './presign.signer';

const credentials = { accessKey: 'AKIAIOSFODNN7EXAMPLE', secretKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const now = new Date('2025-11-21T12:34:56Z');

describe('presignV4', () => {
  it('produces exactly what the minio client signs when only the host is signed', async () => {
    for (const origin of ['http://127.0.0.1:9000', 'https://files.example.com']) {
      const endpoint = new URL(origin);
      const minio = new Client({
        endPoint: endpoint.hostname,
        port: endpoint.port ? Number(endpoint.port) : 443,
        useSSL: endpoint.protocol === 'https:',
        region: 'us-east-1',
        pathStyle: true,
        ...credentials,
      });
      const key = 'storage/ws/root/a file (1).txt';
      const expected = await minio.presignedUrl('GET', 'wealist-files', key, 300, {}, now);
      expect(presignV4({ method: 'GET', endpoint, bucket: 'wealist-files', key, region: 'us-east-1', expiresSeconds: 300, now, ...credentials })).toBe(expected);
    }
  });

  it('signs content type and length into a PUT, so other values break the signature', () => {
    const base = { method: 'PUT' as const, endpoint: new URL('http://localhost:9000'), bucket: 'b', key: 'k', region: 'us-east-1', expiresSeconds: 60, now, ...credentials };
    const url = new URL(presignV4({ ...base, headers: { 'content-type': 'image/png', 'content-length': '10' } }));
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('content-length;content-type;host');
    const other = new URL(presignV4({ ...base, headers: { 'content-type': 'image/png', 'content-length': '11' } }));
    expect(other.searchParams.get('X-Amz-Signature')).not.toBe(url.searchParams.get('X-Amz-Signature'));
    expect(url.toString()).not.toContain(credentials.secretKey);
  });
});
