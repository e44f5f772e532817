import type { ServiceApp } from '@wealist/bootstrap';
import { loadEnv } from '@wealist/config';
import { runMigrations } from '@wealist/database';
import { encodeEntry, type EventContract } from '@wealist/events';
import { NamespacedRedisClient, RpcClient, transportOptions, UserRpc } from '@wealist/messaging';
import {
  cleanRedis,
  createTestDatabase,
  generateTestKeys,
  LogSink,
  runBuiltService,
  signTestToken,
  startBuiltService,
  TEST_REDIS_URL,
  testNamespace,
  testServiceEnv,
  type ServiceProcess,
  type TestDatabase,
  type TestKeys,
} from '@wealist/testing';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { createNotificationApp } from '../../src/notification.app';
import { NOTIFICATION_ENV_SPEC } from '../../src/notification.config';
import { NOTIFICATION_DATABASE } from '../../src/notification.database';

export interface TestUser {
  id: string;
  email: string;
  name: string;
  token: string;
  auth: { authorization: string };
}

export interface NotificationInstance {
  service: ServiceApp;
  url: string;
  logs: LogSink;
}

/**
 * The notification service in-process (instances can be stopped and started again on the same
 * database and streams), the real user service as a built process (it resolves e-mail
 * addresses), and a bus client to emit domain events the way the producers' relays do.
 */
export class NotificationTestContext {
  db!: TestDatabase;
  userDb!: TestDatabase;
  keys!: TestKeys;
  namespace!: string;
  env!: Record<string, string>;
  user!: ServiceProcess;
  rpc!: RpcClient;
  bus!: Redis;
  instances: NotificationInstance[] = [];

  static async start(label: string, env: Record<string, string> = {}): Promise<NotificationTestContext> {
    const ctx = new NotificationTestContext();
    [ctx.db, ctx.userDb, ctx.keys] = await Promise.all([createTestDatabase(label), createTestDatabase(`${label}_users`), generateTestKeys()]);
    ctx.namespace = testNamespace(label);
    const shared = testServiceEnv(ctx.namespace, ctx.keys);
    const migrated = await runBuiltService('user', { ...shared, ...ctx.userDb.env }, 'migrate');
    if (migrated.code !== 0) throw new Error(`user migrate failed: ${migrated.output}`);
    ctx.user = await startBuiltService('user', { ...shared, ...ctx.userDb.env });
    ctx.env = {
      ...shared,
      ...ctx.db.env,
      EVENTS_CONSUMER_BLOCK_MS: '200',
      DELIVERY_POLL_MS: '50',
      DELIVERY_BACKOFF_BASE_MS: '300',
      WEBHOOK_TIMEOUT_MS: '1000',
      ...env,
    };
    await runMigrations(loadEnv(NOTIFICATION_ENV_SPEC, ctx.env), NOTIFICATION_DATABASE);
    const bus = { url: TEST_REDIS_URL, db: 6, namespace: ctx.namespace };
    ctx.rpc = new RpcClient(new NamespacedRedisClient(bus.namespace, transportOptions(bus)), 5_000);
    ctx.bus = new Redis(TEST_REDIS_URL, { db: 6 });
    return ctx;
  }

  async startInstance(env: Record<string, string> = {}): Promise<NotificationInstance> {
    const logs = new LogSink();
    const service = await createNotificationApp(loadEnv(NOTIFICATION_ENV_SPEC, { ...this.env, ...env }), { logDestination: logs, handleSignals: false });
    const instance = { service, url: await service.listen(0), logs };
    this.instances.push(instance);
    return instance;
  }

  async stopInstance(instance: NotificationInstance): Promise<void> {
    await instance.service.close();
    this.instances = this.instances.filter((i) => i !== instance);
  }

  async stop(): Promise<void> {
    await Promise.all(this.instances.map((i) => i.service.close()));
    await this.rpc?.onApplicationShutdown();
    this.bus?.disconnect();
    await this.user?.stop();
    await Promise.all([this.db?.drop(), this.userDb?.drop()]);
    await cleanRedis(this.namespace, [0, 3, 6]);
  }

  async newUser(name = 'Tester'): Promise<TestUser> {
    const created = await this.rpc.call(UserRpc.createUser, { email: `u-${randomUUID()}@example.com`, name, passwordHash: 'x' });
    const token = await signTestToken(this.keys, { sub: created.id, email: created.email, name: created.name });
    return { id: created.id, email: created.email, name: created.name, token, auth: { authorization: `Bearer ${token}` } };
  }

  /** Appends an event to its stream exactly as a producer's outbox relay does; returns its id. */
  async emit<P>(contract: EventContract<P>, payload: P, id: string = randomUUID()): Promise<string> {
    const fields = encodeEntry({ id, type: contract.type, producer: contract.stream.split(':')[1], occurredAt: new Date().toISOString(), payload });
    await this.bus.xadd(`${this.namespace}${contract.stream}`, '*', ...fields);
    return id;
  }

  api(who: TestUser | null, method: string, path: string, json?: unknown, instance = this.instances[0]): Promise<Response> {
    return fetch(`${instance.url}${path}`, {
      method,
      headers: { ...(who?.auth ?? {}), ...(json !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: json !== undefined ? JSON.stringify(json) : undefined,
    });
  }
}

/** Every error body has the platform shape and never a stack trace. */
export async function expectError(res: Response, status: number, message?: string | RegExp): Promise<Record<string, unknown>> {
  const body = (await res.json()) as Record<string, unknown>;
  expect({ status: res.status, body }).toMatchObject({ status, body: { statusCode: status } });
  expect(typeof body['error']).toBe('string');
  expect(body['requestId']).toBe(res.headers.get('x-request-id'));
  if (message) expect(body['message']).toMatch(message);
  return body;
}

export async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
