import { randomUUID } from 'node:crypto';
import { BoardTestContext, expectError } from './support/board-test-context';
import { createTask, team, type BoardBody, type TaskBody, type Team } from './support/fixtures';

interface CommentBody {
  id: string;
  taskId: string;
  authorId: string;
  body: string;
  edited: boolean;
  version: number;
}

// Each file boots the user service as a process and the board in-process; the machine is shared.
jest.setTimeout(60_000);

describe('board service: comments', () => {
  let ctx: BoardTestContext;
  let t: Team;
  let task: TaskBody;

  beforeAll(async () => {
    ctx = await BoardTestContext.start('board_comments');
    t = await team(ctx);
    task = await createTask(ctx, t.member, t.board.id, { title: 'Discuss me' });
  });
  afterAll(() => ctx.stop());

  const comments = (id = task.id) => `/api/boards/tasks/${id}/comments`;

  it('adds and lists comments oldest first with cursor pages', async () => {
    for (let i = 1; i <= 5; i++) await ctx.call<CommentBody>(i % 2 ? t.member : t.admin, 'POST', comments(), { body: `comment ${i}` });
    const first = await ctx.call<{ items: CommentBody[]; nextCursor: string }>(t.owner, 'GET', `${comments()}?limit=3`);
    expect(first.items.map((c) => c.body)).toEqual(['comment 1', 'comment 2', 'comment 3']);
    expect(first.items[0]).toMatchObject({ taskId: task.id, authorId: t.member.user.id, edited: false, version: 1 });
    const rest = await ctx.call<{ items: CommentBody[]; nextCursor: null }>(t.owner, 'GET', `${comments()}?limit=3&cursor=${first.nextCursor}`);
    expect(rest.items.map((c) => c.body)).toEqual(['comment 4', 'comment 5']);
    expect(rest.nextCursor).toBeNull();
  });

  it('lets only the author edit, with a version, and the author or a manager delete', async () => {
    const mine = await ctx.call<CommentBody>(t.member, 'POST', comments(), { body: 'typo' });
    const url = `/api/boards/comments/${mine.id}`;
    await expectError(await ctx.fetch(url, { method: 'PATCH', headers: t.owner.auth, json: { body: 'owner edit', version: 1 } }), 403, /Only the author can edit/);
    const edited = await ctx.call<CommentBody>(t.member, 'PATCH', url, { body: 'fixed', version: 1 });
    expect(edited).toMatchObject({ body: 'fixed', edited: true, version: 2 });
    await expectError(await ctx.fetch(url, { method: 'PATCH', headers: t.member.auth, json: { body: 'again', version: 1 } }), 409, /Comment was changed/);

    const other = await ctx.call<CommentBody>(t.admin, 'POST', comments(), { body: 'from admin' });
    await expectError(await ctx.fetch(`/api/boards/comments/${other.id}`, { method: 'DELETE', headers: t.member.auth }), 403, /author or workspace owners and admins/);
    expect((await ctx.fetch(url, { method: 'DELETE', headers: t.member.auth })).status).toBe(204);
    expect((await ctx.fetch(`/api/boards/comments/${other.id}`, { method: 'DELETE', headers: t.owner.auth })).status).toBe(204);
    await expectError(await ctx.fetch(url, { method: 'DELETE', headers: t.member.auth }), 404, /Comment not found/);

    const history = await ctx.call<{ items: { action: string }[] }>(t.member, 'GET', `/api/boards/tasks/${task.id}/activity?limit=4`);
    expect(history.items.map((a) => a.action)).toEqual(['comment.deleted', 'comment.deleted', 'comment.added', 'comment.edited']);
  });

  it('rejects bad input and unknown tasks', async () => {
    await expectError(await ctx.fetch(comments(), { method: 'POST', headers: t.member.auth, json: {} }), 400, /body must be a string/);
    await expectError(await ctx.fetch(comments(), { method: 'POST', headers: t.member.auth, json: { body: '' } }), 400, /body must be longer than or equal to 1/);
    await expectError(await ctx.fetch(comments(), { method: 'POST', headers: t.member.auth, json: { body: 'x'.repeat(10_001) } }), 400, /body must be shorter than or equal to 10000/);
    await expectError(await ctx.fetch(comments(randomUUID()), { method: 'POST', headers: t.member.auth, json: { body: 'x' } }), 404, /Task not found/);
    await expectError(await ctx.fetch(comments('nope'), { headers: t.member.auth }), 400, /uuid/);
    await expectError(await ctx.fetch(`/api/boards/comments/${randomUUID()}`, { method: 'PATCH', headers: t.member.auth, json: { body: 'x', version: 1 } }), 404, /Comment not found/);
  });

  it('makes comments read-only on an archived board', async () => {
    const b = await ctx.call<BoardBody>(t.owner, 'POST', '/api/boards', { projectId: t.project.id, name: 'Frozen' });
    const frozen = await createTask(ctx, t.member, b.id, { title: 'frozen' });
    await ctx.call(t.owner, 'POST', `/api/boards/${b.id}/archive`);
    await expectError(await ctx.fetch(comments(frozen.id), { method: 'POST', headers: t.member.auth, json: { body: 'x' } }), 409, /Board is archived/);
    expect((await ctx.fetch(comments(frozen.id), { headers: t.member.auth })).status).toBe(200);
  });
});
