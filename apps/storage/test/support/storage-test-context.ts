import type { ServiceApp } from '@wealist/bootstrap';
import { loadEnv } from '@wealist/config';
import { runMigrations } from '@wealist/database';
import { startTestS3Server, type TestS3Server } from '@wealist/object-store/testing';
import {
  adminQuery,
  cleanRedis,
  createTestDatabase,
  freePort,
  generateTestKeys,
  LogSink,
  runBuiltService,
  signTestToken,
  startBuiltService,
  testNamespace,
  testServiceEnv,
  type ServiceProcess,
  type TestDatabase,
  type TestKeys,
} from '@wealist/testing';
import { randomUUID } from 'node:crypto';
import { createStorageApp } from '../../src/storage.app';
import { STORAGE_ENV_SPEC, type StorageConfig } from '../../src/storage.config';
import { STORAGE_DATABASE } from '../../src/storage.database';

export interface TestUser {
  id: string;
  email: string;
  token: string;
  auth: { authorization: string };
}

/**
 * Storage in-process against its own database and a real S3 server process (s3rver), plus the
 * real user service (built by `nx run user:build`) that answers workspace roles over the bus.
 */
export class StorageTestContext {
  db!: TestDatabase;
  userDb!: TestDatabase;
  keys!: TestKeys;
  namespace!: string;
  s3!: TestS3Server;
  userService!: ServiceProcess;
  config!: StorageConfig;
  service!: ServiceApp;
  url!: string;
  bucket!: string;
  logs = new LogSink();

  static async start(label: string, env: Record<string, string> = {}): Promise<StorageTestContext> {
    const ctx = new StorageTestContext();
    try {
      [ctx.db, ctx.userDb, ctx.keys] = await Promise.all([createTestDatabase(label), createTestDatabase(`${label}_users`), generateTestKeys()]);
      ctx.namespace = testNamespace(label);
      ctx.s3 = await startTestS3Server(await freePort());
      ctx.bucket = `wealist-test-${randomUUID().slice(0, 8)}`;
      const shared = testServiceEnv(ctx.namespace, ctx.keys);
      const migrated = await runBuiltService('user', { ...shared, ...ctx.userDb.env }, 'migrate');
      if (migrated.code !== 0) throw new Error(`user migrate failed: ${migrated.output}`);
      ctx.userService = await startBuiltService('user', { ...shared, ...ctx.userDb.env });
      ctx.config = loadEnv(STORAGE_ENV_SPEC, {
        ...shared,
        LOG_LEVEL: 'info',
        STORAGE_SWEEP_INTERVAL_SECONDS: '0',
        ...ctx.db.env,
        ...ctx.s3.env(ctx.bucket),
        ...env,
      });
      await runMigrations(ctx.config, STORAGE_DATABASE);
      ctx.service = await createStorageApp(ctx.config, { logDestination: ctx.logs, handleSignals: false });
      ctx.url = await ctx.service.listen(0);
      return ctx;
    } catch (err) {
      await ctx.stop(); // whatever did start must not outlive the file
      throw err;
    }
  }

  async stop(): Promise<void> {
    await this.service?.close();
    await this.userService?.stop();
    await this.s3?.stop();
    await Promise.all([this.db?.drop(), this.userDb?.drop()]);
    if (this.namespace) await cleanRedis(this.namespace, [0, 6]);
  }

  /** A user in the user service's database and an access token for them. */
  async user(tier: 'free' | 'premium' | 'enterprise' = 'free'): Promise<TestUser> {
    const email = `u-${randomUUID()}@example.com`;
    const [row] = await adminQuery<{ id: string }>(
      "INSERT INTO users (email, name, plan_tier) VALUES ($1, 'Tester', $2) RETURNING id",
      [email, tier],
      this.userDb.name,
    );
    const token = await signTestToken(this.keys, { sub: row.id, email, name: 'Tester', tier });
    return { id: row.id, email, token, auth: { authorization: `Bearer ${token}` } };
  }

  /** A workspace owned by `owner` (created through the user service), with extra members. */
  async workspace(owner: TestUser, members: [TestUser, 'admin' | 'member'][] = []): Promise<string> {
    const created = await this.userApi(owner, 'POST', '/api/users/workspaces', { name: 'Drive' });
    const { id } = (await created.json()) as { id: string };
    for (const [member, role] of members) {
      const res = await this.userApi(owner, 'POST', `/api/users/workspaces/${id}/members`, { email: member.email, role });
      if (res.status !== 201) throw new Error(`adding a member failed: ${res.status}`);
    }
    return id;
  }

  private userApi(who: TestUser, method: string, path: string, json: unknown): Promise<Response> {
    return fetch(`${this.userService.url}${path}`, {
      method,
      headers: { ...who.auth, 'content-type': 'application/json' },
      body: JSON.stringify(json),
    });
  }

  /** A call to the storage API under /api/storage/workspaces/:ws. */
  api(who: TestUser, method: string, ws: string, path: string, json?: unknown): Promise<Response> {
    const headers: Record<string, string> = { ...who.auth };
    if (json !== undefined) headers['content-type'] = 'application/json';
    return fetch(`${this.url}/api/storage/workspaces/${ws}${path}`, { method, headers, body: json === undefined ? undefined : JSON.stringify(json) });
  }

  async json<T>(res: Response, status: number): Promise<T> {
    const text = await res.text();
    if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

/** Every error body has the platform shape and never a stack trace. */
export async function expectError(res: Response, status: number, message?: string | RegExp): Promise<Record<string, unknown>> {
  const body = (await res.json()) as Record<string, unknown>;
  expect({ status: res.status, body }).toMatchObject({ status, body: { statusCode: status } });
  expect(typeof body['error']).toBe('string');
  expect(body['requestId']).toBe(res.headers.get('x-request-id'));
  expect(JSON.stringify(body)).not.toMatch(/\bat .+\.(ts|js):\d+/);
  if (message) expect(body['message']).toMatch(message);
  return body;
}
