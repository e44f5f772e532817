import { BoardEvents, TradingEvents, type TaskAssignedEvent } from '@wealist/events';
import { signTestToken, testRedis } from '@wealist/testing';
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { expectError, NotificationTestContext, waitUntil, type TestUser } from './support/notification-test-context';

jest.setTimeout(60_000);

interface Notification {
  id: string;
  type: string;
  title: string;
  read: boolean;
}

const task = (over: Partial<TaskAssignedEvent>): TaskAssignedEvent => ({
  taskId: randomUUID(),
  boardId: randomUUID(),
  projectId: randomUUID(),
  workspaceId: randomUUID(),
  title: 'Write the report',
  createdBy: randomUUID(),
  assigneeId: null,
  previousAssigneeId: null,
  assignedBy: randomUUID(),
  ...over,
});

function connect(url: string, token: string): Promise<Socket> {
  const socket = io(url, { path: '/ws/notifications', transports: ['websocket'], auth: { token }, reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

describe('notification service: list, read state, preferences, webhooks and push', () => {
  let ctx: NotificationTestContext;
  let alice: TestUser;
  let bob: TestUser;
  const sockets: Socket[] = [];

  const call = (who: TestUser, method: string, path: string, json?: unknown) => ctx.api(who, method, `/api/notifications${path}`, json);
  const unread = async (who: TestUser) => ((await (await call(who, 'GET', '/unread-count')).json()) as { count: number }).count;

  beforeAll(async () => {
    ctx = await NotificationTestContext.start('noti_api');
    await ctx.startInstance();
    [alice, bob] = await Promise.all([ctx.newUser('Alice'), ctx.newUser('Bob')]);
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await ctx.stop();
  });

  it('stores one notification per event even when the event arrives twice, and pages them newest first', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 25; i++) ids.push(await ctx.emit(BoardEvents.taskAssigned, task({ assigneeId: alice.id, title: `Task ${i}` })));
    await ctx.emit(BoardEvents.taskAssigned, task({ assigneeId: alice.id, title: 'Task 24' }), ids[24]);
    await waitUntil(async () => (await unread(alice)) >= 25, 15_000, '25 notifications');
    await new Promise((r) => setTimeout(r, 300));
    expect(await unread(alice)).toBe(25);

    const seen: string[] = [];
    let cursor: number | null = null;
    do {
      const res = await call(alice, 'GET', `?limit=10${cursor ? `&cursor=${cursor}` : ''}`);
      const page = (await res.json()) as { items: Notification[]; nextCursor: number | null };
      seen.push(...page.items.map((n) => n.title));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => `You were assigned “Task ${24 - i}”`));
    expect(await unread(bob)).toBe(0);
  });

  it('marks one or all as read; another user\'s notification is a 404', async () => {
    const page = (await (await call(alice, 'GET', '?limit=2')).json()) as { items: Notification[] };
    const read = (await (await call(alice, 'POST', `/${page.items[0].id}/read`)).json()) as Notification;
    expect(read).toMatchObject({ id: page.items[0].id, read: true });
    expect(await unread(alice)).toBe(24);
    await expectError(await call(bob, 'POST', `/${page.items[1].id}/read`), 404, /Notification not found/);
    expect(await (await call(alice, 'POST', '/read-all')).json()).toEqual({ updated: 24 });
    expect(await unread(alice)).toBe(0);
    const unreadOnly = (await (await call(alice, 'GET', '?unreadOnly=true')).json()) as { items: unknown[] };
    expect(unreadOnly.items).toEqual([]);
  });

  it('keeps preferences per event type; in-app off means nothing in the list', async () => {
    const defaults = (await (await call(bob, 'GET', '/preferences')).json()) as { eventType: string; inApp: boolean }[];
    expect(defaults.map((p) => p.eventType)).toEqual(['task.assigned', 'task.commented', 'task.due-soon', 'chat.mentioned', 'trading.signal']);
    expect(defaults.every((p) => p.inApp)).toBe(true);
    const put = await call(bob, 'PUT', '/preferences/task.assigned', { inApp: false, email: false, webhook: true });
    expect(await put.json()).toEqual({ eventType: 'task.assigned', inApp: false, email: false, webhook: true });
    await expectError(await call(bob, 'PUT', '/preferences/task.exploded', { inApp: true, email: true, webhook: true }), 404, /Unknown event type/);
    await expectError(await call(bob, 'PUT', '/preferences/task.assigned', { inApp: 'yes', email: true, webhook: true }), 400, /inApp must be a boolean/);

    await ctx.emit(BoardEvents.taskAssigned, task({ assigneeId: bob.id }));
    await ctx.emit(BoardEvents.taskDueSoon, { ...task({ assigneeId: bob.id }), dueDate: '2030-01-01' });
    await waitUntil(async () => (await unread(bob)) >= 1, 10_000, "bob's due-soon notification");
    await new Promise((r) => setTimeout(r, 300));
    const list = (await (await call(bob, 'GET', '')).json()) as { items: Notification[] };
    expect(list.items.map((n) => n.type)).toEqual(['task.due-soon']);
  });

  it('registers webhook endpoints with a secret shown once, and validates them', async () => {
    await expectError(await call(alice, 'POST', '/webhooks', { url: 'ftp://example.com' }), 400, /url must be a URL/);
    await expectError(await call(alice, 'POST', '/webhooks', { url: 'https://example.com/h', secret: 'short' }), 400, /secret must be longer/);
    await expectError(await call(alice, 'POST', '/webhooks', { url: 'https://example.com/h', eventTypes: ['nope'] }), 400, /eventTypes/);
    const created = (await (await call(alice, 'POST', '/webhooks', { url: 'https://example.com/h', eventTypes: ['chat.mentioned'] })).json()) as {
      id: string;
      secret: string;
    };
    expect(created.secret.length).toBeGreaterThanOrEqual(16);
    const list = (await (await call(alice, 'GET', '/webhooks')).json()) as Record<string, unknown>[];
    expect(list).toEqual([{ id: created.id, url: 'https://example.com/h', eventTypes: ['chat.mentioned'], createdAt: expect.any(String) }]);
    await expectError(await call(bob, 'DELETE', `/webhooks/${created.id}`), 404);
    await expectError(await call(bob, 'GET', `/webhooks/${created.id}/deliveries`), 404);
    expect((await call(alice, 'DELETE', `/webhooks/${created.id}`)).status).toBe(204);
    await expectError(await ctx.api(null, 'GET', '/api/notifications'), 401);
  });

  it('pushes new notifications over /ws/notifications to the user on another instance, and refuses revoked tokens', async () => {
    const other = await ctx.startInstance();
    const jti = randomUUID();
    const revoked = await signTestToken(ctx.keys, { sub: alice.id, jti });
    const auth = testRedis(0, ctx.namespace);
    await auth.set(`blacklist:${jti}`, '1', 'EX', 60);
    auth.disconnect();
    await expect(connect(other.url, revoked)).rejects.toThrow('Access token revoked');
    await expect(connect(other.url, 'garbage')).rejects.toThrow('Invalid access token');

    const socket = await connect(other.url, alice.token);
    sockets.push(socket);
    const bobSocket = await connect(ctx.instances[0].url, bob.token);
    sockets.push(bobSocket);
    const pushed: Notification[] = [];
    const bobPushed: Notification[] = [];
    socket.on('notification', (n: Notification) => pushed.push(n));
    bobSocket.on('notification', (n: Notification) => bobPushed.push(n));
    await ctx.emit(BoardEvents.taskAssigned, task({ assigneeId: alice.id, title: 'Pushed' }));
    await waitUntil(() => pushed.length > 0, 10_000, 'the push');
    expect(pushed).toEqual([expect.objectContaining({ type: 'task.assigned', title: 'You were assigned “Pushed”', read: false })]);
    expect(bobPushed).toEqual([]);
  });

  it('turns a trading signal into a notification for whoever activated the live strategy', async () => {
    const carol = await ctx.newUser('Carol');
    const signal = {
      signalId: randomUUID(),
      liveStrategyId: randomUUID(),
      workspaceId: randomUUID(),
      strategyName: 'SMA cross',
      symbol: 'AAPL',
      name: 'golden-cross',
      barTime: '2030-01-01T00:00:00.000Z',
      data: { fast: 10 },
      recipientIds: [carol.id],
    };
    await ctx.emit(TradingEvents.signal, signal);
    await waitUntil(async () => (await unread(carol)) >= 1, 10_000, "carol's signal notification");
    const list = (await (await call(carol, 'GET', '')).json()) as { items: (Notification & { data: Record<string, unknown> })[] };
    expect(list.items).toEqual([
      expect.objectContaining({ type: 'trading.signal', title: 'SMA cross: golden-cross on AAPL', data: expect.objectContaining({ signalId: signal.signalId, symbol: 'AAPL' }) }),
    ]);
  });
});
