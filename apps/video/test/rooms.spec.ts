import { TokenVerifier } from 'livekit-server-sdk';
import { randomUUID } from 'node:crypto';
import { expectError, LIVEKIT_API_KEY, VideoTestContext, type TestUser } from './support/video-test-context';

// Each file boots its own databases, S3/LiveKit stand-ins and a user service process.
jest.setTimeout(60_000);

interface Join {
  url: string;
  token: string;
  iceServers: { urls: string[]; username?: string; credential?: string }[];
  roomId: string;
  identity: string;
  moderator: boolean;
}

describe('video: rooms and join tokens', () => {
  let ctx: VideoTestContext;
  let owner: TestUser;
  let member: TestUser;
  let outsider: TestUser;
  let ws: string;
  let room: string;

  beforeAll(async () => {
    ctx = await VideoTestContext.start('video_rooms', {
      TURN_URLS: 'turn:turn.example.test:3478?transport=udp,turns:turn.example.test:5349?transport=tcp',
      STUN_URLS: 'stun:turn.example.test:3478',
      TURN_SECRET: 'coturn-static-auth-secret',
    });
    [owner, member, outsider] = await Promise.all([ctx.user('Olga Owner'), ctx.user('Max Member'), ctx.user()]);
    ws = await ctx.workspace(owner, [[member, 'member']]);
    await ctx.workspace(outsider);
    room = await ctx.room(owner, ws, 'Standup');
  });
  afterAll(() => ctx?.stop());

  it('creates and lists rooms of the workspace with their live state', async () => {
    const created = await ctx.json<{ id: string; maxParticipants: number; status: string }>(
      await ctx.api(member, 'POST', ws, '/rooms', { name: '  Design review ', maxParticipants: 8 }),
      201,
    );
    expect(created).toMatchObject({ name: 'Design review', maxParticipants: 8, status: 'idle' });
    const list = await ctx.json<{ name: string; participantCount: number }[]>(await ctx.api(member, 'GET', ws, '/rooms'), 200);
    expect(list.map((r) => [r.name, r.participantCount])).toEqual([['Standup', 0], ['Design review', 0]]);
    const detail = await ctx.json<{ participants: unknown[]; status: string }>(await ctx.api(member, 'GET', ws, `/rooms/${room}`), 200);
    expect(detail).toMatchObject({ status: 'idle', participants: [] });
    await expectError(await ctx.api(owner, 'POST', ws, '/rooms', { name: '' }), 400, /name must be longer than or equal to 1/);
    await expectError(await ctx.api(owner, 'POST', ws, '/rooms', { name: 'x', maxParticipants: 1000 }), 400, /maxParticipants must not be greater than 100/);
    await expectError(await ctx.api(owner, 'GET', ws, `/rooms/${randomUUID()}`), 404, /Room not found/);
  });

  it('issues a LiveKit token that verifies with the SDK and carries the room, the user and their grants', async () => {
    const verifier = new TokenVerifier(LIVEKIT_API_KEY, ctx.apiSecret);
    const asMember = await ctx.json<Join>(await ctx.api(member, 'POST', ws, `/rooms/${room}/join`), 200);
    expect(asMember).toMatchObject({ url: 'wss://livekit.example.test', roomId: room, identity: member.id, moderator: false });
    const claims = await verifier.verify(asMember.token);
    expect(claims).toMatchObject({ sub: member.id, iss: LIVEKIT_API_KEY, name: 'Max Member' });
    expect(claims.video).toEqual({ room, roomJoin: true, canPublish: true, canSubscribe: true, canPublishData: true, roomAdmin: false });
    expect(JSON.parse(claims.metadata ?? '{}')).toEqual({ workspaceId: ws, role: 'member' });
    expect(claims.roomConfig).toMatchObject({ maxParticipants: 50 });
    expect((claims.exp ?? 0) - Math.floor(Date.now() / 1000)).toBeGreaterThan(3500);

    const asOwner = await ctx.json<Join>(await ctx.api(owner, 'POST', ws, `/rooms/${room}/join`), 200);
    expect(asOwner.moderator).toBe(true);
    expect((await verifier.verify(asOwner.token)).video).toMatchObject({ room, roomJoin: true, roomAdmin: true });
    // The creator of a room moderates it even as a plain member.
    const own = await ctx.room(member, ws, 'Member room');
    expect((await verifier.verify((await ctx.json<Join>(await ctx.api(member, 'POST', ws, `/rooms/${own}/join`), 200)).token)).video?.roomAdmin).toBe(true);
    // A token signed with another secret is not LiveKit's.
    await expect(new TokenVerifier(LIVEKIT_API_KEY, 'x'.repeat(48)).verify(asOwner.token)).rejects.toThrow();
  });

  it('hands out STUN and TURN servers with time-limited REST-API credentials', async () => {
    const join = await ctx.json<Join & { iceExpiresAt: string }>(await ctx.api(member, 'POST', ws, `/rooms/${room}/join`), 200);
    expect(join.iceServers[0]).toEqual({ urls: ['stun:turn.example.test:3478'] });
    const turn = join.iceServers[1];
    expect(turn.urls).toEqual(['turn:turn.example.test:3478?transport=udp', 'turns:turn.example.test:5349?transport=tcp']);
    const [expiry, user] = (turn.username ?? '').split(':');
    expect(user).toBe(member.id);
    expect(Number(expiry) - Date.now() / 1000).toBeGreaterThan(86_000);
    const { createHmac } = await import('node:crypto');
    expect(turn.credential).toBe(createHmac('sha1', 'coturn-static-auth-secret').update(turn.username ?? '').digest('base64'));
    expect(new Date(join.iceExpiresAt).getTime()).toBe(Number(expiry) * 1000);
  });

  it('answers 404 on every route to a user outside the workspace', async () => {
    const routes: [string, string, unknown?][] = [
      ['POST', '/rooms', { name: 'x' }],
      ['GET', '/rooms'],
      ['GET', `/rooms/${room}`],
      ['POST', `/rooms/${room}/join`],
      ['POST', `/rooms/${room}/end`],
      ['DELETE', `/rooms/${room}/participants/${member.id}`],
      ['DELETE', `/rooms/${room}`],
      ['GET', `/rooms/${room}/calls`],
    ];
    const doc = (await (await fetch(`${ctx.url}/docs-json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths).flatMap(([, ops]) => Object.keys(ops)).length;
    expect(documented).toBe(routes.length);
    for (const [method, path, body] of routes) await expectError(await ctx.api(outsider, method, ws, path, body), 404, /Workspace not found/);
    const theirs = await ctx.workspace(outsider);
    await expectError(await ctx.api(outsider, 'POST', theirs, `/rooms/${room}/join`), 404, /Room not found/);
    await expectError(await fetch(`${ctx.url}/api/video/workspaces/${ws}/rooms`), 401);
  });

  it('serves health with its own Postgres and Redis, metrics and OpenAPI, and keeps secrets out of logs', async () => {
    const ready = (await (await fetch(`${ctx.url}/health/ready`)).json()) as { checks: Record<string, unknown> };
    expect(Object.keys(ready.checks).sort()).toEqual(['auth-state-redis', 'postgres', 'redis']);
    const metrics = await (await fetch(`${ctx.url}/metrics`)).text();
    expect(metrics).toMatch(/video_joins_total\{role="participant",service="video"\} [1-9]/);
    expect(metrics).toMatch(/video_joins_total\{role="moderator",service="video"\} [1-9]/);
    expect((await fetch(`${ctx.url}/docs`)).status).toBe(200);
    expect(ctx.logs.text).not.toContain(ctx.apiSecret);
    expect(ctx.logs.text).not.toContain(owner.token);
    expect(ctx.logs.text).not.toContain('coturn-static-auth-secret');
  });
});
