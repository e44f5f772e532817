import { freePort, testRedis } from '@wealist/testing';
import { AccessToken } from 'livekit-server-sdk';
import { createHash } from 'node:crypto';
import type Redis from 'ioredis';
import { FakeLiveKit } from './support/fake-livekit';
import { expectError, LIVEKIT_API_KEY, VideoTestContext, type TestUser } from './support/video-test-context';

// Each file boots its own databases, S3/LiveKit stand-ins and a user service process.
jest.setTimeout(60_000);

// LiveKit cannot run in this environment (no container runtime, no livekit-server binary), so
// the RoomService calls go to a local HTTP server that speaks LiveKit's Twirp API and checks
// each request's admin token with the SDK's TokenVerifier.
describe('video: ending rooms and removing participants through LiveKit RoomService', () => {
  let ctx: VideoTestContext;
  let livekit: FakeLiveKit;
  let livekitPort: number;
  let redis: Redis;
  let owner: TestUser;
  let member: TestUser;
  let ws: string;

  const webhook = async (body: object) => {
    const text = JSON.stringify(body);
    const token = new AccessToken(LIVEKIT_API_KEY, ctx.apiSecret);
    token.sha256 = createHash('sha256').update(text).digest('base64');
    const res = await fetch(`${ctx.url}/api/video/webhooks/livekit`, {
      method: 'POST',
      headers: { 'content-type': 'application/webhook+json', authorization: await token.toJwt() },
      body: text,
    });
    expect(res.status).toBe(200);
  };
  const startCall = async (room: string, who: TestUser[]) => {
    const now = Math.floor(Date.now() / 1000);
    await webhook({ event: 'room_started', room: { sid: `RM_${room}`, name: room, creationTime: String(now) }, createdAt: String(now) });
    for (const [i, u] of who.entries()) {
      await webhook({
        event: 'participant_joined',
        room: { sid: `RM_${room}`, name: room },
        participant: { sid: `PA_${i}_${room}`, identity: u.id, name: u.name, joinedAt: String(now) },
        createdAt: String(now),
      });
    }
  };

  beforeAll(async () => {
    livekitPort = await freePort();
    ctx = await VideoTestContext.start('video_roomservice', { LIVEKIT_API_URL: `http://127.0.0.1:${livekitPort}`, LIVEKIT_REQUEST_TIMEOUT_SECONDS: '2' });
    livekit = new FakeLiveKit(LIVEKIT_API_KEY, ctx.apiSecret);
    await livekit.listen(livekitPort);
    redis = testRedis(4, ctx.namespace);
    [owner, member] = await Promise.all([ctx.user('Owner'), ctx.user('Member')]);
    ws = await ctx.workspace(owner, [[member, 'member']]);
  });
  afterAll(async () => {
    redis?.disconnect();
    await livekit?.close();
    await ctx?.stop();
  });

  it('ends a room with DeleteRoom (roomCreate grant) and closes state and history at once', async () => {
    const room = await ctx.room(owner, ws);
    await startCall(room, [owner, member]);
    await expectError(await ctx.api(member, 'POST', ws, `/rooms/${room}/end`), 403, /Only owners, admins or the room's creator can end the call/);
    expect((await ctx.api(owner, 'POST', ws, `/rooms/${room}/end`)).status).toBe(204);
    const call = livekit.calls.at(-1)!;
    expect(call).toMatchObject({ method: 'DeleteRoom', body: { room } });
    expect(call.grants.video).toMatchObject({ roomCreate: true });
    expect(await redis.hget(`video:room:${room}:state`, 'status')).toBe('ended');
    expect(await redis.exists(`video:room:${room}:participants`)).toBe(0);
    const history = await ctx.json<{ items: { endedAt: string | null; participants: { leftAt: string | null }[] }[] }>(
      await ctx.api(member, 'GET', ws, `/rooms/${room}/calls`),
      200,
    );
    expect(history.items[0].endedAt).not.toBeNull();
    expect(history.items[0].participants.every((p) => p.leftAt !== null)).toBe(true);
    // A room LiveKit no longer runs is already ended: still 204.
    livekit.replyOnce('DeleteRoom', { status: 404, body: { code: 'not_found', msg: 'room not found' } });
    expect((await ctx.api(owner, 'POST', ws, `/rooms/${room}/end`)).status).toBe(204);
  });

  it('removes a participant with RemoveParticipant (roomAdmin grant for that room)', async () => {
    const room = await ctx.room(member, ws); // its creator moderates it
    await startCall(room, [owner, member]);
    expect((await ctx.api(member, 'DELETE', ws, `/rooms/${room}/participants/${owner.id}`)).status).toBe(204);
    const call = livekit.calls.at(-1)!;
    expect(call).toMatchObject({ method: 'RemoveParticipant', body: { room, identity: owner.id } });
    expect(call.grants.video).toMatchObject({ roomAdmin: true, room });
    expect(Object.keys(await redis.hgetall(`video:room:${room}:participants`))).toEqual([member.id]);

    livekit.replyOnce('RemoveParticipant', { status: 404, body: { code: 'not_found', msg: 'participant not found' } });
    await expectError(await ctx.api(member, 'DELETE', ws, `/rooms/${room}/participants/${owner.id}`), 404, /Participant is not in the room/);
    livekit.replyOnce('RemoveParticipant', { status: 401, body: { code: 'unauthenticated', msg: 'bad key' } });
    await expectError(await ctx.api(member, 'DELETE', ws, `/rooms/${room}/participants/${owner.id}`), 502);
    const other = await ctx.room(owner, ws);
    await expectError(await ctx.api(member, 'DELETE', ws, `/rooms/${other}/participants/${owner.id}`), 403);
  });

  it('answers 503 while LiveKit is unreachable, yet deletes an idle room without it', async () => {
    const active = await ctx.room(owner, ws);
    await startCall(active, [member]);
    const idle = await ctx.room(owner, ws);
    await livekit.close();
    try {
      await expectError(await ctx.api(owner, 'POST', ws, `/rooms/${active}/end`), 503, /LiveKit is unavailable/);
      await expectError(await ctx.api(owner, 'DELETE', ws, `/rooms/${active}`), 503);
      const calls = livekit.calls.length;
      expect((await ctx.api(owner, 'DELETE', ws, `/rooms/${idle}`)).status).toBe(204);
      expect(livekit.calls.length).toBe(calls);
      await expectError(await ctx.api(owner, 'GET', ws, `/rooms/${idle}`), 404, /Room not found/);
      // Joining needs no LiveKit round trip: tokens are signed here.
      expect((await ctx.api(member, 'POST', ws, `/rooms/${active}/join`)).status).toBe(200);
    } finally {
      await livekit.listen(livekitPort);
    }
    expect((await ctx.api(owner, 'DELETE', ws, `/rooms/${active}`)).status).toBe(204);
    expect(livekit.calls.at(-1)).toMatchObject({ method: 'DeleteRoom', body: { room: active } });
  });
});
