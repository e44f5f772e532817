import { freePort } from '@wealist/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { AuthTestContext, bearer, type TokenPair } from './support/auth-test-context';

const CLIENT = { id: 'wealist-test', secret: 'test-client-secret' };

/** Follows redirects by hand with a cookie jar, as a browser would, and returns the last response. */
async function browse(startUrl: string, stopAt: string): Promise<{ url: string; response: Response }> {
  const jar = new Map<string, string>();
  let url = startUrl;
  for (let hop = 0; hop < 20; hop++) {
    const host = new URL(url).host;
    const cookie = [...jar.entries()].filter(([k]) => k.startsWith(`${host}|`)).map(([k, v]) => `${k.split('|')[1]}=${v}`);
    const response = await fetch(url, { redirect: 'manual', headers: cookie.length ? { cookie: cookie.join('; ') } : {} });
    for (const set of response.headers.getSetCookie()) {
      const [pair] = set.split(';');
      const [name, ...value] = pair.split('=');
      jar.set(`${host}|${name.trim()}`, value.join('='));
    }
    const location = response.headers.get('location');
    if (!location || url.startsWith(stopAt)) return { url, response };
    url = new URL(location, url).toString();
    if (url.startsWith(stopAt)) return { url, response: await fetch(url) };
  }
  throw new Error('too many redirects');
}

describe('auth service: OpenID Connect login against a real provider', () => {
  let ctx: AuthTestContext;
  let provider: ChildProcess;
  let issuer: string;
  let callbackPrefix: string;

  beforeAll(async () => {
    const [authPort, providerPort] = [await freePort(), await freePort()];
    issuer = `http://127.0.0.1:${providerPort}`;
    callbackPrefix = `http://127.0.0.1:${authPort}/api/auth/oidc/test/callback`;
    provider = spawn(process.execPath, [join(__dirname, 'support/oidc-test-provider.mjs')], {
      env: { ...process.env, PORT: String(providerPort), CLIENT_ID: CLIENT.id, CLIENT_SECRET: CLIENT.secret, REDIRECT_URI: callbackPrefix },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      provider.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
      provider.once('exit', (code) => reject(new Error(`provider exited ${code}`)));
    });
    ctx = await AuthTestContext.start(
      'oidc',
      {
        PUBLIC_URL: `http://127.0.0.1:${authPort}`,
        OIDC_PROVIDERS: 'test',
        OIDC_TEST_ISSUER: issuer,
        OIDC_TEST_CLIENT_ID: CLIENT.id,
        OIDC_TEST_CLIENT_SECRET: CLIENT.secret,
      },
      authPort,
    );
  }, 60_000);
  afterAll(async () => {
    await ctx?.stop();
    provider?.kill('SIGTERM');
  });

  const signInAs = async (account: { sub: string; email: string; email_verified: boolean; name: string }) => {
    await fetch(`${issuer}/test/next-account`, { method: 'POST', body: JSON.stringify(account) });
    return browse(`${ctx.authUrl}/api/auth/oidc/test/login`, callbackPrefix);
  };

  it('lists configured providers and redirects to the provider with state, nonce and PKCE', async () => {
    expect(await (await fetch(`${ctx.authUrl}/api/auth/oidc/providers`)).json()).toEqual({ providers: ['test'] });
    const res = await fetch(`${ctx.authUrl}/api/auth/oidc/test/login`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location')!);
    expect(location.origin).toBe(issuer);
    for (const p of ['state', 'nonce', 'code_challenge']) expect(location.searchParams.get(p)).toBeTruthy();
    expect(location.searchParams.get('code_challenge_method')).toBe('S256');
    expect(location.searchParams.get('redirect_uri')).toBe(callbackPrefix);
  });

  it('creates a user on first login, returns the token pair, and finds the same user next time', async () => {
    const account = { sub: 'kc-user-1', email: 'oidc.user@example.com', email_verified: true, name: 'Oidc User' };
    const first = await signInAs(account);
    expect(first.response.status).toBe(200);
    const pair = (await first.response.json()) as TokenPair;
    expect(pair).toMatchObject({ tokenType: 'Bearer', user: { email: 'oidc.user@example.com', name: 'Oidc User' } });
    expect((await ctx.me(bearer(pair.accessToken))).status).toBe(200);

    const second = (await (await signInAs(account)).response.json()) as TokenPair;
    expect(second.user.id).toBe(pair.user.id);

    // The callback's state is single-use: replaying it fails.
    const replay = await fetch(first.url);
    expect(replay.status).toBe(400);
    expect(((await replay.json()) as { message: string }).message).toMatch(/state/);
  });

  it('links a verified email to the existing password account', async () => {
    const local = await ctx.register('linked@example.com');
    const pair = (await (await signInAs({ sub: 'kc-user-2', email: 'linked@example.com', email_verified: true, name: 'L' })).response.json()) as TokenPair;
    expect(pair.user.id).toBe(local.user.id);
  });

  it('refuses an unverified email that belongs to another account, unknown providers and provider errors', async () => {
    await ctx.register('victim@example.com');
    const takeover = await signInAs({ sub: 'kc-evil', email: 'victim@example.com', email_verified: false, name: 'E' });
    expect(takeover.response.status).toBe(409);
    expect((await fetch(`${ctx.authUrl}/api/auth/oidc/nope/login`, { redirect: 'manual' })).status).toBe(404);
    expect((await fetch(`${callbackPrefix}?error=access_denied&state=x`)).status).toBe(401);
    expect((await fetch(`${callbackPrefix}?code=abc&state=never-issued`)).status).toBe(400);
  });
});
