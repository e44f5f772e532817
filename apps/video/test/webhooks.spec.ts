import { testRedis } from '@wealist/testing';
import { AccessToken } from 'livekit-server-sdk';
import { createHash, randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
import { expectError, LIVEKIT_API_KEY, VideoTestContext, type TestUser } from './support/video-test-context';

// Each file boots its own databases, S3/LiveKit stand-ins and a user service process.
jest.setTimeout(60_000);

interface Call {
  startedAt: string;
  endedAt: string | null;
  durationSeconds: number | null;
  participants: { identity: string; name: string; joinedAt: string; leftAt: string | null; durationSeconds: number | null }[];
}

// LiveKit's webhooks as LiveKit sends them: protobuf JSON (int64 as strings), Content-Type
// application/webhook+json, Authorization = a JWT signed with the API secret whose sha256 claim
// is the base64 SHA-256 of the body.
describe('video: LiveKit webhooks', () => {
  let ctx: VideoTestContext;
  let redis: Redis;
  let alice: TestUser;
  let bob: TestUser;
  let ws: string;
  let room: string;
  const T0 = 1_760_000_000;

  const sign = async (body: string, secret = ctx.apiSecret) => {
    const token = new AccessToken(LIVEKIT_API_KEY, secret);
    token.sha256 = createHash('sha256').update(body).digest('base64');
    return token.toJwt();
  };
  const post = (body: string, authorization?: string, type = 'application/webhook+json') =>
    fetch(`${ctx.url}/api/video/webhooks/livekit`, { method: 'POST', headers: { 'content-type': type, ...(authorization ? { authorization } : {}) }, body });
  const event = (name: string, at: number, participant?: { sid: string; identity: string; name: string; joinedAt: number }, sid = 'RM_one') =>
    JSON.stringify({
      id: `EV_${randomUUID()}`,
      event: name,
      createdAt: String(at),
      room: { sid, name: room, creationTime: String(sid === 'RM_one' ? T0 : T0 + 1000) },
      ...(participant ? { participant: { ...participant, joinedAt: String(participant.joinedAt) } } : {}),
    });
  const deliver = async (body: string) => ctx.json<{ status: string }>(await post(body, await sign(body)), 200);
  const participants = async () => Object.keys(await redis.hgetall(`video:room:${room}:participants`)).sort();

  beforeAll(async () => {
    ctx = await VideoTestContext.start('video_webhooks');
    redis = testRedis(4, ctx.namespace);
    [alice, bob] = await Promise.all([ctx.user('Alice'), ctx.user('Bob')]);
    ws = await ctx.workspace(alice, [[bob, 'member']]);
    room = await ctx.room(alice, ws);
  });
  afterAll(async () => {
    redis?.disconnect();
    await ctx?.stop();
  });

  it('refuses a missing or bad signature, a tampered body and other content types', async () => {
    const body = event('room_started', T0);
    await expectError(await post(body), 401, /Invalid webhook signature/);
    await expectError(await post(body, await sign(body, 'y'.repeat(48))), 401, /Invalid webhook signature/);
    await expectError(await post(body.replace('room_started', 'room_finished'), await sign(body)), 401);
    await expectError(await post(body, `Bearer ${await sign(body)}`), 401);
    await expectError(await post(body, await sign(body), 'application/json'), 415, /application\/webhook\+json/);
    expect(await redis.exists(`video:room:${room}:state`)).toBe(0);
  });

  it('tracks the live room in Redis DB 4 and the call history in PostgreSQL', async () => {
    expect(await deliver(event('room_started', T0))).toEqual({ status: 'applied' });
    await deliver(event('participant_joined', T0 + 5, { sid: 'PA_a', identity: alice.id, name: 'Alice', joinedAt: T0 + 5 }));
    await deliver(event('participant_joined', T0 + 10, { sid: 'PA_b', identity: bob.id, name: 'Bob', joinedAt: T0 + 10 }));
    // LiveKit retries: the same event twice changes nothing.
    await deliver(event('participant_joined', T0 + 10, { sid: 'PA_b', identity: bob.id, name: 'Bob', joinedAt: T0 + 10 }));
    expect(await participants()).toEqual([alice.id, bob.id].sort());
    expect(await redis.hgetall(`video:room:${room}:state`)).toMatchObject({ status: 'active', livekitRoomSid: 'RM_one' });
    const detail = await ctx.json<{ status: string; participants: { identity: string }[] }>(await ctx.api(bob, 'GET', ws, `/rooms/${room}`), 200);
    expect(detail.status).toBe('active');
    expect(detail.participants.map((p) => p.identity)).toEqual([alice.id, bob.id]);
    const list = await ctx.json<{ participantCount: number }[]>(await ctx.api(bob, 'GET', ws, '/rooms'), 200);
    expect(list[0].participantCount).toBe(2);

    await deliver(event('participant_left', T0 + 70, { sid: 'PA_b', identity: bob.id, name: 'Bob', joinedAt: T0 + 10 }));
    // A stale "left" of an older session of Alice does not remove her current one.
    await deliver(event('participant_left', T0 + 71, { sid: 'PA_old', identity: alice.id, name: 'Alice', joinedAt: T0 - 100 }));
    expect(await participants()).toEqual([alice.id]);

    await deliver(event('room_finished', T0 + 130));
    expect(await participants()).toEqual([]);
    expect(await redis.hget(`video:room:${room}:state`, 'status')).toBe('ended');
    const history = await ctx.json<{ items: Call[] }>(await ctx.api(bob, 'GET', ws, `/rooms/${room}/calls`), 200);
    expect(history.items).toHaveLength(1);
    expect(history.items[0]).toMatchObject({ startedAt: new Date(T0 * 1000).toISOString(), durationSeconds: 130 });
    const byIdentity = Object.fromEntries(history.items[0].participants.map((p) => [`${p.identity}@${p.joinedAt}`, p.durationSeconds]));
    expect(byIdentity).toEqual({
      [`${alice.id}@${new Date((T0 - 100) * 1000).toISOString()}`]: 171,
      [`${alice.id}@${new Date((T0 + 5) * 1000).toISOString()}`]: 125,
      [`${bob.id}@${new Date((T0 + 10) * 1000).toISOString()}`]: 60,
    });
  });

  it('keeps a late room_finished of an old session from ending a newer one', async () => {
    await deliver(event('room_started', T0 + 1000, undefined, 'RM_two'));
    await deliver(event('participant_joined', T0 + 1001, { sid: 'PA_c', identity: bob.id, name: 'Bob', joinedAt: T0 + 1001 }, 'RM_two'));
    await deliver(event('room_finished', T0 + 1002, undefined, 'RM_one'));
    expect(await redis.hget(`video:room:${room}:state`, 'status')).toBe('active');
    expect(await participants()).toEqual([bob.id]);
    const history = await ctx.json<{ items: Call[]; nextCursor: string | null }>(await ctx.api(bob, 'GET', ws, `/rooms/${room}/calls?limit=1`), 200);
    expect(history.items[0]).toMatchObject({ endedAt: null, durationSeconds: null });
    const older = await ctx.json<{ items: Call[]; nextCursor: string | null }>(
      await ctx.api(bob, 'GET', ws, `/rooms/${room}/calls?limit=1&cursor=${history.nextCursor}`),
      200,
    );
    expect(older.items[0].durationSeconds).toBe(130);
    expect(older.nextCursor).toBeNull();
  });

  it('acknowledges but ignores events of rooms it does not own and events it does not track', async () => {
    const foreign = JSON.stringify({ event: 'room_started', room: { sid: 'RM_x', name: 'someone-elses-room' }, createdAt: String(T0) });
    expect(await deliver(foreign)).toEqual({ status: 'ignored' });
    expect(await deliver(event('track_published', T0))).toEqual({ status: 'ignored' });
    const metrics = await (await fetch(`${ctx.url}/metrics`)).text();
    expect(metrics).toMatch(/video_webhooks_total\{event="participant_joined",result="applied",service="video"\} [1-9]/);
    expect(metrics).toMatch(/video_webhooks_total\{event="unknown",result="rejected",service="video"\} [1-9]/);
  });
});
