import type { ServiceApp } from '@wealist/bootstrap';
import { loadEnv } from '@wealist/config';
import { runMigrations } from '@wealist/database';
import { NamespacedRedisClient, RpcClient, transportOptions, UserRpc, type PlanTier, type UserSummary, type WorkspaceRole } from '@wealist/messaging';
import { startTestS3Server, type TestS3Server } from '@wealist/object-store/testing';
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
import { createBoardApp } from '../../src/board.app';
import { BOARD_ENV_SPEC, type BoardConfig } from '../../src/board.config';
import { BOARD_DATABASE } from '../../src/board.database';

export interface TestUser {
  user: UserSummary;
  token: string;
  auth: { authorization: string };
}

export type FetchInit = RequestInit & { json?: unknown };

/** One running board instance (tests boot a second one to show what instances share). */
export class BoardInstance {
  constructor(
    readonly service: ServiceApp,
    readonly url: string,
    readonly logs: LogSink,
  ) {}

  fetch(path: string, init: FetchInit = {}): Promise<Response> {
    return send(`${this.url}${path}`, init);
  }
}

/**
 * The board service in-process on its own database and Redis namespace, the real user service
 * (built by `nx run user:build`) as a process on another fresh database, and optionally an
 * s3rver process for attachments.
 */
export class BoardTestContext {
  boardDb!: TestDatabase;
  userDb!: TestDatabase;
  keys!: TestKeys;
  namespace!: string;
  config!: BoardConfig;
  /** The variables the config was loaded from, for running the built service as a process. */
  env!: Record<string, string>;
  userService!: ServiceProcess;
  s3?: TestS3Server;
  board!: BoardInstance;
  rpc!: RpcClient;
  private readonly instances: BoardInstance[] = [];

  static async start(label: string, env: Record<string, string> = {}, options: { s3?: boolean } = {}): Promise<BoardTestContext> {
    const ctx = new BoardTestContext();
    ctx.namespace = testNamespace(label);
    [ctx.boardDb, ctx.userDb, ctx.keys] = await Promise.all([createTestDatabase(label), createTestDatabase(`${label}_user`), generateTestKeys()]);
    const shared = testServiceEnv(ctx.namespace, ctx.keys);
    const migrated = await runBuiltService('user', { ...shared, ...ctx.userDb.env }, 'migrate');
    if (migrated.code !== 0) throw new Error(`user migrate failed: ${migrated.output}`);
    ctx.userService = await startBuiltService('user', { ...shared, ...ctx.userDb.env, EVENTS_RELAY_INTERVAL_MS: '50' });
    if (options.s3) ctx.s3 = await startTestS3Server();
    ctx.env = {
      ...shared,
      ...ctx.boardDb.env,
      ...(ctx.s3?.env(`board-${randomUUID().slice(0, 8)}`) ?? {}),
      LOG_LEVEL: 'info',
      RATE_LIMIT_FREE: '100000',
      RATE_LIMIT_PREMIUM: '100000',
      RATE_LIMIT_ENTERPRISE: '100000',
      DUE_SOON_SCAN_INTERVAL_SECONDS: '3600',
      EVENTS_RELAY_INTERVAL_MS: '50',
      EVENTS_CONSUMER_BLOCK_MS: '200',
      ...env,
    };
    ctx.config = loadEnv(BOARD_ENV_SPEC, ctx.env);
    await runMigrations(ctx.config, BOARD_DATABASE);
    ctx.board = await ctx.instance();
    const bus = { url: TEST_REDIS_URL, db: 6, namespace: ctx.namespace };
    ctx.rpc = new RpcClient(new NamespacedRedisClient(bus.namespace, transportOptions(bus)), 5_000);
    return ctx;
  }

  /** Boots another board instance on the same database and Redis (env overrides on top). */
  async instance(env: Record<string, string> = {}): Promise<BoardInstance> {
    const config = Object.keys(env).length === 0 ? this.config : loadEnv(BOARD_ENV_SPEC, { ...this.env, ...env });
    const logs = new LogSink();
    const service = await createBoardApp(config, { logDestination: logs, handleSignals: false });
    const instance = new BoardInstance(service, await service.listen(0), logs);
    this.instances.push(instance);
    return instance;
  }

  async stopInstance(instance: BoardInstance): Promise<void> {
    this.instances.splice(this.instances.indexOf(instance), 1);
    await instance.service.close();
  }

  async stop(): Promise<void> {
    for (const instance of this.instances.splice(0)) await instance.service.close();
    await this.rpc?.onApplicationShutdown();
    await this.userService?.stop();
    await this.s3?.stop();
    await Promise.all([this.boardDb?.drop(), this.userDb?.drop()]);
    await cleanRedis(this.namespace, [0, 1, 6]);
  }

  /** A user stored in the user service, and an access token for them. */
  async user(options: { tier?: PlanTier; name?: string } = {}): Promise<TestUser> {
    const user = await this.rpc.call(UserRpc.createUser, { email: `u-${randomUUID()}@example.com`, name: options.name ?? 'Tester', passwordHash: 'unused' });
    const token = await signTestToken(this.keys, { sub: user.id, email: user.email, name: user.name, tier: options.tier ?? 'free' });
    return { user, token, auth: { authorization: `Bearer ${token}` } };
  }

  /** A workspace owned by `owner` with the given members, made through the user service's API. */
  async workspace(owner: TestUser, members: [TestUser, WorkspaceRole][] = []): Promise<string> {
    const created = await this.userFetch('/api/users/workspaces', { method: 'POST', headers: owner.auth, json: { name: 'Team' } });
    if (created.status !== 201) throw new Error(`workspace: ${created.status} ${await created.text()}`);
    const { id } = (await created.json()) as { id: string };
    for (const [member, role] of members) await this.addMember(owner, id, member, role);
    return id;
  }

  async addMember(actor: TestUser, workspaceId: string, member: TestUser, role: WorkspaceRole): Promise<void> {
    const res = await this.userFetch(`/api/users/workspaces/${workspaceId}/members`, { method: 'POST', headers: actor.auth, json: { email: member.user.email, role } });
    if (res.status !== 201) throw new Error(`add member: ${res.status} ${await res.text()}`);
  }

  fetch(path: string, init: FetchInit = {}): Promise<Response> {
    return this.board.fetch(path, init);
  }

  userFetch(path: string, init: FetchInit = {}): Promise<Response> {
    return send(`${this.userService.url}${path}`, init);
  }

  /** Calls the board API and returns the JSON body, failing loudly on an unexpected status. */
  async call<T>(who: TestUser, method: string, path: string, json?: unknown, expected = method === 'POST' ? [200, 201] : [200]): Promise<T> {
    const res = await this.fetch(path, { method, headers: who.auth, json });
    const text = await res.text();
    if (!expected.includes(res.status)) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

function send(url: string, init: FetchInit): Promise<Response> {
  const headers = new Headers(init.headers);
  let body = init.body;
  if (init.json !== undefined) {
    headers.set('content-type', 'application/json');
    body = JSON.stringify(init.json);
  }
  return fetch(url, { ...init, headers, body });
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
