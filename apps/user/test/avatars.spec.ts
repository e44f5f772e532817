import { freePort } from '@wealist/testing';
import { postForm, startTestS3Server, type TestS3Server } from '@wealist/object-store/testing';
import { randomBytes } from 'node:crypto';
import { expectError, UserTestContext, type TestUser } from './support/user-test-context';

// Each file boots its own databases, S3/LiveKit stand-ins and a user service process.
jest.setTimeout(60_000);

interface Upload {
  key: string;
  url: string;
  fields: Record<string, string>;
}

const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), randomBytes(1000)]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(800)]);

// Avatars through presigned URLs against a real S3 server process (s3rver).
describe('user service: avatars', () => {
  let s3: TestS3Server;
  let ctx: UserTestContext;
  let alice: TestUser;
  const bucket = 'wealist-avatars-test';

  const stored = async (key: string) => (await fetch(`${s3.endpoint}/${bucket}/${key}`, { method: 'HEAD' })).status;
  const upload = async (who: TestUser, bytes: Buffer, contentType: string) => {
    const res = await ctx.fetch('/api/users/me/avatar', { method: 'POST', headers: who.auth, json: { contentType, size: bytes.length } });
    expect(res.status).toBe(201);
    const body = (await res.json()) as Upload;
    expect((await postForm(body, bytes)).status).toBeLessThan(300);
    return { key: body.key, complete: await ctx.fetch('/api/users/me/avatar/complete', { method: 'POST', headers: who.auth, json: { key: body.key } }) };
  };

  beforeAll(async () => {
    s3 = await startTestS3Server(await freePort());
    ctx = await UserTestContext.start('user_avatars', s3.env(bucket));
    alice = await ctx.user({ name: 'Alice' });
  });
  afterAll(async () => {
    await ctx?.stop();
    await s3?.stop();
  });

  it('uploads, verifies and serves an avatar under profiles/{userId}/, replacing the previous one', async () => {
    const first = await upload(alice, PNG, 'image/png');
    expect(first.key).toMatch(new RegExp(`^profiles/${alice.user.id}/avatar\\.[0-9a-f]{16}\\.png$`));
    expect(first.complete.status).toBe(200);
    expect(await first.complete.json()).toMatchObject({ id: alice.user.id, hasAvatar: true });
    const link = (await (await ctx.fetch('/api/users/me/avatar', { headers: alice.auth })).json()) as { url: string };
    const image = await fetch(link.url);
    expect(Buffer.from(await image.arrayBuffer())).toEqual(PNG);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(image.headers.get('content-disposition')).toMatch(/^inline; filename="avatar.png"/);

    const second = await upload(alice, JPEG, 'image/jpeg');
    expect(second.complete.status).toBe(200);
    expect([await stored(first.key), await stored(second.key)]).toEqual([404, 200]);
  });

  it('refuses an image that is not what it claims, and keeps the current avatar', async () => {
    const before = (await (await ctx.fetch('/api/users/me', { headers: alice.auth })).json()) as { hasAvatar: boolean };
    const fake = await upload(alice, Buffer.concat([Buffer.from('MZ'), randomBytes(500)]), 'image/png');
    await expectError(fake.complete, 422, /The file content is not image\/png/);
    expect(await stored(fake.key)).toBe(404);
    expect(before.hasAvatar).toBe(true);
    expect((await ctx.fetch('/api/users/me/avatar', { headers: alice.auth })).status).toBe(200);
  });

  it('accepts back only its own avatar keys, and only within the size limit', async () => {
    const bob = await ctx.user();
    const theirs = await upload(bob, PNG, 'image/png');
    await expectError(await ctx.fetch('/api/users/me/avatar/complete', { method: 'POST', headers: alice.auth, json: { key: theirs.key } }), 400, /not an avatar upload of this user/);
    await expectError(
      await ctx.fetch('/api/users/me/avatar/complete', { method: 'POST', headers: alice.auth, json: { key: `profiles/${alice.user.id}/../${bob.user.id}/avatar.0000000000000000.png` } }),
      400,
    );
    await expectError(await ctx.fetch('/api/users/me/avatar', { method: 'POST', headers: alice.auth, json: { contentType: 'image/png', size: 6 * 1024 * 1024 } }), 413);
    await expectError(await ctx.fetch('/api/users/me/avatar', { method: 'POST', headers: alice.auth, json: { contentType: 'image/svg+xml', size: 10 } }), 400, /contentType must be one of/);
  });

  it('shows avatars to people sharing a workspace and nobody else; deletes on request', async () => {
    const carol = await ctx.user();
    const stranger = await ctx.user();
    const created = await ctx.fetch('/api/users/workspaces', { method: 'POST', headers: alice.auth, json: { name: 'Team' } });
    const { id } = (await created.json()) as { id: string };
    await ctx.fetch(`/api/users/workspaces/${id}/members`, { method: 'POST', headers: alice.auth, json: { email: carol.user.email, role: 'member' } });
    expect((await ctx.fetch(`/api/users/${alice.user.id}/avatar`, { headers: carol.auth })).status).toBe(200);
    await expectError(await ctx.fetch(`/api/users/${alice.user.id}/avatar`, { headers: stranger.auth }), 404, /Avatar not found/);
    await expectError(await ctx.fetch(`/api/users/${carol.user.id}/avatar`, { headers: alice.auth }), 404);

    expect((await ctx.fetch('/api/users/me/avatar', { method: 'DELETE', headers: alice.auth })).status).toBe(204);
    await expectError(await ctx.fetch('/api/users/me/avatar', { headers: alice.auth }), 404);
  });

  it('answers 503 on avatar routes without S3 credentials while the rest of the service works', async () => {
    const bare = await UserTestContext.start('user_no_s3');
    try {
      const someone = await bare.user();
      await expectError(await bare.fetch('/api/users/me/avatar', { method: 'POST', headers: someone.auth, json: { contentType: 'image/png', size: 10 } }), 503, /not configured/);
      expect((await bare.fetch('/api/users/me', { headers: someone.auth })).status).toBe(200);
      expect((await bare.fetch('/health/ready')).status).toBe(200);
    } finally {
      await bare.stop();
    }
  });
});
