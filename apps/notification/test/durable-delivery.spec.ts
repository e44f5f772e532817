import { BoardEvents, type TaskRef } from '@wealist/events';
import { createTestDatabase, runBuiltService, startBuiltService, testServiceEnv, type ServiceProcess, type TestDatabase } from '@wealist/testing';
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { verifyWebhook } from '../src/webhooks/webhook-signature';
import { NotificationTestContext, waitUntil, type TestUser } from './support/notification-test-context';
import { TestSmtpServer, TestWebhookReceiver, type ReceivedCall } from './support/test-receivers';

jest.setTimeout(90_000);

interface Notification {
  id: string;
  type: string;
  title: string;
}

interface Delivery {
  status: string;
  attempts: number;
  log: { attempt: number; attemptedAt: string; succeeded: boolean; statusCode: number | null; error: string | null }[];
}

describe('notification service: durable consumption, push, e-mail and webhooks', () => {
  let ctx: NotificationTestContext;
  let smtp: TestSmtpServer;
  let chat: ServiceProcess;
  let chatDb: TestDatabase;
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;
  let good: TestWebhookReceiver;
  let flaky: TestWebhookReceiver;
  let dead: TestWebhookReceiver;
  const secrets = new Map<string, string>();
  const webhookIds = new Map<string, string>();
  let socket: Socket | undefined;

  const call = (who: TestUser, method: string, path: string, json?: unknown) => ctx.api(who, method, `/api/notifications${path}`, json);
  const list = async (who: TestUser) => ((await (await call(who, 'GET', '?limit=100')).json()) as { items: Notification[] }).items;
  const ref = (over: Partial<TaskRef>): TaskRef => ({
    taskId: randomUUID(),
    boardId: randomUUID(),
    projectId: randomUUID(),
    workspaceId: randomUUID(),
    title: 'Quarterly plan',
    createdBy: bob.id,
    assigneeId: alice.id,
    ...over,
  });

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    [good, flaky, dead] = await Promise.all([
      TestWebhookReceiver.start(() => 200),
      // Every delivery fails twice with 503, then goes through.
      TestWebhookReceiver.start((_, body) => ((JSON.parse(body) as { attempt: number }).attempt <= 2 ? 503 : 200)),
      TestWebhookReceiver.start(() => null),
    ]);
    ctx = await NotificationTestContext.start('noti_durable', {
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      DELIVERY_MAX_ATTEMPTS: '3',
      DELIVERY_CONCURRENCY: '2',
    });
    [alice, bob, carol] = await Promise.all([ctx.newUser('Alice'), ctx.newUser('Bob'), ctx.newUser('Carol')]);
    // The real chat service, publishing mentions through its outbox onto the same bus.
    chatDb = await createTestDatabase('noti_durable_chat');
    const chatEnv = { ...testServiceEnv(ctx.namespace, ctx.keys), ...chatDb.env, EVENTS_RELAY_INTERVAL_MS: '100' };
    const migrated = await runBuiltService('chat', chatEnv, 'migrate');
    if (migrated.code !== 0) throw new Error(`chat migrate failed: ${migrated.output}`);
    chat = await startBuiltService('chat', chatEnv);
  });
  afterAll(async () => {
    socket?.close();
    await ctx.stop();
    await chat?.stop();
    await chatDb?.drop();
    await Promise.all([smtp?.stop(), good?.stop(), flaky?.stop(), dead?.stop()]);
  });

  it('handles what was emitted while it was down, once each, then pushes, e-mails and calls signed webhooks', async () => {
    // 1. Configure, then stop the service.
    const first = await ctx.startInstance();
    for (const [who, receiver] of [[alice, good], [bob, flaky], [carol, dead]] as const) {
      const res = await call(who, 'POST', '/webhooks', { url: receiver.url });
      const { id, secret } = (await res.json()) as { id: string; secret: string };
      secrets.set(who.id, secret);
      webhookIds.set(who.id, id);
    }
    await call(bob, 'PUT', '/preferences/chat.mentioned', { inApp: true, email: false, webhook: true });
    await ctx.stopInstance(first);

    // 2. While it is down: tasks are assigned, commented, due; a chat message mentions two users.
    const assigned = await ctx.emit(BoardEvents.taskAssigned, { ...ref({}), previousAssigneeId: null, assignedBy: bob.id });
    await ctx.emit(BoardEvents.taskAssigned, { ...ref({}), previousAssigneeId: null, assignedBy: bob.id }, assigned); // redelivered
    await ctx.emit(BoardEvents.taskCommented, { ...ref({ assigneeId: carol.id }), commentId: randomUUID(), authorId: alice.id, excerpt: 'Numbers?' });
    await ctx.emit(BoardEvents.taskDueSoon, { ...ref({}), dueDate: '2030-06-30' });
    const workspace = (await (await fetch(`${ctx.user.url}/api/users/workspaces`, { method: 'POST', headers: { ...alice.auth, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'W' }) })).json()) as { id: string };
    for (const m of [bob, carol]) {
      await fetch(`${ctx.user.url}/api/users/workspaces/${workspace.id}/members`, { method: 'POST', headers: { ...alice.auth, 'content-type': 'application/json' }, body: JSON.stringify({ email: m.email, role: 'member' }) });
    }
    const chatApi = (path: string, json: unknown) => fetch(`${chat.url}${path}`, { method: 'POST', headers: { ...alice.auth, 'content-type': 'application/json' }, body: JSON.stringify(json) });
    const room = (await (await chatApi('/api/chats/rooms', { workspaceId: workspace.id, kind: 'channel', name: 'plans', memberIds: [bob.id, carol.id] })).json()) as { id: string };
    expect((await chatApi(`/api/chats/rooms/${room.id}/messages`, { body: `<@${bob.id}> <@${carol.id}> please review` })).status).toBe(201);
    await waitUntil(async () => (await ctx.bus.xlen(`${ctx.namespace}events:chat`)) === 1, 10_000, 'the mention on the bus');

    // 3. Start it again (two instances): everything is handled, each notification once.
    const started = Date.now();
    await ctx.startInstance();
    const second = await ctx.startInstance();
    const expected = { [alice.id]: ['task.assigned', 'task.due-soon'], [bob.id]: ['chat.mentioned', 'task.commented'], [carol.id]: ['chat.mentioned', 'task.commented'] };
    await waitUntil(async () => (await Promise.all([alice, bob, carol].map(list))).every((l, i) => l.length >= expected[[alice, bob, carol][i].id].length), 20_000, 'the backlog');
    await new Promise((r) => setTimeout(r, 500));
    for (const who of [alice, bob, carol]) expect((await list(who)).map((n) => n.type).sort()).toEqual(expected[who.id]);
    expect((await list(bob)).find((n) => n.type === 'chat.mentioned')?.title).toBe('Alice mentioned you in #plans');

    // 4. Push: a client connected to one instance gets what either instance stores from now on.
    socket = io(second.url, { path: '/ws/notifications', transports: ['websocket'], auth: { token: alice.token }, reconnection: false, forceNew: true });
    const pushed: Notification[] = [];
    socket.on('notification', (n: Notification) => pushed.push(n));
    await new Promise<void>((resolve) => socket?.once('connect', () => resolve()));
    for (let i = 0; i < 4; i++) await ctx.emit(BoardEvents.taskAssigned, { ...ref({ title: `Live ${i}` }), previousAssigneeId: null, assignedBy: bob.id });
    await waitUntil(() => pushed.length === 4, 10_000, 'four pushes');
    expect(pushed.map((n) => n.title).sort()).toEqual([0, 1, 2, 3].map((i) => `You were assigned “Live ${i}”`));

    // 5. E-mail through the real SMTP server, as the preferences say (bob turned mention mails off).
    await waitUntil(() => smtp.mails.length >= 2 + 4 + 1 + 2, 15_000, 'the e-mails');
    await new Promise((r) => setTimeout(r, 300));
    expect([alice, bob, carol].map((u) => smtp.mailsTo(u.email).length)).toEqual([6, 1, 2]);
    expect(smtp.mailsTo(carol.email).map((m) => m.raw).join('\n')).toMatch(/X-Wealist-Notification: [0-9a-f-]{36}/);

    // 6. Webhooks: signed; the good endpoint is served while the dead one times out over and over.
    await waitUntil(() => good.calls.length >= 6, 15_000, "alice's webhooks");
    const verified = (calls: ReceivedCall[], owner: TestUser) =>
      calls.every((c) => verifyWebhook(secrets.get(owner.id) ?? '', String(c.headers['x-wealist-timestamp']), c.body, String(c.headers['x-wealist-signature'])));
    expect(verified(good.calls, alice)).toBe(true);
    expect(verified(good.calls, bob)).toBe(false);
    const deliveries = async (who: TestUser) => (await (await call(who, 'GET', `/webhooks/${webhookIds.get(who.id)}/deliveries`)).json()) as Delivery[];
    const deadLog = await deliveries(carol);
    expect(deadLog.some((d) => d.status !== 'failed')).toBe(true); // still being retried while alice was served
    expect(good.calls.slice(0, 2).every((c) => c.at - started < 10_000)).toBe(true);

    // The failing endpoint: 503, 503, then 200, with the backoff doubling between attempts.
    await waitUntil(async () => (await deliveries(bob)).length === 2 && (await deliveries(bob)).every((d) => d.status === 'succeeded'), 20_000, "bob's retries");
    for (const d of await deliveries(bob)) {
      expect(d.log.map((a) => [a.attempt, a.succeeded, a.statusCode])).toEqual([
        [1, false, 503],
        [2, false, 503],
        [3, true, 200],
      ]);
      const [t1, t2, t3] = d.log.map((a) => Date.parse(a.attemptedAt));
      expect(t2 - t1).toBeGreaterThanOrEqual(280);
      expect(t3 - t2).toBeGreaterThanOrEqual(580);
    }
    expect(verified(flaky.calls, bob)).toBe(true);
    // The dead endpoint is given up after DELIVERY_MAX_ATTEMPTS, each attempt logged.
    await waitUntil(async () => (await deliveries(carol)).every((d) => d.status === 'failed'), 30_000, 'giving up on the dead endpoint');
    for (const d of await deliveries(carol)) expect(d.log.map((a) => [a.succeeded, a.error])).toEqual([1, 2, 3].map(() => [false, 'no answer within 1000 ms']));
  });
});
