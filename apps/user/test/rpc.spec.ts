import { HttpException } from '@nestjs/common';
import { generateApiKey, hashApiKeySecret } from '@wealist/auth-guard';
import { NamespacedRedisClient, RpcClient, transportOptions, UserRpc } from '@wealist/messaging';
import { TEST_REDIS_URL } from '@wealist/testing';
import { randomUUID } from 'node:crypto';
import { UserTestContext } from './support/user-test-context';

describe('user service: RPC over the Redis bus', () => {
  let ctx: UserTestContext;
  let rpc: RpcClient;

  beforeAll(async () => {
    ctx = await UserTestContext.start('user_rpc');
    const bus = { url: TEST_REDIS_URL, db: 6, namespace: ctx.namespace };
    rpc = new RpcClient(new NamespacedRedisClient(bus.namespace, transportOptions(bus)), 3_000);
  });
  afterAll(async () => {
    await rpc.onApplicationShutdown();
    await ctx.stop();
  });

  it('creates users, finds credentials case-insensitively and refuses duplicates with 409', async () => {
    const user = await rpc.call(UserRpc.createUser, { email: 'Bob@Example.com', name: 'Bob', passwordHash: '$argon2id$fake' });
    expect(user).toMatchObject({ email: 'bob@example.com', name: 'Bob', planTier: 'free' });
    expect(await rpc.call(UserRpc.findCredentials, { email: 'BOB@example.com' })).toMatchObject({ id: user.id, passwordHash: '$argon2id$fake' });
    expect(await rpc.call(UserRpc.findCredentials, { email: 'nobody@example.com' })).toBeNull();
    await expect(rpc.call(UserRpc.createUser, { email: 'bob@example.com', name: 'B2', passwordHash: 'x' })).rejects.toMatchObject({ status: 409 });
  });

  it('answers workspace roles for other services', async () => {
    const owner = await ctx.user();
    const res = await ctx.fetch('/api/users/workspaces', { method: 'POST', headers: owner.auth, json: { name: 'W' } });
    const { id } = (await res.json()) as { id: string };
    expect(await rpc.call(UserRpc.workspaceRole, { workspaceId: id, userId: owner.user.id })).toEqual({ role: 'owner' });
    expect(await rpc.call(UserRpc.workspaceRole, { workspaceId: id, userId: randomUUID() })).toEqual({ role: null });
    expect(await rpc.call(UserRpc.workspaceRole, { workspaceId: 'not-a-uuid', userId: owner.user.id })).toEqual({ role: null });
  });

  it('links OpenID identities: same identity same user, verified email links, unverified email does not', async () => {
    const existing = await rpc.call(UserRpc.createUser, { email: 'carol@example.com', name: 'Carol', passwordHash: 'h' });
    const unverified = rpc.call(UserRpc.linkOidcIdentity, { provider: 'kc', subject: 's-evil', email: 'carol@example.com', emailVerified: false, name: null });
    await expect(unverified).rejects.toBeInstanceOf(HttpException);
    const linked = await rpc.call(UserRpc.linkOidcIdentity, { provider: 'kc', subject: 's-1', email: 'carol@example.com', emailVerified: true, name: 'C' });
    expect(linked.id).toBe(existing.id);
    const again = await rpc.call(UserRpc.linkOidcIdentity, { provider: 'kc', subject: 's-1', email: 'changed@example.com', emailVerified: true, name: 'C' });
    expect(again.id).toBe(existing.id);
    const fresh = await rpc.call(UserRpc.linkOidcIdentity, { provider: 'kc', subject: 's-2', email: 'dave@example.com', emailVerified: true, name: 'Dave' });
    expect(fresh).toMatchObject({ email: 'dave@example.com', name: 'Dave' });
    expect((await rpc.call(UserRpc.findCredentials, { email: 'dave@example.com' }))?.passwordHash).toBeNull();
  });

  it('resolves API keys for the guard fallback and authenticates X-API-Key through it', async () => {
    const owner = await ctx.user();
    const key = generateApiKey();
    await rpc.call(UserRpc.createApiKey, { userId: owner.user.id, keyId: key.keyId, name: 'ci', prefix: key.prefix, secretHash: hashApiKeySecret(key.secret) });
    const resolved = await rpc.call(UserRpc.resolveApiKey, { keyId: key.keyId });
    expect(resolved).toMatchObject({ keyId: key.keyId, revoked: false, user: { id: owner.user.id } });

    // No Redis index entry was written, so the guard asks the user service over the bus.
    const ok = await ctx.fetch('/api/users/me', { headers: { 'x-api-key': key.key } });
    expect(ok.status).toBe(200);
    const wrongSecret = key.key.slice(0, -4) + '0000';
    expect((await ctx.fetch('/api/users/me', { headers: { 'x-api-key': wrongSecret } })).status).toBe(401);

    const revoked = await rpc.call(UserRpc.revokeApiKey, { userId: owner.user.id, keyId: key.keyId });
    expect(revoked.revokedAt).not.toBeNull();
    expect((await ctx.fetch('/api/users/me', { headers: { 'x-api-key': key.key } })).status).toBe(401);
    await expect(rpc.call(UserRpc.revokeApiKey, { userId: randomUUID(), keyId: key.keyId })).rejects.toMatchObject({ status: 404 });
  });
});
