import { AuthRedisKeys, generateApiKey, hashApiKeySecret } from '@wealist/auth-guard';
import { testRedis } from '@wealist/testing';
import { BoardTestContext, expectError, type BoardInstance, type TestUser } from './support/board-test-context';
import { team, type Team } from './support/fixtures';

// Each file boots the user service as a process and the board in-process; the machine is shared.
jest.setTimeout(60_000);

describe('board service: rate limits per user and API key, by plan tier, shared by instances', () => {
  let ctx: BoardTestContext;
  let t: Team;
  let a: BoardInstance;
  let b: BoardInstance;

  beforeAll(async () => {
    // An hour-long window: no request gets its token back while a test runs.
    ctx = await BoardTestContext.start('board_ratelimit', { RATE_LIMIT_WINDOW_SECONDS: '3600', RATE_LIMIT_FREE: '10', RATE_LIMIT_PREMIUM: '25' });
    t = await team(ctx);
    a = ctx.board;
    b = await ctx.instance();
  });
  afterAll(() => ctx.stop());

  /** `count` requests split over both instances, all in flight at once. */
  async function burst(headers: Record<string, string>, count: number): Promise<Response[]> {
    return Promise.all(Array.from({ length: count }, (_, i) => (i % 2 ? a : b).fetch(`/api/boards/projects?workspaceId=${t.workspaceId}`, { headers })));
  }
  const statuses = (responses: Response[]) => responses.map((r) => r.status).sort();

  it('lets a free user through exactly up to the limit across two instances, then 429 with Retry-After', async () => {
    const user = await member('free');
    const responses = await burst(user.auth, 30);
    expect(statuses(responses)).toEqual([...Array(10).fill(200), ...Array(20).fill(429)]);
    const ok = responses.find((r) => r.status === 200)!;
    expect(ok.headers.get('x-ratelimit-limit')).toBe('10');
    const refused = responses.find((r) => r.status === 429)!;
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 360).toBe(true);
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
    await expectError(refused, 429, /Rate limit of 10 requests per 3600 s exceeded; retry in \d+ s/);
    // Every route counts, on every instance.
    await expectError(await a.fetch(`/api/boards/${t.board.id}`, { headers: user.auth }), 429);
  });

  it('gives premium users their own, larger limit', async () => {
    const user = await member('premium');
    expect(statuses(await burst(user.auth, 40))).toEqual([...Array(25).fill(200), ...Array(15).fill(429)]);
  });

  it('counts an API key apart from its owner', async () => {
    const owner = await member('free');
    expect(statuses(await burst(owner.auth, 12))).toEqual([...Array(10).fill(200), ...Array(2).fill(429)]);
    const key = generateApiKey();
    const authState = testRedis(0, ctx.namespace);
    try {
      await authState.set(
        AuthRedisKeys.apiKey(key.keyId),
        JSON.stringify({ keyId: key.keyId, secretHash: hashApiKeySecret(key.secret), user: owner.user, revoked: false }),
      );
    } finally {
      authState.disconnect();
    }
    expect(statuses(await burst({ 'x-api-key': key.key }, 12))).toEqual([...Array(10).fill(200), ...Array(2).fill(429)]);
  });

  it('does not count anonymous requests or health checks', async () => {
    for (let i = 0; i < 15; i++) expect((await a.fetch('/health')).status).toBe(200);
    const res = await a.fetch('/api/boards/projects');
    await expectError(res, 401);
    expect(res.headers.get('x-ratelimit-limit')).toBeNull();
  });

  async function member(tier: 'free' | 'premium'): Promise<TestUser> {
    const user = await ctx.user({ tier });
    await ctx.addMember(t.owner, t.workspaceId, user, 'member');
    return user;
  }
});
