import { randomUUID } from 'node:crypto';
import { BoardTestContext, expectError } from './support/board-test-context';
import { boardView, createTask, layout, team, type BoardBody, type BoardView, type Team } from './support/fixtures';

interface ColumnBody {
  id: string;
  boardId: string;
  name: string;
  position: number | null;
  archived: boolean;
  version: number;
}

// Each file boots the user service as a process and the board in-process; the machine is shared.
jest.setTimeout(60_000);

describe('board service: boards and columns', () => {
  let ctx: BoardTestContext;
  let t: Team;

  beforeAll(async () => {
    ctx = await BoardTestContext.start('board_boards');
    t = await team(ctx);
  });
  afterAll(() => ctx.stop());

  it('creates boards with default or given columns and lists them per project', async () => {
    expect(t.columns.map((c) => [c.name, c.position])).toEqual([['To Do', 0], ['In Progress', 1], ['Done', 2]]);
    const custom = await ctx.call<BoardBody>(t.admin, 'POST', '/api/boards', { projectId: t.project.id, name: 'Bugs', columns: ['Triage', 'Fixing', 'Shipped', 'Closed'] });
    expect(layout(await boardView(ctx, t.member, custom.id))).toEqual({ Triage: [], Fixing: [], Shipped: [], Closed: [] });
    const listed = await ctx.call<BoardBody[]>(t.member, 'GET', `/api/boards?projectId=${t.project.id}`);
    expect(listed.map((b) => b.name)).toEqual(['Sprint 1', 'Bugs']);
    await expectError(await ctx.fetch('/api/boards', { method: 'POST', headers: t.owner.auth, json: { projectId: t.project.id, name: 'Dup', columns: ['A', 'a'] } }), 400, /columns must not repeat/);
    await expectError(await ctx.fetch('/api/boards', { method: 'POST', headers: t.owner.auth, json: { projectId: t.project.id, name: 'x', columns: [] } }), 400, /columns must contain at least 1 elements/);
    await expectError(await ctx.fetch('/api/boards', { method: 'POST', headers: t.owner.auth, json: { projectId: randomUUID(), name: 'x' } }), 404, /Project not found/);
    await expectError(await ctx.fetch(`/api/boards?projectId=${t.project.id}&includeArchived=1`, { headers: t.owner.auth }), 400, /includeArchived/);
  });

  it('returns the board with its columns and tasks in order', async () => {
    const b = await ctx.call<BoardBody>(t.owner, 'POST', '/api/boards', { projectId: t.project.id, name: 'View' });
    const [todo, doing] = (await boardView(ctx, t.owner, b.id)).columns;
    await createTask(ctx, t.member, b.id, { title: 'second' });
    await createTask(ctx, t.member, b.id, { title: 'first', position: 0 });
    await createTask(ctx, t.member, b.id, { title: 'working', columnId: doing.id });
    const view = await boardView(ctx, t.member, b.id);
    expect(view).toMatchObject({ id: b.id, name: 'View', workspaceId: t.workspaceId, projectId: t.project.id, archived: false });
    expect(layout(view)).toEqual({ 'To Do': ['first', 'second'], 'In Progress': ['working'], Done: [] });
    expect(view.columns[0].tasks.map((task) => [task.position, task.number, task.columnId])).toEqual([[0, 2, todo.id], [1, 1, todo.id]]);
    await expectError(await ctx.fetch(`/api/boards/${randomUUID()}`, { headers: t.owner.auth }), 404, /Board not found/);
    await expectError(await ctx.fetch('/api/boards/not-a-uuid', { headers: t.owner.auth }), 400, /uuid/);
  });

  it('updates with a version, archives (read-only) and restores boards, recording activity', async () => {
    const b = await ctx.call<BoardBody>(t.owner, 'POST', '/api/boards', { projectId: t.project.id, name: 'Ops' });
    const updated = await ctx.call<BoardBody>(t.admin, 'PATCH', `/api/boards/${b.id}`, { name: 'Operations', description: 'on call', version: 1 });
    expect(updated).toMatchObject({ name: 'Operations', version: 2 });
    await expectError(await ctx.fetch(`/api/boards/${b.id}`, { method: 'PATCH', headers: t.admin.auth, json: { name: 'x', version: 1 } }), 409, /version is 2/);
    await expectError(await ctx.fetch(`/api/boards/${b.id}`, { method: 'PATCH', headers: t.admin.auth, json: { name: 42, version: 2 } }), 400, /name must be a string/);

    expect((await ctx.call<BoardBody>(t.owner, 'POST', `/api/boards/${b.id}/archive`)).archived).toBe(true);
    expect((await boardView(ctx, t.member, b.id)).archived).toBe(true);
    await expectError(await ctx.fetch(`/api/boards/${b.id}/tasks`, { method: 'POST', headers: t.member.auth, json: { title: 'x' } }), 409, /Board is archived/);
    await expectError(await ctx.fetch(`/api/boards/${b.id}/columns`, { method: 'POST', headers: t.owner.auth, json: { name: 'x' } }), 409, /Board is archived/);
    expect((await ctx.call<BoardBody[]>(t.member, 'GET', `/api/boards?projectId=${t.project.id}`)).map((x) => x.id)).not.toContain(b.id);
    expect((await ctx.call<BoardBody[]>(t.member, 'GET', `/api/boards?projectId=${t.project.id}&includeArchived=true`)).map((x) => x.id)).toContain(b.id);
    expect((await ctx.call<BoardBody>(t.owner, 'POST', `/api/boards/${b.id}/restore`)).archived).toBe(false);

    const activity = await ctx.call<{ items: { action: string; actorId: string; details: Record<string, unknown> }[]; nextCursor: string | null }>(t.member, 'GET', `/api/boards/${b.id}/activity`);
    expect(activity.items.map((a) => a.action)).toEqual(['board.restored', 'board.archived', 'board.updated', 'board.created']);
    expect(activity.items[2]).toMatchObject({ actorId: t.admin.user.id, details: { name: { from: 'Ops', to: 'Operations' }, description: { from: '', to: 'on call' } } });
    const first = await ctx.call<{ items: { action: string }[]; nextCursor: string }>(t.member, 'GET', `/api/boards/${b.id}/activity?limit=3`);
    const rest = await ctx.call<{ items: { action: string }[]; nextCursor: null }>(t.member, 'GET', `/api/boards/${b.id}/activity?limit=3&cursor=${first.nextCursor}`);
    expect([...first.items, ...rest.items].map((a) => a.action)).toEqual(activity.items.map((a) => a.action));
    expect(rest.nextCursor).toBeNull();
    await expectError(await ctx.fetch(`/api/boards/${b.id}/activity?cursor=garbage`, { headers: t.member.auth }), 400, /cursor is invalid/);
    await expectError(await ctx.fetch(`/api/boards/${b.id}/activity?limit=500`, { headers: t.member.auth }), 400, /limit must not be greater than 100/);
  });

  it('creates, lists, gets, renames, reorders, archives and restores columns', async () => {
    const b = await ctx.call<BoardBody>(t.owner, 'POST', '/api/boards', { projectId: t.project.id, name: 'Cols' });
    const cols = `/api/boards/${b.id}/columns`;
    const review = await ctx.call<ColumnBody>(t.admin, 'POST', cols, { name: 'Review', position: 2 });
    expect(review).toMatchObject({ name: 'Review', position: 2, archived: false, version: 1 });
    const names = async () => (await ctx.call<ColumnBody[]>(t.member, 'GET', cols)).map((c) => `${c.position}:${c.name}`);
    expect(await names()).toEqual(['0:To Do', '1:In Progress', '2:Review', '3:Done']);
    expect(await ctx.call<ColumnBody>(t.member, 'GET', `/api/boards/columns/${review.id}`)).toMatchObject({ id: review.id, boardId: b.id });

    const moved = await ctx.call<ColumnBody>(t.admin, 'PATCH', `/api/boards/columns/${review.id}`, { name: 'QA', position: 0, version: 1 });
    expect(moved).toMatchObject({ name: 'QA', position: 0, version: 2 });
    expect(await names()).toEqual(['0:QA', '1:To Do', '2:In Progress', '3:Done']);
    await expectError(await ctx.fetch(`/api/boards/columns/${review.id}`, { method: 'PATCH', headers: t.admin.auth, json: { name: 'x', version: 1 } }), 409, /version is 2/);
    await expectError(await ctx.fetch(cols, { method: 'POST', headers: t.admin.auth, json: { name: 'done' } }), 409, /already has a column named "done"/);
    await expectError(await ctx.fetch(cols, { method: 'POST', headers: t.admin.auth, json: { name: 'x', position: -1 } }), 400, /position must not be less than 0/);
    await expectError(await ctx.fetch(cols, { method: 'POST', headers: t.admin.auth, json: { name: 'x'.repeat(51) } }), 400, /name must be shorter than or equal to 50/);

    const view = await boardView(ctx, t.owner, b.id);
    const todo = view.columns.find((c) => c.name === 'To Do')!;
    await createTask(ctx, t.member, b.id, { title: 'keeps column busy', columnId: todo.id });
    await expectError(await ctx.fetch(`/api/boards/columns/${todo.id}/archive`, { method: 'POST', headers: t.owner.auth }), 409, /still has 1 task/);
    const archived = await ctx.call<ColumnBody>(t.owner, 'POST', `/api/boards/columns/${review.id}/archive`);
    expect(archived).toMatchObject({ archived: true, position: null });
    expect(await names()).toEqual(['0:To Do', '1:In Progress', '2:Done']);
    expect(layout(await boardView(ctx, t.member, b.id))).toEqual({ 'To Do': ['keeps column busy'], 'In Progress': [], Done: [] });
    expect((await ctx.call<ColumnBody[]>(t.member, 'GET', `${cols}?includeArchived=true`)).map((c) => c.name)).toEqual(['To Do', 'In Progress', 'Done', 'QA']);
    await expectError(await ctx.fetch(`/api/boards/columns/${review.id}`, { method: 'PATCH', headers: t.owner.auth, json: { name: 'x', version: 3 } }), 409, /Column is archived/);
    expect(await ctx.call<ColumnBody>(t.owner, 'POST', `/api/boards/columns/${review.id}/restore`)).toMatchObject({ archived: false, position: 3 });
    await expectError(await ctx.fetch(`/api/boards/columns/${randomUUID()}`, { headers: t.owner.auth }), 404, /Column not found/);
    await expectError(await ctx.fetch(`/api/boards/${randomUUID()}/columns`, { headers: t.owner.auth }), 404, /Board not found/);
  });

  it('keeps a consistent column order when columns are moved concurrently', async () => {
    const b = await ctx.call<BoardBody>(t.owner, 'POST', '/api/boards', { projectId: t.project.id, name: 'Race', columns: ['A', 'B', 'C', 'D', 'E', 'F'] });
    const view: BoardView = await boardView(ctx, t.owner, b.id);
    const results = await Promise.all(
      view.columns.map((c, i) => ctx.fetch(`/api/boards/columns/${c.id}`, { method: 'PATCH', headers: t.owner.auth, json: { position: (i * 7) % 6, version: c.version } })),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    const after = await ctx.call<ColumnBody[]>(t.owner, 'GET', `/api/boards/${b.id}/columns`);
    expect(after.map((c) => c.position)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(new Set(after.map((c) => c.name)).size).toBe(6);
  });
});
