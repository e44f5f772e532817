import { loadEnv } from '@wealist/config';
import { BOARD_ENV_SPEC } from '../src/board.config';
import { BoardTestContext, expectError } from './support/board-test-context';
import { team, type Team } from './support/fixtures';

// Each file boots the user service as a process and the board in-process; the machine is shared.
jest.setTimeout(60_000);

describe('board service: platform behaviour', () => {
  let ctx: BoardTestContext;
  let t: Team;

  beforeAll(async () => {
    ctx = await BoardTestContext.start('board_service');
    t = await team(ctx);
  });
  afterAll(() => ctx.stop());

  it('serves health, readiness naming its dependencies, liveness, metrics and OpenAPI', async () => {
    expect(await (await ctx.fetch('/health')).json()).toEqual({ status: 'healthy' });
    const ready = (await (await ctx.fetch('/health/ready')).json()) as { checks: Record<string, unknown> };
    expect(Object.keys(ready.checks).sort()).toEqual(['auth-state-redis', 'event-bus', 'postgres', 'redis']);
    expect((await ctx.fetch('/health/live')).status).toBe(200);

    await ctx.call(t.member, 'GET', `/api/boards/${t.board.id}`);
    await ctx.call(t.member, 'POST', `/api/boards/${t.board.id}/tasks`, { title: 'metered' });
    const metrics = await (await ctx.fetch('/metrics')).text();
    expect(metrics).toMatch(/http_requests_total\{[^}]*route="\/api\/boards\/:boardId"[^}]*status_code="200"/);
    expect(metrics).toMatch(/board_cache_requests_total\{[^}]*result="miss"/);
    expect(metrics).toContain('events_published_total');
    expect(metrics).toContain('process_resident_memory_bytes');

    const doc = (await (await ctx.fetch('/docs-json')).json()) as { info: { title: string }; paths: Record<string, unknown> };
    expect(doc.info.title).toBe('Wealist board service');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/boards/{boardId}', '/api/boards/tasks/{taskId}/move', '/api/boards/tasks/search']));
    expect((await ctx.fetch('/docs')).status).toBe(200);
  });

  it('answers unknown routes, bad JSON and oversized bodies in the error shape', async () => {
    await expectError(await ctx.fetch('/api/boards/x/y/z', { headers: t.member.auth }), 404);
    await expectError(await ctx.fetch(`/api/boards/${t.board.id}/tasks`, { method: 'POST', headers: { ...t.member.auth, 'content-type': 'application/json' }, body: '{"title":' }), 400);
    await expectError(await ctx.fetch(`/api/boards/${t.board.id}/tasks`, { method: 'POST', headers: t.member.auth, json: { title: 'x', description: 'y'.repeat(2_000_000) } }), 413);
  });

  it('keeps tokens and stack traces out of its logs', async () => {
    await ctx.fetch(`/api/boards/${t.board.id}`, { headers: { authorization: 'Bearer secret-token-value' } });
    await ctx.fetch(`/api/boards/${t.board.id}`, { headers: t.member.auth });
    const text = ctx.board.logs.text;
    expect(text).toContain('"route":"/api/boards/:boardId"');
    expect(text).not.toContain('secret-token-value');
    expect(text).not.toContain(t.member.token);
    expect(text).not.toMatch(/\n\s+at /);
  });

  it('validates its configuration naming each bad variable', () => {
    expect(() => loadEnv(BOARD_ENV_SPEC, { JWT_PUBLIC_KEY: 'k', RATE_LIMIT_FREE: '0', ATTACHMENT_MAX_BYTES: 'lots' })).toThrow(
      /RATE_LIMIT_FREE must be between 1 and .*ATTACHMENT_MAX_BYTES must be an integer/,
    );
    const defaults = loadEnv(BOARD_ENV_SPEC, { JWT_PUBLIC_KEY: 'k' });
    expect(defaults).toMatchObject({ PORT: 8000, DATABASE_NAME: 'board_db', DATABASE_USER: 'board_user', BUS_REDIS_DB: 6, EVENTS_RELAY_ENABLED: true });
  });
});
