// `npx tsx --tsconfig tools/tsconfig.json tools/bench/board-get.ts` prints, in one run, req/s
// and latency of the cached GET /api/boards/:id through the full stack (the built board
// service: helmet, request ids, JSON request logs, metrics, auth guard, rate limit, workspace
// access check, cache) against raw Fastify doing the same token check and Redis reads, and
// their ratio (goal >= 0.6x). A second raw row does only the token check and the view read,
// to show what the rate limit and access check cost. Not a test: it needs the built services
// (`npx nx run-many -t build -p user board`) and local PostgreSQL and Redis.
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
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
}

async function start(command: string[], env: Record<string, string>): Promise<Started> {
  const port = await freePort();
  const child = spawn(process.execPath, command, { env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' }, stdio: process.env['BENCH_DEBUG'] ? 'inherit' : 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${command.join(' ')} exited with ${child.exitCode}`);
    if (await fetch(`${url}/health/ready`).then((r) => r.status === 200, () => false)) return { child, url };
    await new Promise((r) => setTimeout(r, 20));
  }
}

const stop = (s: Started) => new Promise<void>((r) => (s.child.exitCode !== null ? r() : (s.child.once('exit', () => r()), s.child.kill('SIGTERM'))));

async function api<T>(url: string, token: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${url}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function load(url: string, path: string, token: string): Promise<autocannon.Result> {
  const opts = { url: `${url}${path}`, headers: { authorization: `Bearer ${token}` }, connections: CONNECTIONS };
  await autocannon({ ...opts, duration: 2 }); // warm-up: JIT, pools, caches
  return autocannon({ ...opts, duration: DURATION_S });
}

/** A realistic board: 4 columns, 40 tasks with labels, assignee and due dates. */
async function seedBoard(url: string, token: string, workspaceId: string, userId: string): Promise<string> {
  const project = await api<{ id: string }>(url, token, 'POST', '/api/boards/projects', { workspaceId, name: 'Bench' });
  const board = await api<{ id: string }>(url, token, 'POST', '/api/boards', { projectId: project.id, name: 'Sprint', columns: ['Backlog', 'To Do', 'Doing', 'Done'] });
  const view = await api<{ columns: { id: string }[] }>(url, token, 'GET', `/api/boards/${board.id}`);
  for (let i = 0; i < 40; i++) {
    await api(url, token, 'POST', `/api/boards/${board.id}/tasks`, {
      title: `Task number ${i} with a reasonably descriptive title`,
      columnId: view.columns[i % 4].id,
      labels: ['bench', i % 2 ? 'backend' : 'frontend'],
      assigneeId: userId,
      priority: 'medium',
      dueDate: new Date(Date.now() + (i + 2) * 86_400_000).toISOString(),
    });
  }
  return board.id;
}

async function main(): Promise<void> {
  for (const app of ['user', 'board']) if (!existsSync(builtServicePath(app))) throw new Error('build first: npx nx run-many -t build -p user board');
  const [userDb, boardDb, keys] = await Promise.all([createTestDatabase('bench_user'), createTestDatabase('bench_board'), generateTestKeys()]);
  const namespace = testNamespace('bench-board');
  const shared = { ...testServiceEnv(namespace, keys), LOG_LEVEL: 'info', NODE_ENV: 'production' };
  // Limits far above what the load generator can reach: the limiter still runs on every request.
  const boardEnv = { ...shared, ...boardDb.env, RATE_LIMIT_FREE: '1000000000', ROLE_CACHE_TTL_SECONDS: '3600', BOARD_CACHE_TTL_SECONDS: '3600' };
  const started: Started[] = [];
  try {
    for (const [app, env] of [['user', { ...shared, ...userDb.env }], ['board', boardEnv]] as const) {
      const migrated = await runBuiltService(app, env, 'migrate');
      if (migrated.code !== 0) throw new Error(migrated.output);
    }
    const [user] = await adminQuery<{ id: string }>("INSERT INTO users (email, name) VALUES ('bench@example.com', 'Bench') RETURNING id", [], userDb.name);
    const [ws] = await adminQuery<{ id: string }>('INSERT INTO workspaces (name, created_by) VALUES ($1, $2) RETURNING id', ['Bench', user.id], userDb.name);
    await adminQuery("INSERT INTO workspace_members (workspace_id, user_id, role) VALUES ($1, $2, 'owner')", [ws.id, user.id], userDb.name);
    const token = await signTestToken(keys, { sub: user.id, expiresInSeconds: 3600 });

    started.push(await start([builtServicePath('user')], { ...shared, ...userDb.env }));
    const full = await start([builtServicePath('board')], boardEnv);
    started.push(full);
    const boardId = await seedBoard(full.url, token, ws.id, user.id);
    const path = `/api/boards/${boardId}`;
    const body = await (await fetch(`${full.url}${path}`, { headers: { authorization: `Bearer ${token}` } })).text();

    console.log(`cached GET /api/boards/:id (${(body.length / 1024).toFixed(1)} KiB, 4 columns, 40 tasks), ${CONNECTIONS} connections, ${DURATION_S}s each, after a 2s warm-up`);
    const fullResult = await load(full.url, path, token);
    await stop(full);
    const rawResults: autocannon.Result[] = [];
    for (const mode of ['same-work', 'minimal']) {
      const tsx = join(WORKSPACE_ROOT, 'node_modules/tsx/dist/cli.mjs');
      const raw = await start([tsx, join(__dirname, 'raw-board-get.ts')], { ...shared, RAW_MODE: mode, BENCH_WORKSPACE_ID: ws.id });
      started.push(raw);
      const rawBody = await (await fetch(`${raw.url}${path}`, { headers: { authorization: `Bearer ${token}` } })).text();
      if (rawBody !== body) throw new Error(`the raw server (${mode}) does not answer what the service answers`);
      rawResults.push(await load(raw.url, path, token));
      await stop(raw);
    }
    const [rawResult, minimalResult] = rawResults;

    const row = (name: string, r: autocannon.Result) =>
      `${name.padEnd(30)} ${r.requests.average.toFixed(0).padStart(8)} req/s   p50 ${String(r.latency.p50).padStart(4)} ms   p99 ${String(r.latency.p99).padStart(4)} ms   non-2xx ${r.non2xx}`;
    console.log(row('full stack (board service)', fullResult));
    console.log(row('raw Fastify, same token+Redis', rawResult));
    console.log(row('raw Fastify, token+view only', minimalResult));
    console.log(`ratio full/raw: ${(fullResult.requests.average / rawResult.requests.average).toFixed(2)}x (goal >= 0.60x)`);
    console.log(`ratio full/raw (token+view only): ${(fullResult.requests.average / minimalResult.requests.average).toFixed(2)}x`);
  } finally {
    await Promise.all(started.map(stop));
    await Promise.all([userDb.drop(), boardDb.drop()]);
    await cleanRedis(namespace, [0, 1, 6]);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
