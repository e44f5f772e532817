import { ServiceUnavailableException } from '@nestjs/common';
import { loadEnv } from '@wealist/config';
import { ObjectStore } from './object-store';
import { objectStoreEnvSpec, objectStoreSettings } from './object-store.config';

// Presigning is offline with a fixed region, so these run without any S3 server.
const store = new ObjectStore(
  objectStoreSettings({
    S3_ENDPOINT: 'http://minio:9000',
    S3_PUBLIC_ENDPOINT: 'https://files.example.com',
    S3_BUCKET: 'wealist-files',
    S3_REGION: 'us-east-1',
    S3_ACCESS_KEY: 'AKIDEXAMPLE',
    S3_SECRET_KEY: 'wJalrXUtnFEMI/K7MDENG',
  }),
);
// Presigned POST needs the bucket to exist; pretend ensureBucket already ran.
(store as unknown as { bucketReady: boolean }).bucketReady = true;

describe('ObjectStore presigning', () => {
  it('signs a POST policy that binds bucket, key, exact content type, size range and expiry', async () => {
    const before = Date.now();
    const post = await store.presignPost('storage/w/f/file-1', { contentType: 'image/png', minSize: 10, maxSize: 10, ttlSeconds: 600 });
    expect(post.url).toBe('https://files.example.com/wealist-files');
    expect(post.fields).toMatchObject({ key: 'storage/w/f/file-1', 'Content-Type': 'image/png', bucket: 'wealist-files' });
    const policy = JSON.parse(Buffer.from(post.fields['policy'], 'base64').toString('utf8')) as { expiration: string; conditions: unknown[] };
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        ['eq', '$bucket', 'wealist-files'],
        ['eq', '$key', 'storage/w/f/file-1'],
        ['eq', '$Content-Type', 'image/png'],
        ['content-length-range', 10, 10],
      ]),
    );
    expect(new Date(policy.expiration).getTime()).toBeGreaterThanOrEqual(before + 599_000);
    expect(post.fields['x-amz-signature']).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(post)).not.toContain('wJalrXUtnFEMI');
  });

  it('signs downloads for the public endpoint with the original name as an attachment', async () => {
    const { url } = await store.presignGet('storage/w/f/file-1', { fileName: 'plan "v2".pdf', contentType: 'application/pdf', ttlSeconds: 300 });
    const parsed = new URL(url);
    expect(parsed.origin).toBe('https://files.example.com');
    expect(parsed.pathname).toBe('/wealist-files/storage/w/f/file-1');
    expect(parsed.searchParams.get('X-Amz-Expires')).toBe('300');
    expect(parsed.searchParams.get('response-content-disposition')).toBe(`attachment; filename="plan _v2_.pdf"; filename*=UTF-8''plan%20%22v2%22.pdf`);
    expect(parsed.searchParams.get('response-content-type')).toBe('application/pdf');
  });

  it('answers 503 on every call when no credentials are configured', async () => {
    const off = new ObjectStore(null);
    expect(off.configured).toBe(false);
    await expect(off.stat('x')).rejects.toBeInstanceOf(ServiceUnavailableException);
    await expect(off.presignGet('x', { fileName: 'x', ttlSeconds: 60 })).rejects.toThrow('Object storage is not configured');
  });
});

describe('object store env', () => {
  it('refuses an endpoint with a path, since path-style signing puts the bucket first', () => {
    expect(() => loadEnv(objectStoreEnvSpec(), { S3_ACCESS_KEY: 'a', S3_SECRET_KEY: 'b', S3_PUBLIC_ENDPOINT: 'http://localhost/s3' })).toThrow(
      /S3_PUBLIC_ENDPOINT must be an origin/,
    );
    expect(() => loadEnv(objectStoreEnvSpec(), {})).toThrow(/S3_ACCESS_KEY is required; S3_SECRET_KEY is required/);
  });
});
