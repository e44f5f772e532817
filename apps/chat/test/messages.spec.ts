import { decodeEntry } from '@wealist/events';
import { TEST_REDIS_URL } from '@wealist/testing';
import Redis from 'ioredis';
import { ChatTestContext, expectError, type TestUser } from './support/chat-test-context';
import { waitUntil } from './support/chat-client';

jest.setTimeout(60_000);

interface Message {
  id: string;
  seq: number;
  senderId: string;
  body: string;
  mentions: string[];
  editedAt: string | null;
  deletedAt: string | null;
}

describe('chat service: messages over REST', () => {
  let ctx: ChatTestContext;
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;
  let workspaceId: string;
  let bus: Redis;

  const call = (who: TestUser, method: string, path: string, json?: unknown) => ctx.api(who, method, `/api/chats${path}`, json);
  const send = async (who: TestUser, roomId: string, body: string, clientMessageId?: string): Promise<Message> => {
    const res = await call(who, 'POST', `/rooms/${roomId}/messages`, { body, clientMessageId });
    expect(res.status).toBe(201);
    return (await res.json()) as Message;
  };

  beforeAll(async () => {
    ctx = await ChatTestContext.start('chat_messages', { CHAT_MAX_MESSAGE_BYTES: '300' });
    [alice, bob, carol] = await Promise.all([ctx.newUser('Alice'), ctx.newUser('Bob'), ctx.newUser('Carol')]);
    workspaceId = await ctx.workspace(alice, [bob, carol]);
    bus = new Redis(TEST_REDIS_URL, { db: 6 });
  });
  afterAll(async () => {
    bus.disconnect();
    await ctx.stop();
  });

  it('gives concurrent sends a gapless, increasing sequence and pages history by it', async () => {
    const roomId = await ctx.room(alice, workspaceId, [bob]);
    const sent = await Promise.all(Array.from({ length: 30 }, (_, i) => send(i % 2 ? alice : bob, roomId, `m${i}`)));
    expect(sent.map((m) => m.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));

    const newest = (await (await call(bob, 'GET', `/rooms/${roomId}/messages?limit=12`)).json()) as { messages: Message[]; nextCursor: number };
    expect(newest.messages.map((m) => m.seq)).toEqual(Array.from({ length: 12 }, (_, i) => i + 19));
    expect(newest.nextCursor).toBe(19);
    const older = (await (await call(bob, 'GET', `/rooms/${roomId}/messages?before=19&limit=20`)).json()) as { messages: Message[]; nextCursor: number | null };
    expect(older.messages.map((m) => m.seq)).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
    expect(older.nextCursor).toBeNull();
    const after = (await (await call(bob, 'GET', `/rooms/${roomId}/messages?after=25`)).json()) as { messages: Message[] };
    expect(after.messages.map((m) => m.seq)).toEqual([26, 27, 28, 29, 30]);
    await expectError(await call(bob, 'GET', `/rooms/${roomId}/messages?after=1&before=3`), 400, /either before or after/);
    await expectError(await call(bob, 'GET', `/rooms/${roomId}/messages?limit=500`), 400, /limit must not be greater than 200/);
  });

  it('returns the stored message for a retried client id instead of a copy', async () => {
    const roomId = await ctx.room(alice, workspaceId, [bob]);
    const [a, b] = await Promise.all([send(alice, roomId, 'once', 'c-1'), send(alice, roomId, 'once', 'c-1')]);
    expect(b.id).toBe(a.id);
    expect((await send(alice, roomId, 'next')).seq).toBe(2);
  });

  it('edits and deletes only own messages; a deleted message keeps its sequence', async () => {
    const roomId = await ctx.room(alice, workspaceId, [bob]);
    const m = await send(alice, roomId, 'tpyo');
    await expectError(await call(bob, 'PATCH', `/rooms/${roomId}/messages/${m.seq}`, { body: 'hijack' }), 403, /Only the author/);
    const edited = (await (await call(alice, 'PATCH', `/rooms/${roomId}/messages/${m.seq}`, { body: 'typo' })).json()) as Message;
    expect(edited).toMatchObject({ seq: m.seq, body: 'typo', editedAt: expect.any(String) });
    await expectError(await call(bob, 'DELETE', `/rooms/${roomId}/messages/${m.seq}`), 403);
    expect((await call(alice, 'DELETE', `/rooms/${roomId}/messages/${m.seq}`)).status).toBe(204);
    await expectError(await call(alice, 'DELETE', `/rooms/${roomId}/messages/${m.seq}`), 409, /deleted/);
    await expectError(await call(alice, 'PATCH', `/rooms/${roomId}/messages/99`, { body: 'x' }), 404, /Message not found/);
    const page = (await (await call(bob, 'GET', `/rooms/${roomId}/messages`)).json()) as { messages: Message[] };
    expect(page.messages).toEqual([expect.objectContaining({ seq: 1, body: '', deletedAt: expect.any(String) })]);
  });

  it('refuses empty and oversized bodies with 400 and 413', async () => {
    const roomId = await ctx.room(alice, workspaceId, [bob]);
    await expectError(await call(alice, 'POST', `/rooms/${roomId}/messages`, { body: '   ' }), 400, /empty/);
    await expectError(await call(alice, 'POST', `/rooms/${roomId}/messages`, { body: 'é'.repeat(151) }), 413, /302 bytes; the limit is 300/);
  });

  it('counts unread messages of others after the read position, and marks read forward only', async () => {
    const roomId = await ctx.room(alice, workspaceId, [bob]);
    for (const body of ['a', 'b', 'c']) await send(alice, roomId, body);
    await send(bob, roomId, 'mine');
    const unread = async () => ((await (await call(bob, 'GET', `/unread?workspaceId=${workspaceId}`)).json()) as { roomId: string; unreadCount: number }[]).find((u) => u.roomId === roomId);
    expect(await unread()).toMatchObject({ unreadCount: 3, lastSeq: 4, lastReadSeq: 0 });
    expect(await (await call(bob, 'POST', `/rooms/${roomId}/read`, { seq: 2 })).json()).toEqual({ roomId, lastReadSeq: 2 });
    expect(await unread()).toMatchObject({ unreadCount: 1 });
    expect(await (await call(bob, 'POST', `/rooms/${roomId}/read`, { seq: 1 })).json()).toEqual({ roomId, lastReadSeq: 2 });
    expect(await (await call(bob, 'POST', `/rooms/${roomId}/read`, { seq: 1000 })).json()).toEqual({ roomId, lastReadSeq: 4 });
    expect(await unread()).toMatchObject({ unreadCount: 0 });
  });

  it('turns mentions of room members into one chat.mentioned event on the bus', async () => {
    const roomId = await ctx.room(alice, workspaceId, [bob]);
    const m = await send(alice, roomId, `hey <@${bob.id}> and <@${carol.id}> (not in the room) and me <@${alice.id}>`);
    expect(m.mentions).toEqual([bob.id]);
    await send(alice, roomId, 'no mention here');
    const stream = `${ctx.namespace}events:chat`;
    await waitUntil(async () => (await bus.xlen(stream)) >= 1, 10_000, 'the mention event');
    const entries = await bus.xrange(stream, '-', '+');
    expect(entries).toHaveLength(1);
    const event = decodeEntry(entries[0][1]);
    expect(event).toMatchObject({
      type: 'chat.mentioned',
      producer: 'chat',
      payload: { messageId: m.id, roomId, workspaceId, seq: m.seq, senderId: alice.id, senderName: 'Alice', mentionedUserIds: [bob.id] },
    });
  });
});
