import { randomUUID } from 'node:crypto';
import { expectError, UserTestContext, type TestUser } from './support/user-test-context';

interface Workspace {
  id: string;
  name: string;
  role: string;
  memberCount: number;
}

describe('user service: workspaces and members', () => {
  let ctx: UserTestContext;
  let owner: TestUser;
  let admin: TestUser;
  let member: TestUser;
  let outsider: TestUser;
  let workspace: Workspace;

  const call = (who: TestUser, method: string, path: string, json?: unknown) =>
    ctx.fetch(`/api/users/workspaces${path}`, { method, headers: who.auth, json });

  beforeAll(async () => {
    ctx = await UserTestContext.start('workspaces');
    [owner, admin, member, outsider] = await Promise.all([ctx.user(), ctx.user(), ctx.user(), ctx.user()]);
    const created = await call(owner, 'POST', '', { name: 'Research' });
    expect(created.status).toBe(201);
    workspace = (await created.json()) as Workspace;
    expect(workspace).toMatchObject({ name: 'Research', role: 'owner', memberCount: 1 });
    expect((await call(owner, 'POST', `/${workspace.id}/members`, { email: admin.user.email, role: 'admin' })).status).toBe(201);
    expect((await call(admin, 'POST', `/${workspace.id}/members`, { email: member.user.email, role: 'member' })).status).toBe(201);
  });
  afterAll(() => ctx.stop());

  it('lists and gets workspaces with the caller role', async () => {
    const list = (await (await call(member, 'GET', '')).json()) as Workspace[];
    expect(list).toEqual([expect.objectContaining({ id: workspace.id, role: 'member', memberCount: 3 })]);
    const one = (await (await call(admin, 'GET', `/${workspace.id}`)).json()) as Workspace;
    expect(one).toMatchObject({ id: workspace.id, role: 'admin' });
    expect(await (await call(outsider, 'GET', '')).json()).toEqual([]);
  });

  it('lists members in join order', async () => {
    const members = (await (await call(member, 'GET', `/${workspace.id}/members`)).json()) as { userId: string; role: string }[];
    expect(members.map((m) => [m.userId, m.role])).toEqual([
      [owner.user.id, 'owner'],
      [admin.user.id, 'admin'],
      [member.user.id, 'member'],
    ]);
  });

  it('hides the workspace from outsiders on every route (404)', async () => {
    const id = workspace.id;
    const routes: [string, string, unknown?][] = [
      ['GET', `/${id}`],
      ['GET', `/${id}/members`],
      ['POST', `/${id}/members`, { email: outsider.user.email, role: 'member' }],
      ['PATCH', `/${id}/members/${member.user.id}`, { role: 'admin' }],
      ['DELETE', `/${id}/members/${member.user.id}`],
    ];
    for (const [method, path, body] of routes) {
      await expectError(await call(outsider, method, path, body), 404, /Workspace not found/);
    }
    await expectError(await call(owner, 'GET', `/${randomUUID()}`), 404);
  });

  it('lets members read but not manage (403)', async () => {
    const id = workspace.id;
    await expectError(await call(member, 'POST', `/${id}/members`, { email: outsider.user.email, role: 'member' }), 403);
    await expectError(await call(member, 'PATCH', `/${id}/members/${admin.user.id}`, { role: 'member' }), 403);
    await expectError(await call(member, 'DELETE', `/${id}/members/${admin.user.id}`), 403);
    // Admins cannot touch owners or mint them.
    await expectError(await call(admin, 'PATCH', `/${id}/members/${owner.user.id}`, { role: 'member' }), 403);
    await expectError(await call(admin, 'DELETE', `/${id}/members/${owner.user.id}`), 403);
    await expectError(await call(admin, 'POST', `/${id}/members`, { email: outsider.user.email, role: 'owner' }), 403);
  });

  it('validates input and names the field', async () => {
    await expectError(await call(owner, 'POST', '', {}), 400, /name must be a string/);
    await expectError(await call(owner, 'POST', '', { name: 'x'.repeat(101) }), 400, /name must be shorter than or equal to 100/);
    await expectError(await call(owner, 'POST', '', { name: 'ok', extra: 1 }), 400, /property extra should not exist/);
    await expectError(await call(owner, 'GET', '/not-a-uuid'), 400, /uuid/);
    await expectError(await call(owner, 'POST', `/${workspace.id}/members`, { email: 'nope', role: 'member' }), 400, /email must be an email/);
    await expectError(await call(owner, 'POST', `/${workspace.id}/members`, { email: outsider.user.email, role: 'king' }), 400, /role must be one of/);
    await expectError(await call(owner, 'POST', `/${workspace.id}/members`, { email: 'ghost@example.com', role: 'member' }), 404, /No user/);
    await expectError(await call(owner, 'POST', `/${workspace.id}/members`, { email: member.user.email, role: 'member' }), 409);
  });

  it('changes roles and removes members; the last owner can neither leave nor be demoted', async () => {
    const id = workspace.id;
    await expectError(await call(owner, 'DELETE', `/${id}/members/${owner.user.id}`), 409, /at least one owner/);
    await expectError(await call(owner, 'PATCH', `/${id}/members/${owner.user.id}`, { role: 'admin' }), 409, /at least one owner/);

    const promoted = await call(owner, 'PATCH', `/${id}/members/${admin.user.id}`, { role: 'owner' });
    expect(((await promoted.json()) as { role: string }).role).toBe('owner');
    // With two owners, the first may now leave.
    expect((await call(owner, 'DELETE', `/${id}/members/${owner.user.id}`)).status).toBe(204);
    await expectError(await call(owner, 'GET', `/${id}`), 404);

    expect((await call(member, 'DELETE', `/${id}/members/${member.user.id}`)).status).toBe(204);
    const left = (await (await call(admin, 'GET', `/${id}/members`)).json()) as { userId: string }[];
    expect(left.map((m) => m.userId)).toEqual([admin.user.id]);
    await expectError(await call(admin, 'DELETE', `/${id}/members/${member.user.id}`), 404, /Member not found/);
  });

  it('keeps one owner when two owners try to leave at the same time', async () => {
    const a = await ctx.user();
    const b = await ctx.user();
    const ws = (await (await call(a, 'POST', '', { name: 'Race' })).json()) as Workspace;
    await call(a, 'POST', `/${ws.id}/members`, { email: b.user.email, role: 'owner' });
    const results = await Promise.all([call(a, 'DELETE', `/${ws.id}/members/${a.user.id}`), call(b, 'DELETE', `/${ws.id}/members/${b.user.id}`)]);
    expect(results.map((r) => r.status).sort()).toEqual([204, 409]);
  });
});
