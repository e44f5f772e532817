import {
  BOARD_EVENTS_STREAM,
  BoardEvents,
  createProcessedEventsTable,
  decodeEntry,
  EventConsumer,
  type EventEnvelope,
  type EventHandler,
  type TaskRef,
} from '@wealist/events';
import { adminQuery, createTestDatabase, startBuiltService, TEST_REDIS_URL, type TestDatabase } from '@wealist/testing';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { DueSoonScanner } from '../src/tasks/due-soon.scanner';
import { BoardTestContext, type BoardInstance } from './support/board-test-context';
import { createTask, team, type BoardBody, type TaskBody, type Team } from './support/fixtures';

// Each file boots the user service as a process and the board in-process; the machine is shared.
jest.setTimeout(120_000);

/**
 * The board's domain events through the outbox, as the notification service will see them: a
 * consumer group `notification` that records each event in its own database, deduplicating by
 * event id in the same transaction.
 */
describe('board service: durable domain events', () => {
  let ctx: BoardTestContext;
  let t: Team;
  let relay: BoardInstance | undefined;
  let bus: Redis;
  let consumerDb: TestDatabase;
  let notifications: DataSource;
  const stream = () => `${ctx.namespace}${BOARD_EVENTS_STREAM}`;

  beforeAll(async () => {
    // The main instance records events but does not relay them; each test decides where the relay runs.
    ctx = await BoardTestContext.start('board_events', { EVENTS_RELAY_ENABLED: 'false' });
    t = await team(ctx);
    relay = await ctx.instance({ EVENTS_RELAY_ENABLED: 'true' });
    bus = new Redis(TEST_REDIS_URL, { db: 6 });
    consumerDb = await createTestDatabase('board_events_consumer');
    notifications = new DataSource({ type: 'postgres', host: '127.0.0.1', username: consumerDb.env['DATABASE_USER'], database: consumerDb.name });
    await notifications.initialize();
    const q = notifications.createQueryRunner();
    await createProcessedEventsTable(q);
    await q.query('CREATE TABLE notifications (event_id uuid NOT NULL, type text NOT NULL, task_id uuid NOT NULL)');
    await q.release();
  });
  afterAll(async () => {
    bus.disconnect();
    await notifications?.destroy();
    await consumerDb?.drop();
    await ctx.stop();
  });

  /** All events on the board stream so far, waiting until `done` holds. */
  async function events(done: (all: EventEnvelope[]) => boolean): Promise<EventEnvelope[]> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const all = (await bus.xrange(stream(), '-', '+')).map(([, fields]) => decodeEntry(fields));
      if (done(all) || Date.now() > deadline) return all;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  const of = (all: EventEnvelope[], taskIds: string[]) => all.filter((e) => taskIds.includes((e.payload as TaskRef).taskId));

  function notificationConsumer(): EventConsumer {
    const record: EventHandler<TaskRef> = async (event, tx) => {
      await tx!.query('INSERT INTO notifications (event_id, type, task_id) VALUES ($1, $2, $3)', [event.id, event.type, event.payload.taskId]);
    };
    const consumer = new EventConsumer(bus, new Redis(TEST_REDIS_URL, { db: 6 }), {
      group: 'notification',
      consumerName: `test-${Math.random().toString(36).slice(2, 8)}`,
      keyPrefix: ctx.namespace,
      dataSource: notifications,
      blockMs: 100,
      claimIdleMs: 10_000,
      maxDeliveries: 5,
    });
    for (const contract of Object.values(BoardEvents)) consumer.on(contract, record);
    return consumer;
  }
  const notified = (taskIds: string[]) =>
    notifications.query('SELECT event_id, type FROM notifications WHERE task_id = ANY($1::uuid[])', [taskIds]) as Promise<{ event_id: string; type: string }[]>;
  async function delivered(taskIds: string[], count: number): Promise<{ event_id: string; type: string }[]> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const rows = await notified(taskIds);
      if (rows.length >= count || Date.now() > deadline) return rows;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('publishes task.created, assigned, commented, moved and due-soon with what consumers need', async () => {
    const due = new Date(Date.now() + 2 * 3600_000).toISOString();
    const task = await createTask(ctx, t.member, t.board.id, { title: 'Ship it', assigneeId: t.admin.user.id, dueDate: due });
    await ctx.call(t.admin, 'POST', `/api/boards/tasks/${task.id}/comments`, { body: 'On   it,\n soon' });
    await ctx.call(t.admin, 'POST', `/api/boards/tasks/${task.id}/move`, { columnId: t.columns[1].id });
    await ctx.call(t.owner, 'PATCH', `/api/boards/tasks/${task.id}`, { assigneeId: t.member.user.id, version: 2 });
    const scanner = ctx.board.service.app.get(DueSoonScanner);
    expect(await scanner.scan()).toBe(1);
    expect(await scanner.scan()).toBe(0);

    const published = of(await events((all) => of(all, [task.id]).length >= 6), [task.id]);
    const ref = { taskId: task.id, boardId: t.board.id, projectId: t.project.id, workspaceId: t.workspaceId, title: 'Ship it', createdBy: t.member.user.id };
    expect(published.map((e) => [e.type, e.producer])).toEqual([
      ['task.created', 'board'],
      ['task.assigned', 'board'],
      ['task.commented', 'board'],
      ['task.moved', 'board'],
      ['task.assigned', 'board'],
      ['task.due-soon', 'board'],
    ]);
    expect(published.map((e) => e.payload)).toEqual([
      { ...ref, assigneeId: t.admin.user.id, columnId: t.columns[0].id, priority: 'medium', dueDate: due },
      { ...ref, assigneeId: t.admin.user.id, previousAssigneeId: null, assignedBy: t.member.user.id },
      { ...ref, assigneeId: t.admin.user.id, commentId: expect.any(String), authorId: t.admin.user.id, excerpt: 'On it, soon' },
      { ...ref, assigneeId: t.admin.user.id, fromColumnId: t.columns[0].id, toColumnId: t.columns[1].id, toColumnName: 'In Progress', fromPosition: 0, toPosition: 0, movedBy: t.admin.user.id },
      { ...ref, assigneeId: t.member.user.id, previousAssigneeId: t.admin.user.id, assignedBy: t.owner.user.id },
      { ...ref, assigneeId: t.member.user.id, dueDate: due },
    ]);
    expect(new Set(published.map((e) => e.id)).size).toBe(6);

    // A new due date is announced again; a due date beyond the horizon is not.
    const later = await ctx.call<TaskBody>(t.owner, 'PATCH', `/api/boards/tasks/${task.id}`, { dueDate: new Date(Date.now() + 3600_000).toISOString(), version: 3 });
    await ctx.call(t.owner, 'POST', `/api/boards/${t.board.id}/tasks`, { title: 'Far away', dueDate: new Date(Date.now() + 30 * 86_400_000).toISOString() });
    expect(await scanner.scan()).toBe(1);
    expect(later.version).toBe(4);
  });

  it('loses nothing when the process dies between commit and publish, and the group sees each event once', async () => {
    await ctx.stopInstance(relay!);
    relay = undefined;
    const consumer = notificationConsumer();
    await consumer.start();
    try {
      // A real board process whose relay never gets to run: SIGKILL right after the commits.
      const doomed = await startBuiltService('board', { ...ctx.env, EVENTS_RELAY_ENABLED: 'false' });
      const board = await ctx.call<BoardBody>(t.owner, 'POST', '/api/boards', { projectId: t.project.id, name: 'Crashy' });
      const created: TaskBody[] = [];
      for (const title of ['one', 'two', 'three']) {
        const res = await fetch(`${doomed.url}/api/boards/${board.id}/tasks`, { method: 'POST', headers: { ...t.member.auth, 'content-type': 'application/json' }, body: JSON.stringify({ title }) });
        expect(res.status).toBe(201);
        created.push((await res.json()) as TaskBody);
      }
      expect(await doomed.stop('SIGKILL')).toBeNull();
      const ids = created.map((c) => c.id);
      expect(of(await events(() => true), ids)).toEqual([]);
      const pending = await adminQuery<{ n: number }>("SELECT count(*)::int AS n FROM outbox_events WHERE published_at IS NULL AND payload->>'boardId' = $1", [board.id], ctx.boardDb.name);
      expect(pending[0].n).toBe(3);

      // Restarted (relay on): everything committed is published, and handled once.
      const restarted = await startBuiltService('board', { ...ctx.env, EVENTS_RELAY_ENABLED: 'true', EVENTS_RELAY_INTERVAL_MS: '100' });
      try {
        expect((await delivered(ids, 3)).map((r) => r.type)).toEqual(['task.created', 'task.created', 'task.created']);
        const eventIds = of(await events(() => true), ids).map((e) => e.id);
        expect(eventIds).toHaveLength(3);

        // A relay that died after XADD but before marking sends the same events again.
        await adminQuery("UPDATE outbox_events SET published_at = NULL WHERE payload->>'boardId' = $1", [board.id], ctx.boardDb.name);
        const copies = of(await events((e) => of(e, ids).length === 6), ids).map((e) => e.id);
        expect(copies.sort()).toEqual([...eventIds, ...eventIds].sort());
        await waitForAck();
        expect((await notified(ids)).map((r) => r.event_id).sort()).toEqual([...eventIds].sort());
      } finally {
        await restarted.stop();
      }
    } finally {
      await consumer.stop();
    }
  });

  it('delivers to a consumer that was down everything emitted meanwhile', async () => {
    relay = await ctx.instance({ EVENTS_RELAY_ENABLED: 'true' });
    const first = notificationConsumer();
    await first.start();
    await first.stop();

    const board = await ctx.call<BoardBody>(t.owner, 'POST', '/api/boards', { projectId: t.project.id, name: 'While away' });
    const tasks = [];
    for (let i = 0; i < 5; i++) tasks.push(await createTask(ctx, t.member, board.id, { title: `away ${i}` }));
    await ctx.call(t.member, 'POST', `/api/boards/tasks/${tasks[0].id}/comments`, { body: 'ping' });
    const ids = tasks.map((x) => x.id);
    await events((all) => of(all, ids).length === 6);
    expect(await notified(ids)).toHaveLength(0);

    const back = notificationConsumer();
    await back.start();
    try {
      const rows = await delivered(ids, 6);
      expect(rows.map((r) => r.type).sort()).toEqual([...Array(5).fill('task.created'), 'task.commented'].sort());
    } finally {
      await back.stop();
    }
  });

  async function waitForAck(): Promise<void> {
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      const [count] = (await bus.xpending(stream(), 'notification')) as [number];
      const groups = (await bus.xinfo('GROUPS', stream())) as (string | number)[][];
      const group = groups.find((g) => g.includes('notification'))!;
      const last = (await bus.xrevrange(stream(), '+', '-', 'COUNT', 1))[0][0];
      if (count === 0 && group[group.indexOf('last-delivered-id') + 1] === last) return;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
});
