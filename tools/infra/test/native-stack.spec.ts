import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { get as httpsGet } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
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
  type TestKeys,
} from '@wealist/testing';
import { io } from 'socket.io-client';
import { composeName, EVENT_BUS_REDIS_DB, SERVICE_CATALOG, SERVICE_NAMES, type ServiceName } from '../src/catalog';
import { startNginx, type RunningGateway } from '../src/gateway';
import { startPrometheus, type RunningPrometheus } from '../src/prometheus-process';

// The built auth and user services on local PostgreSQL/Redis, behind the real nginx running
// the repository's gateway config (rendered for localhost) and scraped by the real prometheus
// with the repository's scrape config and alert rules. Chat and notification carry the
// WebSocket routes (socket.io at /ws/chat and /ws/notifications).
jest.setTimeout(180_000);

describe('native stack: services behind nginx, scraped by prometheus', () => {
  const namespace = testNamespace('infra-stack');
  const tmp = mkdtempSync(join(tmpdir(), 'wealist-stack-'));
  const services: Partial<Record<ServiceName, ServiceProcess>> = {};
  let db: TestDatabase | undefined;
  const dbs: TestDatabase[] = [];
  let keys: TestKeys;
  let gateway: RunningGateway | undefined;
  let prometheus: RunningPrometheus | undefined;
  let tlsPort = 0;
  let cert = '';

  beforeAll(async () => {
    db = await createTestDatabase('infra_stack');
    keys = await generateTestKeys();
    const env = testServiceEnv(namespace, keys);
    const migrated = await runBuiltService('user', { ...env, ...db.env }, 'migrate');
    expect(migrated).toEqual({ code: 0, output: expect.any(String) });
    const [auth, user] = await Promise.all([startBuiltService('auth', env), startBuiltService('user', { ...env, ...db.env })]);
    Object.assign(services, { auth, user });
    // Chat and notification each on a database of their own (each keeps its own migrations table).
    for (const app of ['chat', 'notification'] as const) {
      const appDb = await createTestDatabase(`infra_${app}`);
      dbs.push(appDb);
      expect(await runBuiltService(app, { ...env, ...appDb.env }, 'migrate')).toEqual({ code: 0, output: expect.any(String) });
      services[app] = await startBuiltService(app, { ...env, ...appDb.env });
    }
    const [chat, notification] = [services.chat!, services.notification!];

    cert = join(tmp, 'tls.crt');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost',
      '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(tmp, 'tls.key'), '-out', cert], { stdio: 'ignore' });
    tlsPort = await freePort();
    gateway = await startNginx({
      port: await freePort(),
      upstreams: { auth: auth.port, user: user.port, chat: chat.port, notification: notification.port },
      prefixDir: join(tmp, 'nginx'),
      tls: { port: tlsPort, certificate: cert, key: join(tmp, 'tls.key') },
    });
    prometheus = await startPrometheus({
      port: await freePort(),
      targets: { auth: auth.port, user: user.port, chat: chat.port, notification: notification.port },
      dataDir: join(tmp, 'prometheus'),
      scrapeInterval: '1s',
    });
  });

  afterAll(async () => {
    await prometheus?.stop();
    await gateway?.stop();
    await Promise.all(Object.values(services).map((s) => s?.stop()));
    await db?.drop();
    for (const d of dbs) await d.drop();
    await cleanRedis(namespace, [SERVICE_CATALOG.auth.redisDb, EVENT_BUS_REDIS_DB]);
    rmSync(tmp, { recursive: true, force: true });
  });

  /** The services this test runs (each one's routes and scrape job are checked). */
  const deployed = () => Object.keys(services) as ServiceName[];

  async function upstreamOf(requestId: string): Promise<string | undefined> {
    // nginx writes the access line right after the response; allow it a moment.
    for (let i = 0; i < 20; i++) {
      const line = gateway!.accessLogLines().map((l) => JSON.parse(l) as Record<string, string>).find((e) => e['request_id'] === requestId);
      if (line) return line['upstream'];
      await new Promise((r) => setTimeout(r, 50));
    }
    return undefined;
  }

  it('routes every prefix of the deployed services to that service, passing X-Request-Id on', async () => {
    for (const name of deployed()) {
      for (const prefix of SERVICE_CATALOG[name].httpPrefixes) {
        const requestId = `infra-${name}-${prefix.replace(/\W/g, '')}`;
        const res = await fetch(`${gateway!.url}${prefix}/`, { headers: { 'x-request-id': requestId } });
        const body = (await res.json()) as { requestId?: string };
        expect({ prefix, status: [502, 503, 504].includes(res.status), header: res.headers.get('x-request-id') }).toEqual({
          prefix, status: false, header: requestId,
        });
        // The service saw the gateway's id: it is in the service's JSON error body.
        if (res.status >= 400) expect(body.requestId).toBe(requestId);
        expect(await upstreamOf(requestId)).toBe(`127.0.0.1:${services[name]!.port}`);
      }
    }
  });

  it('answers /api/users/me with the user service 401 and /api/auth/oidc/providers with 200', async () => {
    const me = await fetch(`${gateway!.url}/api/users/me`);
    expect(me.status).toBe(401);
    expect(me.headers.get('content-type')).toMatch(/application\/json/);
    const body = (await me.json()) as { statusCode: number; requestId: string };
    expect(body.statusCode).toBe(401);
    // No id was sent: nginx minted one, and the service used the same.
    expect(me.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);
    expect(body.requestId).toBe(me.headers.get('x-request-id'));

    const providers = await fetch(`${gateway!.url}/api/auth/oidc/providers`);
    expect(providers.status).toBe(200);
    expect(providers.headers.get('x-request-id')).toBeTruthy();
  });

  it('replaces an unsafe X-Request-Id instead of forwarding it', async () => {
    const res = await fetch(`${gateway!.url}/api/users/me`, { headers: { 'x-request-id': 'a'.repeat(200) } });
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);
  });

  it('passes socket.io WebSocket upgrades on /ws/chat and /ws/notifications through, with X-Request-Id', async () => {
    const token = await signTestToken(keys);
    for (const [path, app] of [['/ws/chat', 'chat'], ['/ws/notifications', 'notification']] as const) {
      const requestId = `infra-ws-${app}`;
      const socket = io(gateway!.url, { path, transports: ['websocket'], auth: { token }, extraHeaders: { 'x-request-id': requestId }, reconnection: false, forceNew: true });
      try {
        await new Promise<void>((resolve, reject) => {
          socket.once('connect', resolve);
          socket.once('connect_error', reject);
        });
        expect(socket.io.engine.transport.name).toBe('websocket');
      } finally {
        socket.close();
      }
      expect(await upstreamOf(requestId)).toBe(`127.0.0.1:${services[app]!.port}`);
    }
  });

  it('answers prefixes of services that are not deployed, and unknown paths, with JSON errors', async () => {
    for (const name of SERVICE_NAMES.filter((s) => !deployed().includes(s))) {
      for (const prefix of [...SERVICE_CATALOG[name].httpPrefixes, ...SERVICE_CATALOG[name].wsPaths]) {
        const res = await fetch(`${gateway!.url}${prefix}/x`);
        expect({ prefix, status: res.status, body: await res.json() }).toEqual({
          prefix, status: 503, body: expect.objectContaining({ statusCode: 503, requestId: res.headers.get('x-request-id') }),
        });
      }
    }
    const unknown = await fetch(`${gateway!.url}/nowhere`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });

  it('refuses an oversized body with a JSON 413', async () => {
    const res = await fetch(`${gateway!.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: Buffer.alloc(11 * 1024 * 1024, 32),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ statusCode: 413 });
  });

  it('serves the same routes over TLS', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      httpsGet({ host: '127.0.0.1', port: tlsPort, path: '/api/auth/oidc/providers', ca: readFileSync(cert) }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      }).on('error', reject);
    });
    expect(status).toBe(200);
  });

  it('writes one JSON access log line per request', () => {
    const entries = gateway!.accessLogLines().map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(entries.length).toBeGreaterThan(5);
    expect(entries[0]).toEqual(expect.objectContaining({ request_id: expect.any(String), status: expect.any(Number), service: 'gateway' }));
  });

  it('has prometheus report every service target up, with the alert rules loaded', async () => {
    const jobs = [...deployed().map(composeName), 'prometheus'];
    let targets = await prometheus!.targets();
    for (let i = 0; i < 100 && !jobs.every((j) => targets.some((t) => t.job === j && t.health === 'up')); i++) {
      await new Promise((r) => setTimeout(r, 200));
      targets = await prometheus!.targets();
    }
    expect(Object.fromEntries(targets.map((t) => [t.job, t.health === 'up' ? 'up' : `${t.health}: ${t.lastError}`]))).toEqual(
      Object.fromEntries(jobs.map((j) => [j, 'up'])),
    );
    const rules = (await (await fetch(`${prometheus!.url}/api/v1/rules`)).json()) as { data: { groups: { name: string }[] } };
    expect(rules.data.groups.map((g) => g.name)).toEqual(expect.arrayContaining(['wealist-services', 'wealist-infrastructure']));
  });
});
