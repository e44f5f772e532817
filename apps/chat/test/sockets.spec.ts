import { signTestToken, startBuiltService, testRedis } from '@wealist/testing';
import type Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { ChatClient, waitUntil } from './support/chat-client';
import { ChatTestContext, type TestUser } from './support/chat-test-context';

jest.setTimeout(60_000);

describe('chat service: socket auth, limits, typing and presence', () => {
  let ctx: ChatTestContext;
  let alice: TestUser;
  let bob: TestUser;
  let outsider: TestUser;
  let workspaceId: string;
  let roomId: string;
  let presence: Redis;
  let authState: Redis;
  const clients: ChatClient[] = [];

  const connect = async (user: TestUser | string, instance = 0) => {
    const client = await ChatClient.connect(ctx.instances[instance].url, typeof user === 'string' ? user : user.token);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    // Instance 0: the defaults but a short presence TTL; instance 1: tight limits.
    ctx = await ChatTestContext.start('chat_sockets', { CHAT_PRESENCE_TTL_MS: '3000' });
    await ctx.startInstance({ CHAT_MESSAGES_PER_SECOND: '5', CHAT_MAX_ROOMS_PER_CONNECTION: '2', CHAT_MAX_MESSAGE_BYTES: '1000' });
    [alice, bob, outsider] = await Promise.all([ctx.newUser('Alice'), ctx.newUser('Bob'), ctx.newUser('Outsider')]);
    workspaceId = await ctx.workspace(alice, [bob, outsider]);
    roomId = await ctx.room(alice, workspaceId, [bob]);
    presence = testRedis(2, ctx.namespace);
    authState = testRedis(0, ctx.namespace);
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    presence.disconnect();
    authState.disconnect();
    await ctx.stop();
  });

  it('refuses a handshake without a valid, unrevoked token', async () => {
    await expect(ChatClient.connect(ctx.url, '')).rejects.toThrow('Missing access token');
    await expect(ChatClient.connect(ctx.url, 'not.a.token')).rejects.toThrow('Invalid access token');
    const jti = randomUUID();
    const revoked = await signTestToken(ctx.keys, { sub: alice.id, jti });
    await authState.set(`blacklist:${jti}`, '1', 'EX', 60);
    await expect(ChatClient.connect(ctx.url, revoked)).rejects.toThrow('Access token revoked');
  });

  it('ends a connection within a heartbeat once its token is revoked', async () => {
    const sid = randomUUID();
    const client = await connect(await signTestToken(ctx.keys, { sub: alice.id, sid }));
    expect((await client.join(roomId)).ok).toBe(true);
    await authState.set(`blacklist:${sid}`, '1', 'EX', 60);
    await waitUntil(() => !client.connected, 5_000, 'the disconnect');
    expect(client.errors).toEqual([expect.objectContaining({ code: 'unauthorized', message: 'Access token revoked' })]);
  });

  it('lets a non-member neither join nor send (not_found), and keeps the connection', async () => {
    const client = await connect(outsider);
    const join = await client.join(roomId);
    expect(join).toMatchObject({ ok: false, error: { code: 'not_found', message: 'Room not found' } });
    expect(await client.send(roomId, 'let me in')).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await client.emit('join', { roomId: 'nope' })).toMatchObject({ ok: false, error: { code: 'bad_request', message: 'roomId must be a UUID' } });
    expect(client.errors.map((e) => [e.event, e.code])).toEqual([
      ['join', 'not_found'],
      ['send', 'not_found'],
      ['join', 'bad_request'],
    ]);
    expect(client.connected).toBe(true);
  });

  it('refuses oversized and flooding messages with an error event, without disconnecting anyone', async () => {
    const flooder = await connect(alice, 1);
    const listener = await connect(bob, 0);
    await Promise.all([flooder.join(roomId), listener.join(roomId)]);
    const before = (await (await ctx.api(alice, 'GET', `/api/chats/rooms/${roomId}`)).json()) as { lastSeq: number };

    // Every attempt takes from the budget of 5, the refused oversized one too.
    expect(await flooder.send(roomId, 'x'.repeat(1001))).toMatchObject({ ok: false, error: { code: 'too_large' } });
    const burst = await Promise.all(Array.from({ length: 20 }, (_, i) => flooder.send(roomId, `flood ${i}`)));
    const accepted = burst.filter((a) => a.ok);
    expect(accepted).toHaveLength(4);
    expect(burst.filter((a) => !a.ok).every((a) => a.error?.code === 'rate_limited')).toBe(true);
    expect(flooder.errors.filter((e) => e.code === 'rate_limited')[0]).toMatchObject({ event: 'send', retryAfterMs: expect.any(Number) });
    expect(flooder.errors.filter((e) => e.code === 'too_large')).toHaveLength(1);

    await waitUntil(() => listener.seqs(roomId).length >= 4, 5_000, 'the accepted messages');
    expect(listener.seqs(roomId)).toEqual(accepted.map((a) => a.seq).sort((a, b) => (a ?? 0) - (b ?? 0)));
    expect(listener.seqs(roomId)[0]).toBe(before.lastSeq + 1);
    expect([flooder.connected, listener.connected]).toEqual([true, true]);
    await new Promise((r) => setTimeout(r, 400));
    expect((await flooder.send(roomId, 'after a pause')).ok).toBe(true);
  });

  it('limits the rooms one connection may join', async () => {
    const rooms = await Promise.all([1, 2, 3].map(() => ctx.room(alice, workspaceId, [])));
    const client = await connect(alice, 1);
    expect((await client.join(rooms[0])).ok).toBe(true);
    expect((await client.join(rooms[1])).ok).toBe(true);
    expect(await client.join(rooms[2])).toMatchObject({ ok: false, error: { code: 'too_many_rooms' } });
    expect((await client.emit('leave', { roomId: rooms[0] })).ok).toBe(true);
    expect((await client.join(rooms[2])).ok).toBe(true);
  });

  it('relays typing to the others and keeps presence in Redis until the last connection goes', async () => {
    let room = '';
    // Users of their own, so no connection of an earlier test keeps them online.
    const [dora, eve] = await Promise.all([ctx.newUser('Dora'), ctx.newUser('Eve')]);
    await ctx.workspace(dora, [eve]).then((ws) => ctx.room(dora, ws, [eve])).then((id) => (room = id));
    const a1 = await connect(dora, 0);
    const a2 = await connect(dora, 1);
    const b = await connect(eve, 1);
    await Promise.all([a1.join(room), a2.join(room), b.join(room)]);
    b.socket.emit('typing', { roomId: room, typing: true });
    await waitUntil(() => a1.events.some(([n]) => n === 'typing'), 5_000, 'typing');
    expect(a1.events.find(([n]) => n === 'typing')?.[1]).toEqual({ roomId: room, userId: eve.id, typing: true });
    expect(b.events.filter(([n]) => n === 'typing')).toEqual([]);

    const users = async () => (await presence.zrangebyscore(`chat:room:${room}:users`, Date.now(), '+inf')).sort();
    expect(await users()).toEqual([dora.id, eve.id].sort());
    expect(await presence.get(`chat:user:${dora.id}:status`)).toBe('online');
    a1.close();
    await new Promise((r) => setTimeout(r, 200));
    expect(await presence.get(`chat:user:${dora.id}:status`)).toBe('online'); // a2 is still there
    a2.close();
    await waitUntil(async () => (await presence.exists(`chat:user:${dora.id}:status`)) === 0, 5_000, 'dora offline');
    expect(await users()).toEqual([eve.id]);
    await waitUntil(() => b.events.some(([n, p]) => n === 'presence' && (p as { online: boolean }).online === false), 5_000, 'presence event');
  });

  it('stops delivering a room to a member removed from it', async () => {
    const room = await ctx.room(alice, workspaceId, [bob]);
    const a = await connect(alice, 0);
    const b = await connect(bob, 1);
    await Promise.all([a.join(room), b.join(room)]);
    expect((await ctx.api(alice, 'DELETE', `/api/chats/rooms/${room}/members/${bob.id}`)).status).toBe(204);
    await waitUntil(() => b.events.some(([n]) => n === 'room:removed'), 5_000, 'room:removed');
    expect((await a.send(room, 'after bob left')).ok).toBe(true);
    await waitUntil(() => a.seqs(room).length === 1, 5_000, 'own message');
    await new Promise((r) => setTimeout(r, 200));
    expect(b.seqs(room)).toEqual([]);
    expect(await b.send(room, 'still here?')).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('relays edits, deletions and renames to the sockets in the room on every instance', async () => {
    const room = await ctx.room(alice, workspaceId, [bob]);
    const a = await connect(alice, 0);
    const b = await connect(bob, 1);
    await Promise.all([a.join(room), b.join(room)]);
    const sent = await a.send(room, 'first draft');
    await ctx.api(alice, 'PATCH', `/api/chats/rooms/${room}/messages/${sent.seq}`, { body: 'final' }, 1);
    await ctx.api(alice, 'DELETE', `/api/chats/rooms/${room}/messages/${sent.seq}`);
    await ctx.api(alice, 'PATCH', `/api/chats/rooms/${room}`, { name: 'renamed' });
    await waitUntil(() => b.events.filter(([n]) => n !== 'presence').length >= 3, 5_000, 'the updates');
    expect(b.events.filter(([n]) => n !== 'presence')).toEqual([
      ['message:updated', expect.objectContaining({ seq: sent.seq, body: 'final', editedAt: expect.any(String) })],
      ['message:updated', expect.objectContaining({ seq: sent.seq, body: '', deletedAt: expect.any(String) })],
      ['room:updated', { roomId: room, name: 'renamed', archived: false }],
    ]);
  });

  it("clears the presence of an instance that dies, once its entries' TTL runs out", async () => {
    const [frank, gina] = await Promise.all([ctx.newUser('Frank'), ctx.newUser('Gina')]);
    const room = await ctx.room(frank, await ctx.workspace(frank, [gina]), [gina]);
    // A short TTL keeps the test quick; 3 s leaves room for heartbeats on a loaded CI machine.
    const doomed = await startBuiltService('chat', { ...ctx.env, CHAT_PRESENCE_TTL_MS: '3000' });
    try {
      const client = await ChatClient.connect(doomed.url, gina.token);
      clients.push(client);
      expect((await client.join(room)).ok).toBe(true);
      await waitUntil(async () => (await presence.get(`chat:user:${gina.id}:status`)) === 'online', 5_000, 'user online');
      await waitUntil(async () => (await presence.zscore(`chat:room:${room}:users`, gina.id)) !== null, 5_000, 'user in room');
      await doomed.stop('SIGKILL');
      await waitUntil(async () => (await presence.exists(`chat:user:${gina.id}:status`, `chat:room:${room}:users`)) === 0, 15_000, 'expiry');
    } finally {
      await doomed.stop('SIGKILL');
    }
  });
});
