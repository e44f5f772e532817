// `npx tsx --tsconfig tools/tsconfig.json tools/bench/storage-upload.ts`: prints
//  1. presigned-URL issuance per second of the built storage service: upload requests
//     (POST .../uploads: membership RPC, quota check under the workspace lock, pending row,
//     PUT URL with signed type and size) and download links (GET .../files/:id/download);
//  2. end-to-end upload of a 50 MB file through the service's presigned flow (request -> PUT
//     to S3 with the signed headers -> completion that stats and sniffs the object) against the
//     S3 server's own raw PUT of the same bytes, and their throughput ratio (goal >= 0.80x).
// The S3 server is s3rver (MinIO cannot run here) as its own process; PostgreSQL and Redis are
// the local ones; the user service runs as a process to answer workspace roles.
// Knobs: BENCH_DURATION (s), BENCH_CONNECTIONS, BENCH_FILE_MB, BENCH_ROUNDS; BENCH_PHASES=1
// prints request / PUT / complete timings of every upload.
import autocannon from 'autocannon';
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { Client } from 'minio';
import { startTestS3Server, type TestS3Server } from '@wealist/object-store/testing';
import {
  adminQuery,
  builtServicePath,
  cleanRedis,
  createTestDatabase,
  freePort,
  generateTestKeys,
  runBuiltService,
  signTestToken,
  startBuiltService,
  testNamespace,
  testServiceEnv,
  type ServiceProcess,
  type TestDatabase,
} from '@wealist/testing';

const DURATION_S = Number(process.env['BENCH_DURATION'] ?? 10);
const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 16);
const FILE_MB = Number(process.env['BENCH_FILE_MB'] ?? 50);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 5);
const BUCKET = 'wealist-bench';

