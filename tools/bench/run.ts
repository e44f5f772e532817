// `npm run bench`: prints, in one run,
//  1. req/s and latency of GET /api/users/me through the full stack (the built user service)
//     against raw Fastify doing the same token check and query, and their ratio (goal >= 0.6x);
//  2. each service's time from process start to /health/ready (goal <= 1.5 s) and idle RSS
//     (goal <= 100 MB).
// Everything runs on this machine against the local PostgreSQL and Redis.
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IMPLEMENTED_SERVICES, type ServiceName } from '@wealist/config';
import { startTestS3Server } from '@wealist/object-store/testing';
import {
  adminQuery,
  builtServicePath,
  cleanRedis,
  createTestDatabase,
  freePort,
  generateTestKeys,
  runBuiltService,
  signTestToken,
  testNamespace,
  testServiceEnv,
  WORKSPACE_ROOT,
} from '@wealist/testing';

const DURATION_S = Number(process.env['BENCH_DURATION'] ?? 10);
const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 32);

interface Started {
  child: ChildProcess;
  url: string;
  readyMs: number;
}

async function start(command: string[], env: Record<string, string>, port: number): Promise<Started> {
  const t0 = performance.now();
  const child = spawn(process.execPath, command, { env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' }, stdio: process.env['BENCH_DEBUG'] ? 'inherit' : 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${command.join(' ')} exited with ${child.exitCode}`);
    const ok = await fetch(`${url}/health/ready`).then((r) => r.status === 200, () => false);
    if (ok) return { child, url, readyMs: performance.now() - t0 };
    await new Promise((r) => setTimeout(r, 5));
  }
}

function rssMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) / 1024;
}

async function load(url: string, token: string): Promise<autocannon.Result> {
  const opts = { url: `${url}/api/users/me`, headers: { authorization: `Bearer ${token}` }, connections: CONNECTIONS };
  await autocannon({ ...opts, duration: 2 }); // warm-up: JIT, pools
  return autocannon({ ...opts, duration: DURATION_S });
}

const stop = (s: Started) => new Promise<void>((r) => (s.child.exitCode !== null ? r() : (s.child.once('exit', () => r()), s.child.kill('SIGTERM'))));

async function main(): Promise<void> {
  for (const app of IMPLEMENTED_SERVICES) {
    if (!existsSync(builtServicePath(app))) throw new Error(`build first: npx nx run-many -t build`);
  }
  const db = await createTestDatabase('bench');
  const keys = await generateTestKeys();
  const namespace = testNamespace('bench');
  const env = { ...testServiceEnv(namespace, keys), ...db.env, LOG_LEVEL: 'info', NODE_ENV: 'production' };
  try {
    const migrated = await runBuiltService('user', env, 'migrate');
    if (migrated.code !== 0) throw new Error(migrated.output);
    const [user] = await adminQuery<{ id: string }>(
      "INSERT INTO users (email, name) VALUES ('bench@example.com', 'Bench') RETURNING id",
      [],
      db.name,
    );
    const token = await signTestToken(keys, { sub: user.id, expiresInSeconds: 3600 });

    console.log(`GET /api/users/me, ${CONNECTIONS} connections, ${DURATION_S}s each, after a 2s warm-up`);
    const full = await start([builtServicePath('user')], env, await freePort());
    const fullResult = await load(full.url, token);
    await stop(full);
    const tsx = join(WORKSPACE_ROOT, 'node_modules/tsx/dist/cli.mjs');
    const raw = await start([tsx, join(__dirname, 'raw-users-me.ts')], env, await freePort()).catch(async () => {
      throw new Error('raw server failed to start');
    });
    const rawResult = await load(raw.url, token);
    await stop(raw);

    const row = (name: string, r: autocannon.Result) =>
      `${name.padEnd(28)} ${r.requests.average.toFixed(0).padStart(8)} req/s   p50 ${String(r.latency.p50).padStart(4)} ms   p99 ${String(r.latency.p99).padStart(4)} ms   non-2xx ${r.non2xx}`;
    console.log(row('full stack (user service)', fullResult));
    console.log(row('raw Fastify, same work', rawResult));
    console.log(`ratio full/raw: ${(fullResult.requests.average / rawResult.requests.average).toFixed(2)}x (goal >= 0.60x)`);

    console.log('\nstart-up to /health/ready and idle RSS (3 s after ready), NODE_ENV=production');
    // Services only need their dependencies reachable to become ready; one database serves all.
    const s3 = await startTestS3Server();
    const startEnv = {
      ...env,
      ...s3.env('bench-files'),
      LIVEKIT_API_KEY: 'bench',
      LIVEKIT_API_SECRET: 'bench-secret-bench-secret-bench-secret',
    };
    for (const app of IMPLEMENTED_SERVICES as ServiceName[]) {
      const s = await start([builtServicePath(app)], startEnv, await freePort());
      await new Promise((r) => setTimeout(r, 3_000));
      console.log(`${app.padEnd(6)} ready in ${s.readyMs.toFixed(0).padStart(5)} ms (goal <= 1500)   idle RSS ${rssMb(s.child.pid ?? 0).toFixed(1)} MB (goal <= 100)`);
      await stop(s);
    }
    await s3.stop();
  } finally {
    await db.drop();
    await cleanRedis(namespace, [0, 6]);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
