import { adminQuery } from '@wealist/testing';
import { decodeJwt } from 'jose';
import { AuthTestContext, bearer, type TokenPair } from './support/auth-test-context';

async function errorOf(res: Response) {
  const body = (await res.json()) as { statusCode: number; message: string; requestId: string };
  expect(body.requestId).toBe(res.headers.get('x-request-id'));
  expect(JSON.stringify(body)).not.toMatch(/\bat .+\.(ts|js):\d+/);
  return body;
}

describe('auth service: register, login, refresh, logout', () => {
  let ctx: AuthTestContext;

  beforeAll(async () => {
    ctx = await AuthTestContext.start('auth', { LOGIN_MAX_FAILURES_PER_ACCOUNT: '3', LOGIN_FAILURE_WINDOW_SECONDS: '120' });
  }, 60_000);
  afterAll(() => ctx.stop());

  it('registers a user and returns the token pair with the plan tier in the access token', async () => {
    const pair = await ctx.register('Erin@Example.com', 'a long passphrase', 'Erin');
    expect(pair).toMatchObject({ tokenType: 'Bearer', expiresIn: 900, user: { email: 'erin@example.com', name: 'Erin' } });
    const claims = decodeJwt(pair.accessToken);
    expect(claims).toMatchObject({ sub: pair.user.id, tier: 'free', token_use: 'access', iss: 'wealist-auth', aud: 'wealist' });
    const me = await ctx.me(bearer(pair.accessToken));
    expect(me.status).toBe(200);
    const [row] = await adminQuery<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1', [pair.user.id], ctx.db.name);
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('rejects duplicate emails with 409 and bad input with 400 naming the field', async () => {
    await ctx.register('dup@example.com');
    const dup = await ctx.post('/api/auth/register', { email: 'DUP@example.com', password: 'another password', name: 'D' });
    expect(dup.status).toBe(409);
    await errorOf(dup);
    const cases: [unknown, RegExp][] = [
      [{ password: 'long enough', name: 'x' }, /email must be an email/],
      [{ email: 'a@b.co', password: 'short', name: 'x' }, /password must be longer than or equal to 8/],
      [{ email: 'a@b.co', password: 12345678, name: 'x' }, /password must be a string/],
      [{ email: 'a@b.co', password: 'long enough', name: 'x', role: 'admin' }, /property role should not exist/],
    ];
    for (const [body, message] of cases) {
      const res = await ctx.post('/api/auth/register', body);
      expect(res.status).toBe(400);
      expect((await errorOf(res)).message).toMatch(message);
    }
    const huge = await ctx.post('/api/auth/register', { email: 'a@b.co', password: 'x'.repeat(2_000_000), name: 'x' });
    expect(huge.status).toBe(413);
  });

  it('answers the same 401 for an unknown email and a wrong password, then 429 with Retry-After', async () => {
    await ctx.register('frank@example.com', 'franks password');
    const login = (email: string, password: string) => ctx.post('/api/auth/login', { email, password });
    const ok = await login('frank@example.com', 'franks password');
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as TokenPair).user.email).toBe('frank@example.com');

    const unknown = await login('nobody@example.com', 'whatever password');
    const wrong = await login('frank@example.com', 'not franks password');
    expect([unknown.status, wrong.status]).toEqual([401, 401]);
    expect((await errorOf(unknown)).message).toBe((await errorOf(wrong)).message);

    await login('frank@example.com', 'wrong again');
    await login('frank@example.com', 'and again');
    const limited = await login('frank@example.com', 'franks password');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await errorOf(limited)).message).toMatch(/Too many/);
  });

  it('rotates refresh tokens; reusing an old one revokes the whole session', async () => {
    const first = await ctx.register('grace@example.com');
    const refreshed = await ctx.post('/api/auth/refresh', { refreshToken: first.refreshToken });
    expect(refreshed.status).toBe(200);
    const second = (await refreshed.json()) as TokenPair;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect((await ctx.me(bearer(second.accessToken))).status).toBe(200);

    const replay = await ctx.post('/api/auth/refresh', { refreshToken: first.refreshToken });
    expect(replay.status).toBe(401);
    expect((await errorOf(replay)).message).toMatch(/already used/);
    // The family is gone: the newest refresh token and the session's access tokens are dead too.
    expect((await ctx.post('/api/auth/refresh', { refreshToken: second.refreshToken })).status).toBe(401);
    expect((await ctx.me(bearer(second.accessToken))).status).toBe(401);
    expect((await ctx.me(bearer(first.accessToken))).status).toBe(401);

    // Other sessions of the same user are untouched.
    const other = (await (await ctx.post('/api/auth/login', { email: 'grace@example.com', password: 'correct horse battery' })).json()) as TokenPair;
    expect((await ctx.me(bearer(other.accessToken))).status).toBe(200);
  });

  it('refuses malformed and forged refresh tokens', async () => {
    expect((await ctx.post('/api/auth/refresh', { refreshToken: 'nope' })).status).toBe(400);
    const pair = await ctx.register('heidi@example.com');
    // An access token is not a refresh token.
    expect((await ctx.post('/api/auth/refresh', { refreshToken: pair.accessToken })).status).toBe(401);
  });

  it('logout revokes the access token at once in every service', async () => {
    const pair = await ctx.register('ivan@example.com');
    expect((await ctx.me(bearer(pair.accessToken))).status).toBe(200);
    const out = await fetch(`${ctx.authUrl}/api/auth/logout`, { method: 'POST', headers: bearer(pair.accessToken) });
    expect(out.status).toBe(204);
    const after = await ctx.me(bearer(pair.accessToken));
    expect(after.status).toBe(401);
    expect((await errorOf(after)).message).toMatch(/revoked/);
    expect((await fetch(`${ctx.authUrl}/api/auth/logout`, { method: 'POST', headers: bearer(pair.accessToken) })).status).toBe(401);
    expect((await ctx.post('/api/auth/refresh', { refreshToken: pair.refreshToken })).status).toBe(401);
  });

  it('never logs passwords or tokens', async () => {
    await ctx.post('/api/auth/login', { email: 'judy@example.com', password: 'super-secret-password' });
    expect(ctx.logs.text).toContain('/api/auth/login');
    expect(ctx.logs.text).not.toContain('super-secret-password');
  });
});
