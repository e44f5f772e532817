import {
  adminQuery,
  cleanRedis,
  freePort,
  createTestDatabase,
  generateTestKeys,
  runBuiltService,
  startBuiltService,
  testNamespace,
  testServiceEnv,
  type ServiceProcess,
  type TestDatabase,
} from '@wealist/testing';
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The built services as operators run them: real processes, env validation, migrate command,
// Prometheus exposition checked by promtool, graceful SIGTERM.
describe('built services', () => {
  let db: TestDatabase;
  let env: Record<string, string>;
  let namespace: string;
  let user: ServiceProcess;

  beforeAll(async () => {
    db = await createTestDatabase('procs');
    namespace = testNamespace('procs');
    env = { ...testServiceEnv(namespace, await generateTestKeys()), ...db.env };
    const migrated = await runBuiltService('user', env, 'migrate');
    expect(migrated.code).toBe(0);
    expect(migrated.output).toContain('InitialSchema1763700000000');
    user = await startBuiltService('user', env);
  }, 60_000);

  afterAll(async () => {
    await user?.stop();
    await db.drop();
    await cleanRedis(namespace, [0, 6]);
  });

  it('stops at start with a message naming each missing or malformed variable', async () => {
    const { JWT_PUBLIC_KEY: _omit, ...withoutKey } = env;
    const result = await runBuiltService('user', { ...withoutKey, PORT: 'eighty', DATABASE_POOL_MAX: '0' }, 'serve');
    expect(result.code).toBe(1);
    expect(result.output).toContain('PORT must be an integer (got \\"eighty\\")');
    expect(result.output).toContain('JWT_PUBLIC_KEY is required');
    expect(result.output).toContain('DATABASE_POOL_MAX must be between 1 and 200');
    expect(result.output).not.toMatch(/\n\s+at /);
  });

  it('migrate is idempotent', async () => {
    const again = await runBuiltService('user', env, 'migrate');
    expect(again.code).toBe(0);
    expect(again.output).toContain('"applied":[]');
  });

  it('serves /metrics that passes promtool check metrics', async () => {
    await fetch(`${user.url}/api/users/me`);
    await fetch(`${user.url}/health`);
    const text = await (await fetch(`${user.url}/metrics`)).text();
    expect(text).toMatch(/http_requests_total\{(?=[^}]*route="\/api\/users\/me")(?=[^}]*status_code="401")[^}]*\} 1/);
    const file = join(mkdtempSync(join(tmpdir(), 'metrics-')), 'metrics.txt');
    writeFileSync(file, text);
    // promtool exits 1 on format errors and 3 on lint findings; both fail here.
    const output = execFileSync('sh', ['-c', `promtool check metrics < ${file} 2>&1; echo "exit=$?"`]).toString();
    expect(output).toContain('exit=0');
  });

  it('reports readiness 503 naming PostgreSQL while it is unreachable, and recovers', async () => {
    const own = await createTestDatabase('procs_ready');
    const ownEnv = { ...env, ...own.env };
    expect((await runBuiltService('user', ownEnv, 'migrate')).code).toBe(0);
    const svc = await startBuiltService('user', ownEnv);
    try {
      await adminQuery(`ALTER DATABASE ${own.name} ALLOW_CONNECTIONS false`);
      await adminQuery('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [own.name]);
      const down = await fetch(`${svc.url}/health/ready`);
      expect(down.status).toBe(503);
      expect(await down.json()).toMatchObject({ statusCode: 503, status: 'unhealthy', failing: ['postgres'] });
      expect((await fetch(`${svc.url}/health`)).status).toBe(503);
      expect((await fetch(`${svc.url}/health/live`)).status).toBe(200);
      await adminQuery(`ALTER DATABASE ${own.name} ALLOW_CONNECTIONS true`);
      expect((await fetch(`${svc.url}/health/ready`)).status).toBe(200);
    } finally {
      await adminQuery(`ALTER DATABASE ${own.name} ALLOW_CONNECTIONS true`);
      await svc.stop();
      await own.drop();
    }
  }, 30_000);

  it('drains and exits 0 on SIGTERM', async () => {
    const svc = await startBuiltService('user', { ...env, LOG_LEVEL: 'info' });
    const code = await svc.stop('SIGTERM');
    expect(code).toBe(0);
    expect(svc.output()).toContain('"signal":"SIGTERM"');
    expect(svc.output()).toContain('shutdown complete');
  });
});

describe('tracing', () => {
  it('exports spans over OTLP and stamps the trace id on the request log line', async () => {
    const bodies: string[] = [];
    const collector = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        bodies.push(body);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    const port = await freePort();
    await new Promise<void>((r) => collector.listen(port, '127.0.0.1', r));
    const db = await createTestDatabase('procs_trace');
    const namespace = testNamespace('procs_trace');
    const env = { ...testServiceEnv(namespace, await generateTestKeys()), ...db.env, LOG_LEVEL: 'info', OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}` };
    try {
      expect((await runBuiltService('user', env, 'migrate')).code).toBe(0);
      const svc = await startBuiltService('user', env);
      await fetch(`${svc.url}/api/users/me`);
      expect(await svc.stop('SIGTERM')).toBe(0); // shutdown flushes the span batch
      const line = svc
        .output()
        .split('\n')
        .find((l) => l.includes('"route":"/api/users/me"'));
      const traceId = (JSON.parse(line ?? '{}') as { traceId?: string }).traceId;
      expect(traceId).toMatch(/^[0-9a-f]{32}$/);
      const exported = bodies.join('\n');
      expect(exported.includes(traceId!) || exported.includes(Buffer.from(traceId!, 'hex').toString('base64'))).toBe(true);
    } finally {
      collector.close();
      await db.drop();
      await cleanRedis(namespace, [0, 6]);
    }
  }, 30_000);
});