interface Context {
  storage: ServiceProcess;
  ws: string;
  auth: { authorization: string };
  s3: TestS3Server;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function json<T>(res: Response, status: number): Promise<T> {
  const text = await res.text();
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${text}`);
  return JSON.parse(text) as T;
}

async function issuance(ctx: Context): Promise<void> {
  const base = `${ctx.storage.url}/api/storage/workspaces/${ctx.ws}`;
  const uploadBody = JSON.stringify({ name: 'bench.bin', size: 1024, contentType: 'application/octet-stream' });
  const load = async (opts: autocannon.Options) => {
    await autocannon({ ...opts, duration: 2 }); // warm-up: JIT, pools
    return autocannon({ ...opts, duration: DURATION_S });
  };
  const uploads = await load({
    url: `${base}/uploads`,
    method: 'POST',
    headers: { ...ctx.auth, 'content-type': 'application/json' },
    body: uploadBody,
    connections: CONNECTIONS,
  });
  const file = await uploadThroughService(ctx, randomBytes(1024));
  const downloads = await load({ url: `${base}/files/${file}/download`, headers: ctx.auth, connections: CONNECTIONS });
  const row = (name: string, r: autocannon.Result) =>
    `${name.padEnd(34)} ${r.requests.average.toFixed(0).padStart(7)} URLs/s   p50 ${String(r.latency.p50).padStart(4)} ms   p99 ${String(r.latency.p99).padStart(4)} ms   non-2xx ${r.non2xx}`;
  console.log(`presigned-URL issuance, ${CONNECTIONS} connections, ${DURATION_S}s each after a 2s warm-up`);
  console.log(row('upload request (signed PUT URL)', uploads));
  console.log(row('download link (GET)', downloads));
}

/** The browser's whole path: request, PUT the bytes to S3, complete (stat + magic bytes). */
async function uploadThroughService(ctx: Context, bytes: Buffer): Promise<string> {
  const base = `${ctx.storage.url}/api/storage/workspaces/${ctx.ws}`;
  const headers = { ...ctx.auth, 'content-type': 'application/json' };
  const body = JSON.stringify({ name: 'big.bin', size: bytes.length, contentType: 'application/octet-stream' });
  const t0 = performance.now();
  const upload = await json<{ file: { id: string }; put: { url: string; headers: Record<string, string> } }>(
    await fetch(`${base}/uploads`, { method: 'POST', headers, body }),
    201,
  );
  const t1 = performance.now();
  const put = await fetch(upload.put.url, { method: 'PUT', headers: upload.put.headers, body: bytes });
  if (put.status >= 300) throw new Error(`S3 PUT failed: ${put.status}`);
  await put.text();
  const t2 = performance.now();
  await json(await fetch(`${base}/uploads/${upload.file.id}/complete`, { method: 'POST', headers, body: '{}' }), 200);
  if (process.env['BENCH_PHASES']) console.log(`  request ${(t1 - t0).toFixed(0)} ms, PUT ${(t2 - t1).toFixed(0)} ms, complete ${(performance.now() - t2).toFixed(0)} ms`);
  return upload.file.id;
}

async function throughput(ctx: Context): Promise<void> {
  const bytes = randomBytes(FILE_MB * 1_000_000);
  const minio = new Client({ endPoint: '127.0.0.1', port: ctx.s3.port, useSSL: false, accessKey: ctx.s3.accessKey, secretKey: ctx.s3.secretKey, region: 'us-east-1', pathStyle: true });
  const rawPut = async () => {
    const url = await minio.presignedPutObject(BUCKET, `raw/${randomBytes(8).toString('hex')}`, 600);
    const res = await fetch(url, { method: 'PUT', body: bytes });
    if (res.status !== 200) throw new Error(`raw PUT failed: ${res.status}`);
    await res.text();
  };
  const time = async (work: () => Promise<unknown>) => {
    const t0 = performance.now();
    await work();
    return (performance.now() - t0) / 1000;
  };
  await rawPut(); // warm-up of both paths
  await uploadThroughService(ctx, bytes);
  const service: number[] = [];
  const raw: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    raw.push(await time(rawPut));
    service.push(await time(() => uploadThroughService(ctx, bytes)));
  }
  const mbps = (s: number) => FILE_MB / s;
  console.log(`\n${FILE_MB} MB upload, median of ${ROUNDS} alternating rounds`);
  console.log(`${'service presigned flow'.padEnd(34)} ${mbps(median(service)).toFixed(1).padStart(7)} MB/s   (${median(service).toFixed(2)} s: request + PUT + complete)`);
  console.log(`${'s3rver raw PUT'.padEnd(34)} ${mbps(median(raw)).toFixed(1).padStart(7)} MB/s   (${median(raw).toFixed(2)} s)`);
  console.log(`ratio service/raw: ${(median(raw) / median(service)).toFixed(2)}x (goal >= 0.80x)`);
}

async function main(): Promise<void> {
  for (const app of ['user', 'storage']) {
    if (!existsSync(builtServicePath(app))) throw new Error('build first: npx nx run-many -t build -p user storage');
  }
  const keys = await generateTestKeys();
  const namespace = testNamespace('bench_storage');
  const dbs: TestDatabase[] = [];
  const processes: ServiceProcess[] = [];
  const s3 = await startTestS3Server(await freePort());
  try {
    const [userDb, storageDb] = await Promise.all([createTestDatabase('bench_users'), createTestDatabase('bench_storage')]);
    dbs.push(userDb, storageDb);
    const shared = { ...testServiceEnv(namespace, keys), LOG_LEVEL: 'warn', NODE_ENV: 'production' };
    const storageEnv = { ...shared, ...storageDb.env, ...s3.env(BUCKET), STORAGE_SWEEP_INTERVAL_SECONDS: '0' };
    for (const [app, env] of [['user', { ...shared, ...userDb.env }], ['storage', storageEnv]] as const) {
      const migrated = await runBuiltService(app, env, 'migrate');
      if (migrated.code !== 0) throw new Error(migrated.output);
    }
    const user = await startBuiltService('user', { ...shared, ...userDb.env });
    processes.push(user);
    const storage = await startBuiltService('storage', storageEnv);
    processes.push(storage);
    const [row] = await adminQuery<{ id: string }>("INSERT INTO users (email, name, plan_tier) VALUES ('bench@example.com', 'Bench', 'enterprise') RETURNING id", [], userDb.name);
    const auth = { authorization: `Bearer ${await signTestToken(keys, { sub: row.id, tier: 'enterprise', expiresInSeconds: 3600 })}` };
    const created = await fetch(`${user.url}/api/users/workspaces`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{"name":"Bench"}' });
    const { id: ws } = await json<{ id: string }>(created, 201);
    const ctx: Context = { storage, ws, auth, s3 };
    await issuance(ctx);
    await throughput(ctx);
  } finally {
    for (const p of processes.reverse()) await p.stop();
    await s3.stop();
    for (const db of dbs) await db.drop();
    await cleanRedis(namespace, [0, 6]);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
