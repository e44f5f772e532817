import { randomUUID } from 'node:crypto';
import { BoardTestContext, expectError } from './support/board-test-context';
import { boardView, createTask, layout, team, type BoardBody, type TaskBody, type Team } from './support/fixtures';

// Each file boots the user service as a process and the board in-process; the machine is shared.
jest.setTimeout(60_000);

describe('board service: moving tasks', () => {
  let ctx: BoardTestContext;
  let t: Team;

  beforeAll(async () => {
    ctx = await BoardTestContext.start('board_moves');
    t = await team(ctx);
  });
  afterAll(() => ctx.stop());

  async function freshBoard(titles: string[]): Promise<{ board: BoardBody; tasks: Record<string, TaskBody> }> {
    const board = await ctx.call<BoardBody>(t.owner, 'POST', '/api/boards', { projectId: t.project.id, name: 'Moves' });
    const tasks: Record<string, TaskBody> = {};
    for (const title of titles) tasks[title] = await createTask(ctx, t.member, board.id, { title });
    return { board, tasks };
  }
  const move = (taskId: string, json: unknown) => ctx.fetch(`/api/boards/tasks/${taskId}/move`, { method: 'POST', headers: t.member.auth, json });

  it('reorders within a column and moves across columns, keeping every column gapless', async () => {
    const { board, tasks } = await freshBoard(['a', 'b', 'c', 'd']);
    const [todo, doing, done] = (await boardView(ctx, t.member, board.id)).columns;
    const moved = (await (await move(tasks['a'].id, { columnId: todo.id, position: 2 })).json()) as TaskBody;
    expect(moved).toMatchObject({ columnId: todo.id, position: 2, version: 2 });
    expect(layout(await boardView(ctx, t.member, board.id))['To Do']).toEqual(['b', 'c', 'a', 'd']);

    expect((await move(tasks['c'].id, { columnId: doing.id })).status).toBe(200);
    expect((await move(tasks['d'].id, { columnId: doing.id, position: 0 })).status).toBe(200);
    expect((await move(tasks['b'].id, { columnId: done.id, position: 99 })).status).toBe(200);
    const view = await boardView(ctx, t.member, board.id);
    expect(layout(view)).toEqual({ 'To Do': ['a'], 'In Progress': ['d', 'c'], Done: ['b'] });
    for (const column of view.columns) expect(column.tasks.map((x) => x.position)).toEqual(column.tasks.map((_, i) => i));

    const same = (await (await move(tasks['a'].id, { columnId: todo.id, position: 0 })).json()) as TaskBody;
    expect(same.version).toBe(2);
    const history = await ctx.call<{ items: { action: string; details: unknown }[] }>(t.member, 'GET', `/api/boards/tasks/${tasks['c'].id}/activity`);
    expect(history.items[0]).toMatchObject({ action: 'task.moved', details: { from: { columnId: todo.id, position: 1 }, to: { columnId: doing.id, position: 0 } } });
  });

  it('refuses bad moves: unknown or foreign column, stale version, bad input', async () => {
    const { board, tasks } = await freshBoard(['x']);
    const other = await ctx.call<BoardBody>(t.owner, 'POST', '/api/boards', { projectId: t.project.id, name: 'Elsewhere' });
    const foreign = (await boardView(ctx, t.owner, other.id)).columns[0];
    const [todo] = (await boardView(ctx, t.member, board.id)).columns;
    await expectError(await move(tasks['x'].id, { columnId: foreign.id }), 422, /columnId is not an active column of this board/);
    await expectError(await move(tasks['x'].id, { columnId: randomUUID() }), 422, /columnId/);
    await expectError(await move(tasks['x'].id, {}), 400, /columnId must be a UUID/);
    await expectError(await move(tasks['x'].id, { columnId: todo.id, position: -1 }), 400, /position must not be less than 0/);
    await expectError(await move(tasks['x'].id, { columnId: todo.id, position: 0, version: 7 }), 409, /current version is 1, you sent 7/);
    await expectError(await move(randomUUID(), { columnId: todo.id }), 404, /Task not found/);
    await expectError(await ctx.fetch(`/api/boards/tasks/${tasks['x'].id}/move`, { method: 'POST', headers: t.outsider.auth, json: { columnId: todo.id } }), 404, /Task not found/);
  });

  it('leaves every task exactly once in a gapless order after 50 parallel moves', async () => {
    const titles = Array.from({ length: 20 }, (_, i) => `t${String(i).padStart(2, '0')}`);
    const { board, tasks } = await freshBoard(titles);
    const columns = (await boardView(ctx, t.member, board.id)).columns;
    // Deterministic pseudo-random targets: every move goes somewhere else than the last one.
    let seed = 42;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const moves = Array.from({ length: 50 }, () => ({
      task: tasks[titles[rand(titles.length)]],
      columnId: columns[rand(columns.length)].id,
      position: rand(12),
    }));
    const results = await Promise.all(moves.map((m) => move(m.task.id, { columnId: m.columnId, position: m.position })));
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(200));

    const view = await boardView(ctx, t.member, board.id);
    const placed = view.columns.flatMap((c) => c.tasks.map((x) => x.title));
    expect(placed.sort()).toEqual([...titles].sort());
    for (const column of view.columns) expect(column.tasks.map((x) => x.position)).toEqual(column.tasks.map((_, i) => i));
    // The database agrees with the (possibly cached) view.
    const listed = await ctx.call<{ items: TaskBody[] }>(t.member, 'GET', `/api/boards/${board.id}/tasks?limit=100`);
    const byColumn = new Map<string, number[]>();
    for (const task of listed.items) byColumn.set(task.columnId, [...(byColumn.get(task.columnId) ?? []), task.position]);
    for (const positions of byColumn.values()) expect(positions.sort((a, b) => a - b)).toEqual(positions.map((_, i) => i));
  });
});
