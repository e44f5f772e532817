// `npx tsx --tsconfig tools/tsconfig.json tools/bench/chat-fanout.ts`: prints, in one run,
//  1. deliveries/s (messages received by sockets) with 2 chat instances fanning out through
//     Redis against 1 instance fanning out in memory, for rooms of 2 and of 100 members
//     (goals >= 0.6x and >= 0.9x), the median of BENCH_ROUNDS (3) alternating rounds;
//  2. p50/p99 send-to-receive latency across instances with many connected clients
//     (goal p99 <= 50 ms at 1,000 clients).
// The built chat service (nx run chat:build) runs as real processes on the local PostgreSQL and
// Redis; the clients are socket.io-client sockets in this process, on the same 2 cores.
// BENCH_ONLY=throughput|latency runs one part; BENCH_CLIENTS and BENCH_DURATION size the second.
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import {
  adminQuery,
  cleanRedis,
  createTestDatabase,
  generateTestKeys,
  runBuiltService,
  signTestToken,
  startBuiltService,
  testNamespace,
  testServiceEnv,
  type ServiceProcess,
  type TestKeys,
} from '@wealist/testing';

const LATENCY_CLIENTS = Number(process.env['BENCH_CLIENTS'] ?? 1000);
const LATENCY_SECONDS = Number(process.env['BENCH_DURATION'] ?? 10);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 3);
const WINDOW = 8; // sends in flight per sender

interface Message {
  roomId: string;
  seq: number;
  body: string;
}

interface Client {
  socket: Socket;
  received: number;
}

