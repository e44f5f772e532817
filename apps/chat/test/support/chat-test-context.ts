import type { ServiceApp } from '@wealist/bootstrap';
import { loadEnv } from '@wealist/config';
import { runMigrations } from '@wealist/database';
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
import { randomUUID } from 'node:crypto';
import { createChatApp } from '../../src/chat.app';
import { CHAT_ENV_SPEC, type ChatConfig } from '../../src/chat.config';
import { CHAT_DATABASE } from '../../src/chat.database';

export interface TestUser {
  id: string;
  email: string;
  name: string;
  token: string;
  auth: { authorization: string };
}

export interface ChatInstance {
  service: ServiceApp;
  url: string;
  logs: LogSink;
}

/**
 * Chat in-process (one or more instances on their own ports, sharing one database and Redis
 * namespace), and the real user service it asks about workspaces, as a built process.
 */
export class ChatTestContext {
  db!: TestDatabase;
  userDb!: TestDatabase;
  keys!: TestKeys;
  namespace!: string;
  env!: Record<string, string>;
  config!: ChatConfig;
  user!: ServiceProcess;
  rpc!: RpcClient;
  instances: ChatInstance[] = [];

  static async start(label: string, env: Record<string, string> = {}, instances = 1): Promise<ChatTestContext> {
    const ctx = new ChatTestContext();
    [ctx.db, ctx.userDb, ctx.keys] = await Promise.all([createTestDatabase(label), createTestDatabase(`${label}_users`), generateTestKeys()]);
    ctx.namespace = testNamespace(label);
    const shared = testServiceEnv(ctx.namespace, ctx.keys);
    const migrated = await runBuiltService('user', { ...shared, ...ctx.userDb.env }, 'migrate');
    if (migrated.code !== 0) throw new Error(`user migrate failed: ${migrated.output}`);
    ctx.user = await startBuiltService('user', { ...shared, ...ctx.userDb.env });
    ctx.env = { ...shared, ...ctx.db.env, EVENTS_RELAY_INTERVAL_MS: '100', ...env };
    ctx.config = loadEnv(CHAT_ENV_SPEC, ctx.env);
    await runMigrations(ctx.config, CHAT_DATABASE);
    for (let i = 0; i < instances; i++) await ctx.startInstance();
    const bus = { url: TEST_REDIS_URL, db: 6, namespace: ctx.namespace };
    ctx.rpc = new RpcClient(new NamespacedRedisClient(bus.namespace, transportOptions(bus)), 5_000);
    return ctx;
  }

  get url(): string {
    return this.instances[0].url;
  }

  async startInstance(env: Record<string, string> = {}): Promise<ChatInstance> {
    const logs = new LogSink();
    const config = Object.keys(env).length > 0 ? loadEnv(CHAT_ENV_SPEC, { ...this.env, ...env }) : this.config;
    const service = await createChatApp(config, { logDestination: logs, handleSignals: false });
    const instance = { service, url: await service.listen(0), logs };
    this.instances.push(instance);
    return instance;
  }

  async stop(): Promise<void> {
    await this.rpc?.onApplicationShutdown();
    await Promise.all(this.instances.map((i) => i.service.close()));
    await this.user?.stop();
    await Promise.all([this.db?.drop(), this.userDb?.drop()]);
    await cleanRedis(this.namespace, [0, 2, 6]);
  }

  /** Factory: a user stored in the user service, and a valid access token for them. */
  async newUser(name = 'Tester'): Promise<TestUser> {
    const created = await this.rpc.call(UserRpc.createUser, { email: `u-${randomUUID()}@example.com`, name, passwordHash: 'x' });
    const token = await signTestToken(this.keys, { sub: created.id, email: created.email, name: created.name });
    return { id: created.id, email: created.email, name: created.name, token, auth: { authorization: `Bearer ${token}` } };
  }

  /** A workspace owned by `owner` with the others as members. */
  async workspace(owner: TestUser, members: TestUser[] = []): Promise<string> {
    const res = await this.userApi(owner, 'POST', '/api/users/workspaces', { name: 'Chat workspace' });
    const { id } = (await res.json()) as { id: string };
    for (const m of members) {
      const added = await this.userApi(owner, 'POST', `/api/users/workspaces/${id}/members`, { email: m.email, role: 'member' });
      if (added.status !== 201) throw new Error(`adding a member failed: ${added.status} ${await added.text()}`);
    }
    return id;
  }

  userApi(who: TestUser, method: string, path: string, json?: unknown): Promise<Response> {
    return fetch(`${this.user.url}${path}`, {
      method,
      headers: { ...who.auth, ...(json !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: json !== undefined ? JSON.stringify(json) : undefined,
    });
  }

  /** Calls the chat REST API (of instance `i`) as `who`. */
  api(who: TestUser | null, method: string, path: string, json?: unknown, i = 0): Promise<Response> {
    return fetch(`${this.instances[i].url}${path}`, {
      method,
      headers: { ...(who?.auth ?? {}), ...(json !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: json !== undefined ? JSON.stringify(json) : undefined,
    });
  }

  /** Creates a room through the API and returns its id. */
  async room(owner: TestUser, workspaceId: string, members: TestUser[], kind: 'channel' | 'direct' = 'channel'): Promise<string> {
    const res = await this.api(owner, 'POST', '/api/chats/rooms', {
      workspaceId,
      kind,
      ...(kind === 'channel' ? { name: `room-${randomUUID().slice(0, 8)}` } : {}),
      memberIds: members.map((m) => m.id),
    });
    if (res.status !== 201) throw new Error(`creating a room failed: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { id: string }).id;
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
