import { randomUUID } from 'node:crypto';
import { BoardTestContext, expectError } from './support/board-test-context';
import { boardView, createTask, layout, team, type BoardBody, type TaskBody, type Team } from './support/fixtures';

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

// Each file boots the user service as a process and the board in-process; the machine is shared.
jest.setTimeout(60_000);

describe('board service: tasks', () => {
  let ctx: BoardTestContext;
  let t: Team;

  beforeAll(async () => {
    ctx = await BoardTestContext.start('board_tasks');
    t = await team(ctx);
  });
  afterAll(() => ctx.stop());

  it('creates a task with every field and gets it back', async () => {
    const due = '2031-05-01T12:00:00.000Z';
    const task = await createTask(ctx, t.member, t.board.id, {
      title: 'Write release notes',
      description: 'All of them',
      assigneeId: t.admin.user.id,
      labels: ['Docs', 'release', 'docs'],
      priority: 'high',
      dueDate: due,
      columnId: t.columns[1].id,
    });
    expect(task).toMatchObject({
      boardId: t.board.id,
      columnId: t.columns[1].id,
      position: 0,
      title: 'Write release notes',
      description: 'All of them',
      assigneeId: t.admin.user.id,
      labels: ['docs', 'release'],
      priority: 'high',
      dueDate: due,
      version: 1,
      createdBy: t.member.user.id,
      workspaceId: t.workspaceId,
      projectId: t.project.id,
    });
    expect(await ctx.call<TaskBody>(t.owner, 'GET', `/api/boards/tasks/${task.id}`)).toEqual(task);
    const plain = await createTask(ctx, t.member, t.board.id, { title: 'Plain' });
    expect(plain).toMatchObject({ columnId: t.columns[0].id, priority: 'medium', labels: [], assigneeId: null, dueDate: null, number: task.number + 1 });
  });

  it('rejects bad task input naming the field', async () => {
    const bad = async (json: unknown, status: number, message: RegExp) =>
      expectError(await ctx.fetch(`/api/boards/${t.board.id}/tasks`, { method: 'POST', headers: t.member.auth, json }), status, message);
    await bad({}, 400, /title must be a string/);
    await bad({ title: 'x'.repeat(201) }, 400, /title must be shorter than or equal to 200/);
    await bad({ title: 'x', priority: 'asap' }, 400, /priority must be one of the following values: low, medium, high, urgent/);
    await bad({ title: 'x', dueDate: 'tomorrow' }, 400, /dueDate must be a valid ISO 8601 date string/);
    await bad({ title: 'x', labels: 'bug' }, 400, /labels must be an array/);
    await bad({ title: 'x', labels: Array.from({ length: 21 }, (_, i) => `l${i}`) }, 400, /labels must contain no more than 20 elements/);
    await bad({ title: 'x', labels: [''] }, 400, /each value in labels must be longer than or equal to 1/);
    await bad({ title: 'x', assigneeId: 'bob' }, 400, /assigneeId must be a UUID/);
    await bad({ title: 'x', position: 1.5 }, 400, /position must be an integer/);
    await bad({ title: 'x', assigneeId: t.outsider.user.id }, 422, /assigneeId is not a member of this workspace/);
    await bad({ title: 'x', columnId: randomUUID() }, 422, /columnId is not an active column of this board/);
    await expectError(await ctx.fetch(`/api/boards/${randomUUID()}/tasks`, { method: 'POST', headers: t.member.auth, json: { title: 'x' } }), 404, /Board not found/);
    await expectError(await ctx.fetch(`/api/boards/tasks/${randomUUID()}`, { headers: t.member.auth }), 404, /Task not found/);
  });

  it('updates fields with a version, records who changed what, and refuses stale versions', async () => {
    const task = await createTask(ctx, t.member, t.board.id, { title: 'Old title', labels: ['a'] });
    const url = `/api/boards/tasks/${task.id}`;
    const updated = await ctx.call<TaskBody>(t.admin, 'PATCH', url, { title: 'New title', assigneeId: t.member.user.id, labels: ['B', 'a'], dueDate: '2030-01-01T00:00:00Z', version: 1 });
    expect(updated).toMatchObject({ title: 'New title', assigneeId: t.member.user.id, labels: ['b', 'a'], dueDate: '2030-01-01T00:00:00.000Z', version: 2 });
    await expectError(await ctx.fetch(url, { method: 'PATCH', headers: t.owner.auth, json: { title: 'Lost update', version: 1 } }), 409, /Task was changed by someone else: current version is 2, you sent 1/);
    const cleared = await ctx.call<TaskBody>(t.member, 'PATCH', url, { assigneeId: null, dueDate: null, description: 'details', version: 2 });
    expect(cleared).toMatchObject({ assigneeId: null, dueDate: null, version: 3 });
    expect((await ctx.call<TaskBody>(t.member, 'PATCH', url, { title: 'New title', version: 3 })).version).toBe(3);
    await expectError(await ctx.fetch(url, { method: 'PATCH', headers: t.member.auth, json: { title: 'x' } }), 400, /version must be an integer/);
    await expectError(await ctx.fetch(url, { method: 'PATCH', headers: t.member.auth, json: { columnId: t.columns[2].id, version: 3 } }), 400, /property columnId should not exist/);
    await expectError(await ctx.fetch(url, { method: 'PATCH', headers: t.member.auth, json: { assigneeId: t.outsider.user.id, version: 3 } }), 422, /not a member/);

    const history = await ctx.call<Page<{ action: string; actorId: string; details: Record<string, unknown> }>>(t.member, 'GET', `${url}/activity`);
    expect(history.items.map((a) => [a.action, a.actorId])).toEqual([
      ['task.updated', t.member.user.id],
      ['task.updated', t.admin.user.id],
      ['task.created', t.member.user.id],
    ]);
    expect(history.items[1].details).toEqual({
      title: { from: 'Old title', to: 'New title' },
      assigneeId: { from: null, to: t.member.user.id },
      labels: { from: ['a'], to: ['b', 'a'] },
      dueDate: { from: null, to: '2030-01-01T00:00:00.000Z' },
    });
    expect(history.items[0].details).toEqual({ assigneeId: { from: t.member.user.id, to: null }, dueDate: { from: '2030-01-01T00:00:00.000Z', to: null }, descriptionChanged: true });
  });

  it('deletes tasks (creator or manager), closing the gap in the column', async () => {
    const b = await ctx.call<BoardBody>(t.owner, 'POST', '/api/boards', { projectId: t.project.id, name: 'Deletes' });
    const [a, bb, c] = [await createTask(ctx, t.member, b.id, { title: 'a' }), await createTask(ctx, t.admin, b.id, { title: 'b' }), await createTask(ctx, t.member, b.id, { title: 'c' })];
    await expectError(await ctx.fetch(`/api/boards/tasks/${bb.id}`, { method: 'DELETE', headers: t.member.auth }), 403, /creator or workspace owners and admins/);
    expect((await ctx.fetch(`/api/boards/tasks/${a.id}`, { method: 'DELETE', headers: t.member.auth })).status).toBe(204);
    expect((await ctx.fetch(`/api/boards/tasks/${bb.id}`, { method: 'DELETE', headers: t.owner.auth })).status).toBe(204);
    await expectError(await ctx.fetch(`/api/boards/tasks/${a.id}`, { method: 'DELETE', headers: t.member.auth }), 404, /Task not found/);
    const view = await boardView(ctx, t.member, b.id);
    expect(view.columns[0].tasks.map((x) => [x.title, x.position])).toEqual([['c', 0]]);
    expect(c.position).toBe(2);
    const history = await ctx.call<Page<{ action: string; taskId: string }>>(t.member, 'GET', `/api/boards/${b.id}/activity`);
    expect(history.items.filter((x) => x.action === 'task.deleted').map((x) => x.taskId)).toEqual([bb.id, a.id]);
  });

  describe('listing', () => {
    let board: BoardBody;
    beforeAll(async () => {
      board = await ctx.call<BoardBody>(t.owner, 'POST', '/api/boards', { projectId: t.project.id, name: 'Lists' });
      const cols = (await boardView(ctx, t.owner, board.id)).columns;
      const specs: Record<string, unknown>[] = [
        { title: 'Fix login bug', labels: ['bug'], assigneeId: t.member.user.id, dueDate: '2030-01-10T00:00:00Z' },
        { title: 'Login page redesign', labels: ['design'], columnId: cols[1].id, dueDate: '2030-03-01T00:00:00Z' },
        { title: 'Crash on 100% CPU', labels: ['bug', 'urgent'], assigneeId: t.admin.user.id, columnId: cols[2].id },
        { title: 'Write docs', assigneeId: t.member.user.id, columnId: cols[1].id, dueDate: '2030-01-05T00:00:00Z' },
        { title: 'Refactor_auth', labels: ['Bug'] },
      ];
      for (const spec of specs) await createTask(ctx, t.member, board.id, spec);
    });
    const titles = async (query: string) => (await ctx.call<Page<TaskBody>>(t.member, 'GET', `/api/boards/${board.id}/tasks${query}`)).items.map((x) => x.title);

    it('filters by assignee, label, status, column, due date and title, newest first', async () => {
      expect(await titles('')).toEqual(['Refactor_auth', 'Write docs', 'Crash on 100% CPU', 'Login page redesign', 'Fix login bug']);
      expect(await titles(`?assigneeId=${t.member.user.id}`)).toEqual(['Write docs', 'Fix login bug']);
      expect(await titles('?label=BUG')).toEqual(['Refactor_auth', 'Crash on 100% CPU', 'Fix login bug']);
      expect(await titles('?status=in%20progress')).toEqual(['Write docs', 'Login page redesign']);
      expect(await titles('?dueBefore=2030-02-01T00:00:00Z')).toEqual(['Write docs', 'Fix login bug']);
      expect(await titles('?q=LOGIN')).toEqual(['Login page redesign', 'Fix login bug']);
      expect(await titles('?q=100%25')).toEqual(['Crash on 100% CPU']);
      expect(await titles('?q=r_a')).toEqual(['Refactor_auth']);
      expect(await titles(`?label=bug&assigneeId=${t.member.user.id}&status=To%20Do`)).toEqual(['Fix login bug']);
      expect(await titles('?status=Nowhere')).toEqual([]);
      const done = (await boardView(ctx, t.member, board.id)).columns[2];
      expect(await titles(`?columnId=${done.id}`)).toEqual(['Crash on 100% CPU']);
    });

    it('pages with an opaque cursor until the end', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res: Page<TaskBody> = await ctx.call<Page<TaskBody>>(t.member, 'GET', `/api/boards/${board.id}/tasks?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.items.length).toBeLessThanOrEqual(2);
        seen.push(...res.items.map((x) => x.title));
        cursor = res.nextCursor;
      } while (cursor);
      expect(seen).toEqual(await titles(''));
    });

    it('rejects bad filters naming the field', async () => {
      const bad = async (query: string, message: RegExp) => expectError(await ctx.fetch(`/api/boards/${board.id}/tasks${query}`, { headers: t.member.auth }), 400, message);
      await bad('?assigneeId=me', /assigneeId must be a UUID/);
      await bad('?dueBefore=soon', /dueBefore must be a valid ISO 8601/);
      await bad('?limit=0', /limit must not be less than 1/);
      await bad('?limit=ten', /limit must be an integer/);
      await bad('?cursor=%7B%7D', /cursor is invalid/);
      await bad('?sort=title', /property sort should not exist/);
    });

    it('searches titles across the workspace, best match first', async () => {
      const search = async (q: string) =>
        (await ctx.call<TaskBody[]>(t.member, 'GET', `/api/boards/tasks/search?workspaceId=${t.workspaceId}&q=${encodeURIComponent(q)}`)).map((x) => x.title);
      expect(await search('login')).toEqual(expect.arrayContaining(['Fix login bug', 'Login page redesign']));
      expect((await search('login bug'))[0]).toBe('Fix login bug');
      expect(await search('no such title')).toEqual([]);
      await expectError(await ctx.fetch(`/api/boards/tasks/search?workspaceId=${t.workspaceId}`, { headers: t.member.auth }), 400, /q must be a string/);
      await expectError(await ctx.fetch(`/api/boards/tasks/search?workspaceId=${t.workspaceId}&q=x&limit=51`, { headers: t.member.auth }), 400, /limit must not be greater than 50/);
      await expectError(await ctx.fetch(`/api/boards/tasks/search?workspaceId=${t.workspaceId}&q=login`, { headers: t.outsider.auth }), 404, /Workspace not found/);
    });
  });

  it('keeps tasks of other boards out of the board view', async () => {
    const other = await ctx.call<BoardBody>(t.owner, 'POST', '/api/boards', { projectId: t.project.id, name: 'Other' });
    await createTask(ctx, t.member, other.id, { title: 'elsewhere' });
    expect(layout(await boardView(ctx, t.member, other.id))['To Do']).toEqual(['elsewhere']);
    expect(layout(await boardView(ctx, t.member, t.board.id))['To Do']).not.toContain('elsewhere');
  });
});
