import { decodeEntry, USER_EVENTS_STREAM, type EventEnvelope, type WorkspaceMemberChangedEvent } from '@wealist/events';
import { testRedis } from '@wealist/testing';
import type Redis from 'ioredis';
import { UserTestContext, type TestUser } from './support/user-test-context';

describe('user service: workspace.member.changed events', () => {
  let ctx: UserTestContext;
  let bus: Redis;
  let owner: TestUser;
  let member: TestUser;

  const call = (who: TestUser, method: string, path: string, json?: unknown) =>
    ctx.fetch(`/api/users/workspaces${path}`, { method, headers: who.auth, json });

  /** Every event on the user stream so far, waiting until `count` have been relayed. */
  async function events(count: number): Promise<EventEnvelope<WorkspaceMemberChangedEvent>[]> {
    const deadline = Date.now() + 5_000;
    for (;;) {
      const entries = await bus.xrange(USER_EVENTS_STREAM, '-', '+');
      if (entries.length >= count || Date.now() > deadline) {
        return entries.map(([, fields]) => decodeEntry(fields) as EventEnvelope<WorkspaceMemberChangedEvent>);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  beforeAll(async () => {
    ctx = await UserTestContext.start('user_events');
    bus = testRedis(6, ctx.namespace);
    [owner, member] = await Promise.all([ctx.user(), ctx.user()]);
  });
  afterAll(async () => {
    bus.disconnect();
    await ctx.stop();
  });

  it('publishes every membership change, committed with it, to events:user', async () => {
    const { id } = (await (await call(owner, 'POST', '', { name: 'Evented' })).json()) as { id: string };
    expect((await call(owner, 'POST', `/${id}/members`, { email: member.user.email, role: 'member' })).status).toBe(201);
    expect((await call(owner, 'PATCH', `/${id}/members/${member.user.id}`, { role: 'admin' })).status).toBe(200);
    expect((await call(owner, 'PATCH', `/${id}/members/${member.user.id}`, { role: 'admin' })).status).toBe(200);
    expect((await call(member, 'DELETE', `/${id}/members/${member.user.id}`)).status).toBe(204);
    // A refused change publishes nothing.
    expect((await call(member, 'POST', `/${id}/members`, { email: member.user.email, role: 'member' })).status).toBe(404);

    const published = await events(3);
    const base = { workspaceId: id, userId: member.user.id };
    expect(published.map((e) => [e.type, e.producer, e.payload])).toEqual([
      ['workspace.member.changed', 'user', { ...base, role: 'member', previousRole: null, changedBy: owner.user.id }],
      ['workspace.member.changed', 'user', { ...base, role: 'admin', previousRole: 'member', changedBy: owner.user.id }],
      ['workspace.member.changed', 'user', { ...base, role: null, previousRole: 'admin', changedBy: member.user.id }],
    ]);
    expect(new Set(published.map((e) => e.id)).size).toBe(3);
  });
});
