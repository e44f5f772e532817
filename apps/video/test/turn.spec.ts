import { freePort } from '@wealist/testing';
import { startTurnServer, relayWith, type TurnServer } from './support/turn-server';
import { VideoTestContext, type TestUser } from './support/video-test-context';

// Each file boots its own databases, S3/LiveKit stand-ins and a user service process.
jest.setTimeout(60_000);

const SECRET = 'turn-rest-secret-for-tests';
const TTL_SECONDS = 6;

// The credentials of the join response against a real Coturn (`turnserver`) started here,
// checked with coturn's own client (`turnutils_uclient`).
describe('video: TURN credentials against a real coturn', () => {
  let turn: TurnServer;
  let ctx: VideoTestContext;
  let alice: TestUser;
  let ws: string;
  let room: string;

  const credentials = async () => {
    const join = await ctx.json<{ iceServers: { urls: string[]; username?: string; credential?: string }[] }>(
      await ctx.api(alice, 'POST', ws, `/rooms/${room}/join`),
      200,
    );
    const server = join.iceServers.find((s) => s.username);
    return { username: server?.username ?? '', credential: server?.credential ?? '', urls: server?.urls ?? [] };
  };

  beforeAll(async () => {
    turn = await startTurnServer(await freePort(), SECRET);
    ctx = await VideoTestContext.start('video_turn', {
      TURN_URLS: `turn:127.0.0.1:${turn.port}?transport=udp`,
      TURN_SECRET: SECRET,
      TURN_CREDENTIAL_TTL_SECONDS: String(TTL_SECONDS),
    });
    alice = await ctx.user();
    ws = await ctx.workspace(alice);
    room = await ctx.room(alice, ws);
  });
  afterAll(async () => {
    await ctx?.stop();
    await turn?.stop();
  });

  it('relays with the issued credentials, refuses a wrong one, and refuses them once expired', async () => {
    const issued = await credentials();
    expect(issued.urls).toEqual([`turn:127.0.0.1:${turn.port}?transport=udp`]);
    // All three within the credential's lifetime (a refused allocation takes coturn's client a few seconds).
    const [ok, forged, otherUser] = await Promise.all([
      relayWith(turn.port, issued.username, issued.credential),
      relayWith(turn.port, issued.username, Buffer.from('not the hmac').toString('base64')),
      relayWith(turn.port, issued.username.replace(/:.*/, ':someone-else'), issued.credential),
    ]);
    expect({ ok: ok.ok, tail: ok.ok ? '' : ok.output.slice(-500) }).toEqual({ ok: true, tail: '' });
    expect([forged.ok, otherUser.ok]).toEqual([false, false]);

    const expiry = Number(issued.username.split(':')[0]) * 1000;
    await new Promise((r) => setTimeout(r, Math.max(0, expiry - Date.now()) + 1_500));
    const expired = await relayWith(turn.port, issued.username, issued.credential);
    expect(expired.ok).toBe(false);
    expect(expired.output).toMatch(/Cannot complete Allocation|error 401/i);

    // A fresh join gives fresh credentials that work again.
    const fresh = await credentials();
    expect((await relayWith(turn.port, fresh.username, fresh.credential)).ok).toBe(true);
  }, 60_000);
});
