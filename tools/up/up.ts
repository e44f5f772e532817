// Brings the whole platform up locally and stays in the foreground; Ctrl-C stops it all.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { IMPLEMENTED_SERVICES, SERVICE_CATALOG, type ServiceName } from '@wealist/config';
import { DEFAULT_ADMIN_URL, passwordsFromEnv, setupDatabases } from '../db/setup-databases';
import { appEnv, ensureDevEnv, ROOT } from '../dev/dev-env';
import { startTestS3Server, type TestS3Server } from '@wealist/object-store/testing';
import { startLocalGateway, type RunningGateway } from './gateway';

const log = (line: string) => console.log(`[up] ${line}`);
const children = new Map<ServiceName, ChildProcess>();
let gateway: RunningGateway | undefined;
let objectStore: TestS3Server | undefined;
let stopping = false;

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): void {
  const result = spawnSync(cmd, args, { cwd: ROOT, env, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${result.status})`);
}

function prefixed(app: string, stream: NodeJS.ReadableStream, out: NodeJS.WriteStream): void {
  let buffer = '';
  stream.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) out.write(`[${app}] ${line}\n`);
  });
}

async function waitReady(app: ServiceName, port: number, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (children.get(app)?.exitCode !== null) throw new Error(`${app} exited during start-up`);
    const ok = await fetch(`http://127.0.0.1:${port}/health/ready`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${app} not ready after ${timeoutMs} ms`);
}

/**
 * MinIO is the object store in compose; locally, when nothing answers on S3_ENDPOINT, the npm
 * S3 server (s3rver) stands in so storage, avatars and attachments work out of the box.
 */
async function ensureObjectStore(endpoint: string, say: (line: string) => void): Promise<TestS3Server | undefined> {
  if (await fetch(endpoint).then(() => true, () => false)) return undefined;
  const url = new URL(endpoint);
  if (!['127.0.0.1', 'localhost'].includes(url.hostname)) throw new Error(`object store ${endpoint} is not reachable`);
  say(`starting s3rver on ${endpoint}`);
  return startTestS3Server(Number(url.port || 80));
}

async function shutdown(code: number): Promise<never> {
  if (stopping) process.exit(code);
  stopping = true;
  log('stopping…');
  await gateway?.stop();
  await objectStore?.stop();
  await Promise.all(
    [...children.values()].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    ),
  );
  process.exit(code);
}

async function main(): Promise<void> {
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  const base = await ensureDevEnv(log);
  log('creating databases and roles');
  await setupDatabases({
    adminUrl: process.env['POSTGRES_ADMIN_URL'] ?? DEFAULT_ADMIN_URL,
    passwords: passwordsFromEnv(base),
    log,
  });
  log(`building ${IMPLEMENTED_SERVICES.join(', ')}`);
  run(join(ROOT, 'node_modules/.bin/nx'), ['run-many', '-t', 'build', '-p', ...IMPLEMENTED_SERVICES, '--output-style=stream']);

  for (const app of IMPLEMENTED_SERVICES) {
    if (!SERVICE_CATALOG[app].database) continue;
    log(`migrating ${app}`);
    run(process.execPath, ['--no-node-snapshot', join(ROOT, 'dist/apps', app, 'main.js'), 'migrate'], { ...process.env, ...appEnv(app, base) });
  }

  objectStore = await ensureObjectStore(base['S3_ENDPOINT'] ?? 'http://127.0.0.1:9000', log);

  for (const app of IMPLEMENTED_SERVICES) {
    const child = spawn(process.execPath, ['--no-node-snapshot', join(ROOT, 'dist/apps', app, 'main.js')], {
      cwd: ROOT,
      env: { ...process.env, ...appEnv(app, base) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    prefixed(app, child.stdout, process.stdout);
    prefixed(app, child.stderr, process.stderr);
    child.on('exit', (code) => {
      if (!stopping) {
        log(`${app} exited with ${code}; stopping everything`);
        void shutdown(1);
      }
    });
    children.set(app, child);
  }
  await Promise.all(IMPLEMENTED_SERVICES.map((app) => waitReady(app, SERVICE_CATALOG[app].port)));

  gateway = await startLocalGateway(log);
  log('Wealist is up:');
  for (const app of IMPLEMENTED_SERVICES) {
    const { port, httpPrefixes } = SERVICE_CATALOG[app];
    log(`  ${app.padEnd(13)} http://localhost:${port}  (docs /docs, health /health)  ${httpPrefixes.join(' ')}`);
  }
  if (gateway) log(`  gateway       ${gateway.url}  (all /api and /ws routes)`);
  if (objectStore) log(`  object store  ${objectStore.endpoint}  (s3rver, data kept until Ctrl-C)`);
  log('press Ctrl-C to stop');
}

main().catch(async (err: unknown) => {
  console.error(`[up] ${err instanceof Error ? err.message : String(err)}`);
  await shutdown(1);
});
