import { randomUUID } from 'node:crypto';
import { ChatTestContext, expectError, type TestUser } from './support/chat-test-context';

jest.setTimeout(60_000);

interface Room {
  id: string;
  kind: string;
  name: string | null;
  role: string;
  lastSeq: number;
  unreadCount: number;
  lastReadSeq: number;
  archivedAt: string | null;
}

describe('chat service: rooms and members over REST', () => {
  let ctx: ChatTestContext;
  let owner: TestUser;
  let member: TestUser;
  let other: TestUser;
  let outsider: TestUser;
  let workspaceId: string;

  const call = (who: TestUser, method: string, path: string, json?: unknown) => ctx.api(who, method, `/api/chats${path}`, json);
  const json = async <T>(res: Promise<Response>, status = 200): Promise<T> => {
    const r = await res;
    const body = (await r.json()) as T;
    expect({ status: r.status, body }).toMatchObject({ status });
    return body;
  };

  beforeAll(async () => {
    ctx = await ChatTestContext.start('chat_rooms');
    [owner, member, other, outsider] = await Promise.all([ctx.newUser('Owner'), ctx.newUser('Member'), ctx.newUser('Other'), ctx.newUser('Outsider')]);
    workspaceId = await ctx.workspace(owner, [member, other]);
  });
  afterAll(() => ctx.stop());

  it('creates a channel with members and lists it for each of them with their role', async () => {
    const room = await json<Room>(call(owner, 'POST', '/rooms', { workspaceId, kind: 'channel', name: 'general', memberIds: [member.id] }), 201);
    expect(room).toMatchObject({ kind: 'channel', name: 'general', role: 'owner', lastSeq: 0, unreadCount: 0 });
    const listed = await json<Room[]>(call(member, 'GET', `/rooms?workspaceId=${workspaceId}`));
    expect(listed).toEqual([expect.objectContaining({ id: room.id, role: 'member' })]);
    expect(await json<Room[]>(call(other, 'GET', '/rooms'))).toEqual([]);
    const members = await json<{ userId: string; role: string }[]>(call(member, 'GET', `/rooms/${room.id}/members`));
    expect(members.map((m) => [m.userId, m.role])).toEqual([
      [owner.id, 'owner'],
      [member.id, 'member'],
    ]);
  });

  it('opens one direct room per pair, whoever opens it', async () => {
    const a = await json<Room>(call(owner, 'POST', '/rooms', { workspaceId, kind: 'direct', memberIds: [other.id] }), 201);
    const b = await json<Room>(call(other, 'POST', '/rooms', { workspaceId, kind: 'direct', memberIds: [owner.id] }), 201);
    expect(b.id).toBe(a.id);
    expect(a).toMatchObject({ kind: 'direct', name: null });
    await expectError(await call(owner, 'POST', '/rooms', { workspaceId, kind: 'direct', memberIds: [other.id, member.id] }), 400, /exactly one other member/);
    await expectError(await call(owner, 'PATCH', `/rooms/${a.id}`, { name: 'x' }), 422, /no name/);
    await expectError(await call(owner, 'POST', `/rooms/${a.id}/members`, { userId: member.id }), 422);
  });

  it('refuses outsiders: 404 for the workspace and for every room route', async () => {
    await expectError(await call(outsider, 'POST', '/rooms', { workspaceId, kind: 'channel', name: 'x' }), 404, /Workspace not found/);
    const roomId = await ctx.room(owner, workspaceId, [member]);
    const routes: [string, string, unknown?][] = [
      ['GET', `/rooms/${roomId}`],
      ['PATCH', `/rooms/${roomId}`, { name: 'n' }],
      ['POST', `/rooms/${roomId}/archive`],
      ['GET', `/rooms/${roomId}/members`],
      ['POST', `/rooms/${roomId}/members`, { userId: outsider.id }],
      ['DELETE', `/rooms/${roomId}/members/${member.id}`],
      ['GET', `/rooms/${roomId}/messages`],
      ['POST', `/rooms/${roomId}/messages`, { body: 'hi' }],
      ['PATCH', `/rooms/${roomId}/messages/1`, { body: 'hi' }],
      ['DELETE', `/rooms/${roomId}/messages/1`],
      ['POST', `/rooms/${roomId}/read`, { seq: 1 }],
      ['GET', `/rooms/${roomId}/presence`],
    ];
    for (const [method, path, body] of routes) await expectError(await call(outsider, method, path, body), 404, /Room not found/);
    await expectError(await call(owner, 'GET', `/rooms/${randomUUID()}`), 404);
    await expectError(await ctx.api(null, 'GET', `/api/chats/rooms/${roomId}`), 401);
  });

  it('adds only workspace members, once; removes as owner or by leaving; members cannot remove others', async () => {
    const roomId = await ctx.room(owner, workspaceId, [member]);
    await expectError(await call(member, 'POST', `/rooms/${roomId}/members`, { userId: outsider.id }), 422, /Not members of this workspace/);
    expect((await call(member, 'POST', `/rooms/${roomId}/members`, { userId: other.id })).status).toBe(201);
    await expectError(await call(member, 'POST', `/rooms/${roomId}/members`, { userId: other.id }), 409);
    await expectError(await call(member, 'DELETE', `/rooms/${roomId}/members/${other.id}`), 403);
    expect((await call(owner, 'DELETE', `/rooms/${roomId}/members/${other.id}`)).status).toBe(204);
    expect((await call(member, 'DELETE', `/rooms/${roomId}/members/${member.id}`)).status).toBe(204);
    await expectError(await call(member, 'GET', `/rooms/${roomId}`), 404);
  });

  it('renames and archives as owner; an archived room takes no messages', async () => {
    const roomId = await ctx.room(owner, workspaceId, [member]);
    await expectError(await call(member, 'PATCH', `/rooms/${roomId}`, { name: 'mine' }), 403);
    expect(await json<Room>(call(owner, 'PATCH', `/rooms/${roomId}`, { name: 'renamed' }))).toMatchObject({ name: 'renamed' });
    const archived = await json<Room>(call(owner, 'POST', `/rooms/${roomId}/archive`));
    expect(archived.archivedAt).not.toBeNull();
    await expectError(await call(owner, 'POST', `/rooms/${roomId}/archive`), 409, /already archived/);
    await expectError(await call(member, 'POST', `/rooms/${roomId}/messages`, { body: 'late' }), 409, /archived/);
  });

  it('validates input and names the field', async () => {
    await expectError(await call(owner, 'POST', '/rooms', { workspaceId, kind: 'channel' }), 400, /name must be a string/);
    await expectError(await call(owner, 'POST', '/rooms', { workspaceId: 'x', kind: 'channel', name: 'n' }), 400, /workspaceId must be a UUID/);
    await expectError(await call(owner, 'POST', '/rooms', { workspaceId, kind: 'group', name: 'n' }), 400, /kind must be one of/);
    await expectError(await call(owner, 'POST', '/rooms', { workspaceId, kind: 'channel', name: 'n', extra: 1 }), 400, /property extra should not exist/);
    await expectError(await call(owner, 'GET', '/rooms/not-a-uuid'), 400, /uuid/);
  });
});
