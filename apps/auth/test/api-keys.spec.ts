import { AuthTestContext, bearer, type TokenPair } from './support/auth-test-context';

interface CreatedKey {
  id: string;
  key: string;
  name: string;
  prefix: string;
}

describe('auth service: API keys', () => {
  let ctx: AuthTestContext;
  let owner: TokenPair;

  const api = (method: string, path: string, headers: Record<string, string>, json?: unknown) =>
    fetch(`${ctx.authUrl}/api/auth/api-keys${path}`, {
      method,
      headers: { ...headers, ...(json === undefined ? {} : { 'content-type': 'application/json' }) },
      body: json === undefined ? undefined : JSON.stringify(json),
    });

  beforeAll(async () => {
    ctx = await AuthTestContext.start('apikeys');
    owner = await ctx.register('keys@example.com');
  }, 60_000);
  afterAll(() => ctx.stop());

  it('shows the secret once, authenticates X-API-Key on another service, and revokes at once', async () => {
    const created = await api('POST', '', bearer(owner.accessToken), { name: 'deploy bot' });
    expect(created.status).toBe(201);
    const key = (await created.json()) as CreatedKey;
    expect(key.key).toMatch(/^wl_[0-9a-f-]{36}_[0-9a-f]{64}$/);
    expect(key.key.startsWith(key.prefix)).toBe(true);

    const list = (await (await api('GET', '', bearer(owner.accessToken))).json()) as Record<string, unknown>[];
    expect(list).toEqual([expect.objectContaining({ id: key.id, name: 'deploy bot', revokedAt: null })]);
    expect(JSON.stringify(list)).not.toContain(key.key.slice(14));

    const me = await ctx.me({ 'x-api-key': key.key });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { email: string }).email).toBe('keys@example.com');

    // A key cannot mint more keys.
    expect((await api('POST', '', { 'x-api-key': key.key }, { name: 'escalate' })).status).toBe(403);

    expect((await api('DELETE', `/${key.id}`, bearer(owner.accessToken))).status).toBe(204);
    expect((await ctx.me({ 'x-api-key': key.key })).status).toBe(401);
    const after = (await (await api('GET', '', bearer(owner.accessToken))).json()) as { revokedAt: string | null }[];
    expect(after[0].revokedAt).not.toBeNull();
  });

  it("cannot revoke someone else's key, and validates input", async () => {
    const other = await ctx.register('other@example.com');
    const key = (await (await api('POST', '', bearer(owner.accessToken), { name: 'mine' })).json()) as CreatedKey;
    expect((await api('DELETE', `/${key.id}`, bearer(other.accessToken))).status).toBe(404);
    expect((await ctx.me({ 'x-api-key': key.key })).status).toBe(200);
    expect((await api('DELETE', '/not-a-uuid', bearer(owner.accessToken))).status).toBe(400);
    const bad = await api('POST', '', bearer(owner.accessToken), { name: '' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(/name/);
    expect((await api('GET', '', {})).status).toBe(401);
  });
});
