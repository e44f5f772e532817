import { AuthRedisKeys } from '@wealist/auth-guard';
import { generateTestKeys, signTestToken, testRedis, unsignedToken } from '@wealist/testing';
import { randomUUID } from 'node:crypto';
import { expectError, UserTestContext, type TestUser } from './support/user-test-context';

describe('user service: /api/users/me and the auth guard', () => {
  let ctx: UserTestContext;
  let alice: TestUser;

  beforeAll(async () => {
    ctx = await UserTestContext.start('users');
    alice = await ctx.user({ email: 'Alice@Example.com', name: 'Alice' });
  });
  afterAll(() => ctx.stop());

  it('returns the caller', async () => {
    const res = await ctx.fetch('/api/users/me', { headers: alice.auth });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: alice.user.id, email: 'alice@example.com', name: 'Alice', planTier: 'free' });
  });

  it('renames the caller and rejects unknown, wrongly typed and oversized input naming the field', async () => {
    const ok = await ctx.fetch('/api/users/me', { method: 'PATCH', headers: alice.auth, json: { name: 'Alice B' } });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { name: string }).name).toBe('Alice B');

    await expectError(await ctx.fetch('/api/users/me', { method: 'PATCH', headers: alice.auth, json: { name: 'x', admin: true } }), 400, /property admin should not exist/);
    const typed = await expectError(await ctx.fetch('/api/users/me', { method: 'PATCH', headers: alice.auth, json: { name: 42 } }), 400, /name must be a string/);
    expect(typed['errors']).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'name' })]));
    await expectError(await ctx.fetch('/api/users/me', { method: 'PATCH', headers: alice.auth, json: { name: '' } }), 400, /name must be longer than or equal to 1/);
    await expectError(await ctx.fetch('/api/users/me', { method: 'PATCH', headers: alice.auth, json: { name: 'x'.repeat(2_000_000) } }), 413);
    await expectError(
      await ctx.fetch('/api/users/me', { method: 'PATCH', headers: { ...alice.auth, 'content-type': 'application/json' }, body: '{"name":' }),
      400,
    );
    const me = (await (await ctx.fetch('/api/users/me', { headers: alice.auth })).json()) as { name: string };
    expect(me.name).toBe('Alice B');
  });

  describe('refuses bad credentials with 401', () => {
    const cases: [string, () => Promise<Record<string, string>>, RegExp][] = [
      ['no credentials', async () => ({}), /Missing bearer token or API key/],
      ['a malformed token', async () => ({ authorization: 'Bearer not.a.jwt' }), /Invalid access token/],
      ['a non-bearer scheme', async () => ({ authorization: `Basic ${Buffer.from('a:b').toString('base64')}` }), /Bearer/],
      ['an expired token', async () => ({ authorization: `Bearer ${await signTestToken(ctx.keys, { sub: alice.user.id, expiresInSeconds: -60 })}` }), /expired/],
      ['a token signed by another key', async () => ({ authorization: `Bearer ${await signTestToken(await generateTestKeys(), { sub: alice.user.id })}` }), /Invalid access token/],
      ['an alg:none token', async () => ({ authorization: `Bearer ${unsignedToken({ sub: alice.user.id, iss: 'wealist-auth', aud: 'wealist', exp: Math.floor(Date.now() / 1000) + 300, jti: 'x', sid: 'y', token_use: 'access' })}` }), /Invalid access token/],
      ['a wrong audience', async () => ({ authorization: `Bearer ${await signTestToken(ctx.keys, { sub: alice.user.id, audience: 'someone-else' })}` }), /Invalid access token/],
      ['a wrong issuer', async () => ({ authorization: `Bearer ${await signTestToken(ctx.keys, { sub: alice.user.id, issuer: 'evil' })}` }), /Invalid access token/],
      ['a refresh token used as access token', async () => ({ authorization: `Bearer ${await signTestToken(ctx.keys, { sub: alice.user.id, tokenUse: 'refresh' })}` }), /Not an access token/],
      ['a malformed API key', async () => ({ 'x-api-key': 'wl_nope' }), /Invalid API key/],
    ];
    it.each(cases)('%s', async (_name, headers, message) => {
      await expectError(await ctx.fetch('/api/users/me', { headers: await headers() }), 401, message);
    });
  });

  it('refuses a revoked token and every token of a revoked session at once', async () => {
    const redis = testRedis(0, ctx.namespace);
    try {
      const jti = randomUUID();
      const sid = randomUUID();
      const token = await signTestToken(ctx.keys, { sub: alice.user.id, jti, sid });
      const sibling = await signTestToken(ctx.keys, { sub: alice.user.id, sid });
      expect((await ctx.fetch('/api/users/me', { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
      await redis.set(AuthRedisKeys.blacklist(jti), '1', 'EX', 60);
      await expectError(await ctx.fetch('/api/users/me', { headers: { authorization: `Bearer ${token}` } }), 401, /revoked/);
      expect((await ctx.fetch('/api/users/me', { headers: { authorization: `Bearer ${sibling}` } })).status).toBe(200);
      await redis.set(AuthRedisKeys.blacklist(sid), '1', 'EX', 60);
      await expectError(await ctx.fetch('/api/users/me', { headers: { authorization: `Bearer ${sibling}` } }), 401, /revoked/);
    } finally {
      redis.disconnect();
    }
  });

  it('echoes a sane X-Request-Id and replaces an unsafe one', async () => {
    const echoed = await ctx.fetch('/api/users/me', { headers: { ...alice.auth, 'x-request-id': 'req-123' } });
    expect(echoed.headers.get('x-request-id')).toBe('req-123');
    const replaced = await ctx.fetch('/api/users/me', { headers: { ...alice.auth, 'x-request-id': 'bad id\n' .trim() + ' <script>' } });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers unknown routes with the error shape', async () => {
    await expectError(await ctx.fetch('/api/users/nope', { headers: alice.auth }), 404);
  });

  it('serves health, readiness, liveness, metrics and OpenAPI', async () => {
    expect(await (await ctx.fetch('/health')).json()).toEqual({ status: 'healthy' });
    const ready = (await (await ctx.fetch('/health/ready')).json()) as { checks: Record<string, unknown> };
    expect(Object.keys(ready.checks).sort()).toEqual(['auth-state-redis', 'event-bus', 'postgres']);
    expect((await ctx.fetch('/health/live')).status).toBe(200);
    const metrics = await (await ctx.fetch('/metrics')).text();
    expect(metrics).toMatch(/http_requests_total\{[^}]*route="\/api\/users\/me"[^}]*status_code="200"/);
    expect(metrics).toContain('process_resident_memory_bytes');
    const doc = (await (await ctx.fetch('/docs-json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/users/me', '/api/users/workspaces/{id}/members']));
    expect((await ctx.fetch('/docs')).status).toBe(200);
  });

  it('keeps secrets and stack traces out of the logs', async () => {
    await ctx.fetch('/api/users/me', { headers: { authorization: 'Bearer secret-token-value', cookie: 'sid=cookie-secret' } });
    const text = ctx.logs.text;
    expect(text).toContain('"route":"/api/users/me"');
    expect(text).not.toContain('secret-token-value');
    expect(text).not.toContain('cookie-secret');
    expect(text).not.toMatch(/\n\s+at /);
    for (const entry of ctx.logs.entries()) expect(entry).toHaveProperty('level');
  });
});
