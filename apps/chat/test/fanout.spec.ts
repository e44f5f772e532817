import { ChatClient, waitUntil } from './support/chat-client';
import { ChatTestContext, type TestUser } from './support/chat-test-context';

jest.setTimeout(120_000);

/** 1..n */
const upTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('chat service: fan-out across two instances', () => {
  let ctx: ChatTestContext;
  let users: TestUser[];
  let workspaceId: string;
  const clients: ChatClient[] = [];

  const connect = async (user: TestUser, instance: number) => {
    const client = await ChatClient.connect(ctx.instances[instance].url, user.token);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    ctx = await ChatTestContext.start('chat_fanout', { CHAT_MESSAGES_PER_SECOND: '1000', DATABASE_POOL_MAX: '20' }, 2);
    users = [];
    for (let i = 0; i < 200; i += 50) users.push(...(await Promise.all(Array.from({ length: 50 }, (_, j) => ctx.newUser(`User ${i + j}`)))));
    workspaceId = await ctx.workspace(users[0], users.slice(1));
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await ctx.stop();
  });

  it('delivers every acknowledged message to every member exactly once, in order (200 clients, rooms of 100 and of 2)', async () => {
    const big = await ctx.room(users[0], workspaceId, users.slice(1, 100));
    const pairs: [string, number, number][] = [];
    for (let i = 100; i < 200; i += 2) pairs.push([await ctx.room(users[i], workspaceId, [users[i + 1]]), i, i + 1]);

    // Users alternate between the two instances, so every room spans both.
    const byUser = await Promise.all(users.map((u, i) => connect(u, i % 2)));
    await Promise.all(byUser.slice(0, 100).map((c) => c.join(big, 0)));
    await Promise.all(pairs.flatMap(([room, a, b]) => [byUser[a].join(room, 0), byUser[b].join(room, 0)]));

    const acks = await Promise.all([
      // Ten members of the big room send ten messages each, all at once.
      ...Array.from({ length: 10 }, (_, s) => Promise.all(Array.from({ length: 10 }, (_, k) => byUser[s * 7].send(big, `big ${s}/${k}`)))),
      // Both members of every pair send five each.
      ...pairs.flatMap(([room, a, b]) => [a, b].map((u) => Promise.all(Array.from({ length: 5 }, (_, k) => byUser[u].send(room, `pair ${u}/${k}`))))),
    ]);
    const acked = acks.flat();
    expect(acked.every((a) => a.ok)).toBe(true);
    expect(acked).toHaveLength(100 + 500);

    const expected = new Map<string, number>([[big, 100], ...pairs.map(([room]) => [room, 10] as [string, number])]);
    const members = [...byUser.slice(0, 100).map((c) => [c, big] as const), ...pairs.flatMap(([room, a, b]) => [[byUser[a], room] as const, [byUser[b], room] as const])];
    await waitUntil(() => members.every(([c, room]) => c.seqs(room).length >= (expected.get(room) ?? 0)), 60_000, 'every delivery');
    await new Promise((r) => setTimeout(r, 200)); // anything extra (a duplicate) would arrive now
    for (const [client, room] of members) expect(client.seqs(room)).toEqual(upTo(expected.get(room) ?? 0));
    // What each sender was acknowledged is what the others received under that sequence.
    const bigBodies = new Map(byUser[50].received.get(big)?.map((m) => [m.seq, m.body]));
    for (let s = 0; s < 10; s++) {
      const own = acks[s] as { seq?: number }[];
      own.forEach((a, k) => expect(bigBodies.get(a.seq ?? -1)).toBe(`big ${s}/${k}`));
    }
    expect(byUser.every((c) => c.errors.length === 0)).toBe(true);
  });

  it('a client killed mid-stream and reconnected to the other instance with its last sequence misses nothing and gets nothing twice', async () => {
    const [sender, receiver, watcher] = [users[0], users[1], users[2]];
    const room = await ctx.room(sender, workspaceId, [receiver, watcher]);
    const out = await connect(sender, 0);
    const first = await connect(receiver, 1);
    const steady = await connect(watcher, 0);
    await Promise.all([out.join(room, 0), first.join(room, 0), steady.join(room, 0)]);

    let sent = 0;
    let stop = false;
    const sending = (async () => {
      // Four sends in flight at a time, so publications also overtake one another.
      while (!stop) {
        await Promise.all(Array.from({ length: 4 }, () => out.send(room, `n${sent++}`)));
      }
    })();
    await waitUntil(() => first.seqs(room).length >= 60, 20_000, 'the first 60 messages');
    // Kill the transport under the client: no goodbye, messages keep coming meanwhile.
    first.socket.io.engine.close();
    const seen = first.seqs(room);
    const lastSeen = seen[seen.length - 1];
    await new Promise((r) => setTimeout(r, 150));
    const second = await connect(receiver, 0);
    const rejoined = await second.join(room, lastSeen);
    expect(rejoined.ok).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    stop = true;
    await sending;
    await waitUntil(() => steady.seqs(room).length >= sent, 20_000, 'the watcher');
    await waitUntil(() => seen.length + second.seqs(room).length >= sent, 20_000, 'the reconnected client');
    await new Promise((r) => setTimeout(r, 200));
    expect([...seen, ...second.seqs(room)]).toEqual(upTo(sent));
    expect(steady.seqs(room)).toEqual(upTo(sent));
    expect(sent).toBeGreaterThan(80);
  });
});