async function connect(url: string, token: string, onMessage: (m: Message) => void): Promise<Client> {
  const socket = io(url, { path: '/ws/chat', transports: ['websocket'], auth: { token }, reconnection: false, forceNew: true });
  const client: Client = { socket, received: 0 };
  socket.on('message', (m: Message) => {
    client.received++;
    onMessage(m);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return client;
}

/** Rooms written straight into chat_db (the REST API would go through the user service). */
async function seedRooms(dbName: string, rooms: number, size: number): Promise<{ roomIds: string[]; members: string[][] }> {
  const roomIds = Array.from({ length: rooms }, () => randomUUID());
  const members = roomIds.map(() => Array.from({ length: size }, () => randomUUID()));
  const workspaceId = randomUUID();
  await adminQuery(
    `INSERT INTO rooms (id, workspace_id, kind, name, created_by) SELECT id, $1, 'channel', 'bench', $1 FROM unnest($2::uuid[]) AS id`,
    [workspaceId, roomIds],
    dbName,
  );
  await adminQuery(
    `INSERT INTO room_members (room_id, user_id, role) SELECT r, u, 'member' FROM unnest($1::uuid[], $2::uuid[]) AS t(r, u)`,
    [members.flatMap((m, i) => m.map(() => roomIds[i])), members.flat()],
    dbName,
  );
  return { roomIds, members };
}

function ack(socket: Socket, roomId: string, body: string): Promise<void> {
  return (socket.timeout(30_000).emitWithAck('send', { roomId, body }) as Promise<{ ok: boolean; error?: { message: string } }>).then((a) => {
    if (!a.ok) throw new Error(`send refused: ${a.error?.message}`);
  });
}

async function join(clients: Client[], roomId: string): Promise<void> {
  await Promise.all(clients.map((c) => c.socket.timeout(30_000).emitWithAck('join', { roomId })));
}

async function startChat(env: Record<string, string>, count: number): Promise<ServiceProcess[]> {
  return Promise.all(Array.from({ length: count }, () => startBuiltService('chat', env, 60_000)));
}

async function stopAll(services: ServiceProcess[], clients: Client[]): Promise<void> {
  for (const c of clients) c.socket.close();
  await Promise.all(services.map((s) => s.stop()));
}

/** Every member sends `perSender` messages (WINDOW in flight); returns deliveries per second. */
async function throughput(env: Record<string, string>, dbName: string, keys: TestKeys, instances: number, size: number, rooms: number, perSender: number, senders: number): Promise<number> {
  const services = await startChat(env, instances);
  const { roomIds, members } = await seedRooms(dbName, rooms, size);
  const clients: Client[][] = [];
  for (const [r, userIds] of members.entries()) {
    const roomClients = await Promise.all(
      userIds.map(async (userId, i) => connect(services[i % instances].url, await signTestToken(keys, { sub: userId, expiresInSeconds: 3600 }), () => undefined)),
    );
    await join(roomClients, roomIds[r]);
    clients.push(roomClients);
  }
  const all = clients.flat();
  const expected = rooms * senders * perSender * size;
  const t0 = performance.now();
  await Promise.all(
    clients.flatMap((roomClients, r) =>
      roomClients.slice(0, senders).map(async (c) => {
        for (let sent = 0; sent < perSender; sent += WINDOW) {
          await Promise.all(Array.from({ length: Math.min(WINDOW, perSender - sent) }, (_, k) => ack(c.socket, roomIds[r], `m${sent + k}`)));
        }
      }),
    ),
  );
  const deadline = Date.now() + 120_000;
  while (all.reduce((n, c) => n + c.received, 0) < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  const seconds = (performance.now() - t0) / 1000;
  const delivered = all.reduce((n, c) => n + c.received, 0);
  await stopAll(services, all);
  if (delivered !== expected) throw new Error(`delivered ${delivered} of ${expected}`);
  return delivered / seconds;
}

/** Clients over two instances in rooms of 10; a sender on one instance, latency measured on the other. */
interface Latency {
  p50: number;
  p99: number;
  ackP99: number;
  samples: number;
  clients: number;
}

async function latency(env: Record<string, string>, dbName: string, keys: TestKeys, clientsWanted: number, seconds: number): Promise<Latency> {
  const services = await startChat(env, 2);
  const size = 10;
  const { roomIds, members } = await seedRooms(dbName, Math.ceil(clientsWanted / size), size);
  const samples: number[] = [];
  const acks: number[] = [];
  const clients: Client[][] = [];
  for (const [r, userIds] of members.entries()) {
    const roomClients = await Promise.all(
      userIds.map(async (userId, i) =>
        connect(services[i % 2].url, await signTestToken(keys, { sub: userId, expiresInSeconds: 3600 }), (m) => {
          // Only receivers on instance 1 count: the sender (index 0) is always on instance 0.
          if (i % 2 === 1) samples.push(performance.now() - Number(m.body));
        }),
      ),
    );
    await join(roomClients, roomIds[r]);
    clients.push(roomClients);
  }
  // One message per room every second, spread evenly: clientsWanted/10 messages per second.
  const end = performance.now() + seconds * 1000;
  const warmup = performance.now() + 1000;
  let r = 0;
  let warmedUp = false;
  const pending: Promise<void>[] = [];
  const interval = 1000 / roomIds.length;
  while (performance.now() < end) {
    const now = performance.now();
    if (!warmedUp && now >= warmup) {
      samples.length = 0; // the first second warms up JIT and pools
      acks.length = 0;
      warmedUp = true;
    }
    // The acknowledgement comes once the message is committed: what the store costs, apart from fan-out.
    pending.push(ack(clients[r][0].socket, roomIds[r], String(now)).then(() => void acks.push(performance.now() - now)));
    r = (r + 1) % roomIds.length;
    await new Promise((res) => setTimeout(res, interval));
    if (pending.length > 200) await Promise.all(pending.splice(0));
  }
  await Promise.all(pending);
  await new Promise((res) => setTimeout(res, 500));
  await stopAll(services, clients.flat());
  return { p50: quantile(samples, 0.5), p99: quantile(samples, 0.99), ackP99: quantile(acks, 0.99), samples: samples.length, clients: clients.flat().length };
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

async function main(): Promise<void> {
  const db = await createTestDatabase('bench_chat');
  const keys = await generateTestKeys();
  const namespace = testNamespace('bench_chat');
  const base = {
    ...testServiceEnv(namespace, keys),
    ...db.env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    CHAT_MESSAGES_PER_SECOND: '10000',
    CHAT_MAX_ROOMS_PER_CONNECTION: '10',
    DATABASE_POOL_MAX: '20',
  };
  try {
    const migrated = await runBuiltService('chat', base, 'migrate');
    if (migrated.code !== 0) throw new Error(migrated.output);
    console.log(`deliveries/s (messages received by sockets), 1 instance in memory vs 2 instances through Redis, median of ${ROUNDS} rounds`);
    for (const [size, rooms, perSender, senders, goal] of process.env['BENCH_ONLY'] === 'latency' ? [] : [
      [2, 50, 60, 2, 0.6],
      [100, 1, 150, 10, 0.9],
    ] as const) {
      // Alternating rounds, medians reported: the machine is shared, single runs are noisy.
      const ones: number[] = [];
      const twos: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        ones.push(await throughput({ ...base, CHAT_REDIS_FANOUT: 'false' }, db.name, keys, 1, size, rooms, perSender, senders));
        twos.push(await throughput(base, db.name, keys, 2, size, rooms, perSender, senders));
      }
      const [one, two] = [quantile(ones, 0.5), quantile(twos, 0.5)];
      console.log(
        `rooms of ${String(size).padStart(3)} (${rooms} rooms, ${rooms * size} clients): 1 instance ${one.toFixed(0).padStart(7)}/s   ` +
          `2 instances ${two.toFixed(0).padStart(7)}/s   ratio ${(two / one).toFixed(2)}x (goal >= ${goal}x)   ` +
          `[runs: ${ones.map((v) => v.toFixed(0)).join(', ')} | ${twos.map((v) => v.toFixed(0)).join(', ')}]`,
      );
    }
    if (process.env['BENCH_ONLY'] === 'throughput') return;
    console.log(`\nsend-to-receive latency across instances, ${LATENCY_CLIENTS} clients in rooms of 10, ${LATENCY_SECONDS}s`);
    const l = await latency(base, db.name, keys, LATENCY_CLIENTS, LATENCY_SECONDS);
    console.log(`${l.clients} connected clients, ${l.samples} cross-instance deliveries: p50 ${l.p50.toFixed(1)} ms   p99 ${l.p99.toFixed(1)} ms (goal p99 <= 50 ms)`);
    console.log(`of which storing (send to acknowledgement, i.e. the PostgreSQL commit): p99 ${l.ackP99.toFixed(1)} ms`);
  } finally {
    await db.drop();
    await cleanRedis(namespace, [0, 2, 6]);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
