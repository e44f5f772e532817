import { randomUUID } from 'node:crypto';
import { BoardTestContext, expectError } from './support/board-test-context';
import { team, type ProjectBody, type Team } from './support/fixtures';

// Each file boots the user service as a process and the board in-process; the machine is shared.
jest.setTimeout(60_000);

describe('board service: projects', () => {
  let ctx: BoardTestContext;
  let t: Team;
  const base = '/api/boards/projects';

  beforeAll(async () => {
    ctx = await BoardTestContext.start('board_projects');
    t = await team(ctx);
  });
  afterAll(() => ctx.stop());

  it('creates, lists, gets and updates projects with versions', async () => {
    const created = await ctx.call<ProjectBody>(t.admin, 'POST', base, { workspaceId: t.workspaceId, name: 'Roadmap', description: 'Q3' });
    expect(created).toMatchObject({ workspaceId: t.workspaceId, name: 'Roadmap', description: 'Q3', version: 1, archived: false, createdBy: t.admin.user.id });

    const list = await ctx.call<ProjectBody[]>(t.member, 'GET', `${base}?workspaceId=${t.workspaceId}`);
    expect(list.map((p) => p.name)).toEqual(['Launch', 'Roadmap']);
    expect(await ctx.call<ProjectBody>(t.member, 'GET', `${base}/${created.id}`)).toEqual(created);

    const renamed = await ctx.call<ProjectBody>(t.owner, 'PATCH', `${base}/${created.id}`, { name: 'Roadmap 2026', version: 1 });
    expect(renamed).toMatchObject({ name: 'Roadmap 2026', description: 'Q3', version: 2 });
    await expectError(await ctx.fetch(`${base}/${created.id}`, { method: 'PATCH', headers: t.owner.auth, json: { name: 'Stale', version: 1 } }), 409, /current version is 2, you sent 1/);
  });

  it('archives and restores, hiding archived projects from lists unless asked', async () => {
    const p = await ctx.call<ProjectBody>(t.owner, 'POST', base, { workspaceId: t.workspaceId, name: 'Old' });
    const archived = await ctx.call<ProjectBody>(t.owner, 'POST', `${base}/${p.id}/archive`);
    expect(archived).toMatchObject({ archived: true, version: 2 });
    expect((await ctx.call<ProjectBody>(t.owner, 'POST', `${base}/${p.id}/archive`)).version).toBe(2);
    const names = async (q: string) => (await ctx.call<ProjectBody[]>(t.member, 'GET', `${base}?workspaceId=${t.workspaceId}${q}`)).map((x) => x.name);
    expect(await names('')).not.toContain('Old');
    expect(await names('&includeArchived=true')).toContain('Old');
    await expectError(await ctx.fetch(`${base}/${p.id}`, { method: 'PATCH', headers: t.owner.auth, json: { name: 'x', version: 2 } }), 409, /archived/);
    await expectError(await ctx.fetch('/api/boards', { method: 'POST', headers: t.owner.auth, json: { projectId: p.id, name: 'B' } }), 409, /Project is archived/);
    expect(await ctx.call<ProjectBody>(t.owner, 'POST', `${base}/${p.id}/restore`)).toMatchObject({ archived: false, version: 3 });
  });

  it('rejects bad input naming the field', async () => {
    const bad = async (method: string, path: string, json: unknown, message: RegExp) =>
      expectError(await ctx.fetch(path, { method, headers: t.owner.auth, json }), 400, message);
    const body = await bad('POST', base, { workspaceId: 'nope', name: 'x' }, /workspaceId must be a UUID/);
    expect(body['errors']).toEqual([{ field: 'workspaceId', message: 'workspaceId must be a UUID' }]);
    await bad('POST', base, { workspaceId: t.workspaceId, name: '' }, /name must be longer than or equal to 1/);
    await bad('POST', base, { workspaceId: t.workspaceId, name: 'x'.repeat(101) }, /name must be shorter than or equal to 100/);
    await bad('POST', base, { workspaceId: t.workspaceId, name: 'x', color: 'red' }, /property color should not exist/);
    await bad('PATCH', `${base}/${t.project.id}`, { name: 'x' }, /version must be an integer/);
    await bad('PATCH', `${base}/${t.project.id}`, { name: 'x', version: 0 }, /version must not be less than 1/);
    await expectError(await ctx.fetch(`${base}?workspaceId=${t.workspaceId}&includeArchived=maybe`, { headers: t.owner.auth }), 400, /includeArchived must be a boolean/);
    await expectError(await ctx.fetch(base, { headers: t.owner.auth }), 400, /workspaceId must be a UUID/);
    await expectError(await ctx.fetch(`${base}/not-a-uuid`, { headers: t.owner.auth }), 400, /uuid/);
  });

  it('answers 404 for unknown projects and workspaces, 403 to members who may not manage', async () => {
    await expectError(await ctx.fetch(`${base}/${randomUUID()}`, { headers: t.owner.auth }), 404, /Project not found/);
    await expectError(await ctx.fetch(`${base}?workspaceId=${randomUUID()}`, { headers: t.owner.auth }), 404, /Workspace not found/);
    await expectError(await ctx.fetch(base, { method: 'POST', headers: t.member.auth, json: { workspaceId: t.workspaceId, name: 'Mine' } }), 403, /create projects/);
    await expectError(await ctx.fetch(`${base}/${t.project.id}`, { method: 'PATCH', headers: t.member.auth, json: { name: 'x', version: 1 } }), 403);
    await expectError(await ctx.fetch(`${base}/${t.project.id}/archive`, { method: 'POST', headers: t.member.auth }), 403);
    await expectError(await ctx.fetch(`${base}/${t.project.id}/restore`, { method: 'POST', headers: t.member.auth }), 403);
  });
});
