import { postForm } from '@wealist/object-store/testing';
import { BoardTestContext, expectError, type TestUser } from './support/board-test-context';
import { boardView, createTask, team, type Team } from './support/fixtures';

type Route = [method: string, path: string, body?: unknown];

// Each file boots the user service as a process and the board in-process; the machine is shared.
jest.setTimeout(60_000);

/**
 * The authorization matrix: every route answers 401 without credentials, 404 to a user of
 * another workspace (nothing about the object leaks), and 403 to a member for what only owners
 * and admins (or the author of the object) may do.
 */
describe('board service: authorization matrix', () => {
  let ctx: BoardTestContext;
  let t: Team;
  let ids: { project: string; board: string; column: string; task: string; comment: string; attachment: string; ws: string };
  let routes: Route[];
  let managerRoutes: Route[];
  let authorRoutes: Route[];

  beforeAll(async () => {
    ctx = await BoardTestContext.start('board_authz', {}, { s3: true });
    t = await team(ctx);
    const column = (await boardView(ctx, t.owner, t.board.id)).columns[0].id;
    const task = await createTask(ctx, t.admin, t.board.id, { title: 'Admin task' });
    const comment = await ctx.call<{ id: string }>(t.admin, 'POST', `/api/boards/tasks/${task.id}/comments`, { body: 'admin says' });
    const ticket = await ctx.call<{ attachment: { id: string }; upload: { url: string; fields: Record<string, string> } }>(
      t.admin, 'POST', `/api/boards/tasks/${task.id}/attachments`, { fileName: 'a.txt', contentType: 'text/plain', size: 5 },
    );
    await postForm(ticket.upload, Buffer.from('hello'));
    ids = { project: t.project.id, board: t.board.id, column, task: task.id, comment: comment.id, attachment: ticket.attachment.id, ws: t.workspaceId };
    const i = ids;
    managerRoutes = [
      ['POST', '/api/boards/projects', { workspaceId: i.ws, name: 'P' }],
      ['PATCH', `/api/boards/projects/${i.project}`, { name: 'P', version: 1 }],
      ['POST', `/api/boards/projects/${i.project}/archive`],
      ['POST', `/api/boards/projects/${i.project}/restore`],
      ['POST', '/api/boards', { projectId: i.project, name: 'B' }],
      ['PATCH', `/api/boards/${i.board}`, { name: 'B', version: 1 }],
      ['POST', `/api/boards/${i.board}/archive`],
      ['POST', `/api/boards/${i.board}/restore`],
      ['POST', `/api/boards/${i.board}/columns`, { name: 'C' }],
      ['PATCH', `/api/boards/columns/${i.column}`, { name: 'C', version: 1 }],
      ['POST', `/api/boards/columns/${i.column}/archive`],
      ['POST', `/api/boards/columns/${i.column}/restore`],
    ];
    authorRoutes = [
      ['DELETE', `/api/boards/tasks/${i.task}`],
      ['PATCH', `/api/boards/comments/${i.comment}`, { body: 'x', version: 1 }],
      ['DELETE', `/api/boards/comments/${i.comment}`],
      ['POST', `/api/boards/attachments/${i.attachment}/complete`],
      ['DELETE', `/api/boards/attachments/${i.attachment}`],
    ];
    routes = [
      ...managerRoutes,
      ...authorRoutes,
      ['GET', `/api/boards/projects?workspaceId=${i.ws}`],
      ['GET', `/api/boards/projects/${i.project}`],
      ['GET', `/api/boards?projectId=${i.project}`],
      ['GET', `/api/boards/${i.board}`],
      ['GET', `/api/boards/${i.board}/activity`],
      ['GET', `/api/boards/${i.board}/columns`],
      ['GET', `/api/boards/columns/${i.column}`],
      ['POST', `/api/boards/${i.board}/tasks`, { title: 'T' }],
      ['GET', `/api/boards/${i.board}/tasks`],
      ['GET', `/api/boards/tasks/search?workspaceId=${i.ws}&q=task`],
      ['GET', `/api/boards/tasks/${i.task}`],
      ['PATCH', `/api/boards/tasks/${i.task}`, { title: 'T', version: 1 }],
      ['POST', `/api/boards/tasks/${i.task}/move`, { columnId: i.column }],
      ['GET', `/api/boards/tasks/${i.task}/activity`],
      ['POST', `/api/boards/tasks/${i.task}/comments`, { body: 'x' }],
      ['GET', `/api/boards/tasks/${i.task}/comments`],
      ['POST', `/api/boards/tasks/${i.task}/attachments`, { fileName: 'a.txt', contentType: 'text/plain', size: 1 }],
      ['GET', `/api/boards/tasks/${i.task}/attachments`],
      ['GET', `/api/boards/attachments/${i.attachment}`],
    ];
  });
  afterAll(() => ctx.stop());

  const call = (who: TestUser | null, [method, path, json]: Route) => ctx.fetch(path, { method, headers: who?.auth, json });

  it('covers every documented route', async () => {
    const doc = (await (await ctx.fetch('/docs-json')).json()) as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    const template = (path: string) =>
      path
        .split('?')[0]
        .replace(ids.project, '{projectId}')
        .replace(ids.board, '{boardId}')
        .replace(ids.column, '{columnId}')
        .replace(ids.task, '{taskId}')
        .replace(ids.comment, '{commentId}')
        .replace(ids.attachment, '{attachmentId}');
    expect(new Set(routes.map(([m, p]) => `${m} ${template(p)}`))).toEqual(new Set(documented));
  });

  it('answers 401 without credentials on every route', async () => {
    for (const route of routes) await expectError(await call(null, route), 401, /Missing bearer token or API key/);
  });

  it('answers 404 to a user of another workspace on every route, and changes nothing', async () => {
    const before = await boardView(ctx, t.owner, ids.board);
    for (const route of routes) {
      const res = await call(t.outsider, route);
      expect({ route: route.slice(0, 2), status: res.status }).toEqual({ route: route.slice(0, 2), status: 404 });
      await expectError(res, 404, / not found$/);
    }
    expect(await boardView(ctx, t.owner, ids.board)).toEqual(before);
  });

  it("answers 403 to a member for managers' actions and other people's things", async () => {
    for (const route of [...managerRoutes, ...authorRoutes]) {
      const res = await call(t.member, route);
      expect({ route: route.slice(0, 2), status: res.status }).toEqual({ route: route.slice(0, 2), status: 403 });
      await expectError(res, 403);
    }
  });

  it('lets an admin do what the member could not', async () => {
    const [, patchProject, archiveProject, restoreProject] = managerRoutes;
    for (const route of [patchProject, archiveProject, restoreProject]) expect((await call(t.admin, route)).status).toBe(200);
    expect((await call(t.admin, ['DELETE', `/api/boards/comments/${ids.comment}`])).status).toBe(204);
  });
});
