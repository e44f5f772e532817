import { BoardCacheRepository } from '../src/boards/board-cache.repository';
import { BoardTestContext, expectError, type BoardInstance } from './support/board-test-context';
import { layout, team, type BoardView, type TaskBody, type Team } from './support/fixtures';

// Each file boots the user service as a process and the board in-process; the machine is shared.
jest.setTimeout(60_000);

describe('board service: the board cache across instances', () => {
  let ctx: BoardTestContext;
  let t: Team;
  let a: BoardInstance;
  let b: BoardInstance;

  beforeAll(async () => {
    ctx = await BoardTestContext.start('board_cache');
    t = await team(ctx);
    a = ctx.board;
    b = await ctx.instance();
  });
  afterAll(() => ctx.stop());

  const view = async (instance: BoardInstance) => {
    const res = await instance.fetch(`/api/boards/${t.board.id}`, { headers: t.member.auth });
    expect(res.status).toBe(200);
    return (await res.json()) as BoardView;
  };
  const cacheHits = async (instance: BoardInstance) => {
    const metrics = await (await instance.fetch('/metrics')).text();
    return Number(/board_cache_requests_total\{[^}]*result="hit"[^}]*\} (\d+)/.exec(metrics)?.[1] ?? 0);
  };
  const write = async (instance: BoardInstance, method: string, path: string, json?: unknown) => {
    const res = await instance.fetch(path, { method, headers: t.admin.auth, json });
    expect(res.status).toBeLessThan(300);
    return res.status === 204 ? undefined : ((await res.json()) as TaskBody);
  };

  it('serves repeated reads from Redis, on any instance', async () => {
    await view(a);
    const hitsBefore = (await cacheHits(a)) + (await cacheHits(b));
    await view(a);
    await view(b);
    expect((await cacheHits(a)) + (await cacheHits(b))).toBe(hitsBefore + 2);
  });

  it('shows every write made through one instance on the next read through the other', async () => {
    await view(a);
    await view(b);
    const task = (await write(b, 'POST', `/api/boards/${t.board.id}/tasks`, { title: 'via B' }))!;
    expect(layout(await view(a))['To Do']).toEqual(['via B']);

    await write(a, 'PATCH', `/api/boards/tasks/${task.id}`, { title: 'renamed via A', version: task.version });
    expect(layout(await view(b))['To Do']).toEqual(['renamed via A']);

    await write(b, 'POST', `/api/boards/tasks/${task.id}/move`, { columnId: t.columns[2].id });
    expect(layout(await view(a))).toEqual({ 'To Do': [], 'In Progress': [], Done: ['renamed via A'] });

    await write(a, 'PATCH', `/api/boards/columns/${t.columns[2].id}`, { name: 'Shipped', version: 1 });
    expect(Object.keys(layout(await view(b)))).toEqual(['To Do', 'In Progress', 'Shipped']);

    await write(b, 'PATCH', `/api/boards/${t.board.id}`, { name: 'Sprint 1 (renamed)', version: t.board.version });
    expect((await view(a)).name).toBe('Sprint 1 (renamed)');

    await write(a, 'DELETE', `/api/boards/tasks/${task.id}`);
    expect(layout(await view(b))['Shipped']).toEqual([]);
  });

  it('never stores a view read before a concurrent write (generation check)', async () => {
    const cache = a.service.app.get(BoardCacheRepository);
    await view(a);
    const before = await cache.read(t.board.id);
    expect(before.hit).not.toBeNull();
    // A slow reader saw generation N, then a write committed and bumped it.
    await write(b, 'POST', `/api/boards/${t.board.id}/tasks`, { title: 'concurrent' });
    await cache.store(t.board.id, before.generation, { workspaceId: t.workspaceId, json: '{"stale":true}' });
    expect((await cache.read(t.board.id)).hit).toBeNull();
    expect(layout(await view(b))['To Do']).toContain('concurrent');
  });

  it('drops a cached role when membership changes in the user service', async () => {
    const leaver = await ctx.user();
    await ctx.addMember(t.owner, t.workspaceId, leaver, 'member');
    expect((await a.fetch(`/api/boards/${t.board.id}`, { headers: leaver.auth })).status).toBe(200);
    await expectError(await b.fetch(`/api/boards/${t.board.id}/columns`, { method: 'POST', headers: leaver.auth, json: { name: 'Mine' } }), 403);

    // Promoted: the board learns it from workspace.member.changed, well before the role TTL.
    expect((await ctx.userFetch(`/api/users/workspaces/${t.workspaceId}/members/${leaver.user.id}`, { method: 'PATCH', headers: t.owner.auth, json: { role: 'admin' } })).status).toBe(200);
    const created = await eventually(() => b.fetch(`/api/boards/${t.board.id}/columns`, { method: 'POST', headers: leaver.auth, json: { name: 'Mine' } }), 201);
    expect(created.status).toBe(201);

    // Removed: every instance answers 404 at once after the event.
    expect((await ctx.userFetch(`/api/users/workspaces/${t.workspaceId}/members/${leaver.user.id}`, { method: 'DELETE', headers: t.owner.auth })).status).toBe(204);
    const gone = await eventually(() => a.fetch(`/api/boards/${t.board.id}`, { headers: leaver.auth }), 404);
    await expectError(gone, 404, /Board not found/);
    await expectError(await b.fetch(`/api/boards/${t.board.id}`, { headers: leaver.auth }), 404);
  });
});

/** Retries a request until it answers `status` (the membership event travels asynchronously). */
async function eventually(request: () => Promise<Response>, status: number, timeoutMs = 10_000): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await request();
    if (res.status === status || Date.now() > deadline) return res;
    await res.arrayBuffer();
    await new Promise((r) => setTimeout(r, 100));
  }
}
