import type { ServiceApp } from '@wealist/bootstrap';
import { runMigrations } from '@wealist/database';
import {
  adminQuery,
  cleanRedis,
  createTestDatabase,
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
import { createTradingApp } from '../../src/trading.app';
import { loadTradingConfig, type TradingConfig } from '../../src/trading.config';
import { TRADING_DATABASE } from '../../src/trading.database';

export interface TestUser {
  id: string;
  email: string;
  name: string;
  token: string;
  auth: { authorization: string };
}

/**
 * Trading in-process against its own database and Redis namespace (DB 5), plus the real user
 * service (built by `nx run user:build`) answering workspace roles over the bus.
 */
export class TradingTestContext {
  db!: TestDatabase;
  userDb!: TestDatabase;
  keys!: TestKeys;
  namespace!: string;
  userService!: ServiceProcess;
  config!: TradingConfig;
  service!: ServiceApp;
  url!: string;
  logs = new LogSink();

  static async start(label: string, env: Record<string, string> = {}): Promise<TradingTestContext> {
    const ctx = new TradingTestContext();
    try {
      [ctx.db, ctx.userDb, ctx.keys] = await Promise.all([createTestDatabase(label), createTestDatabase(`${label}_users`), generateTestKeys()]);
      ctx.namespace = testNamespace(label);
      const shared = testServiceEnv(ctx.namespace, ctx.keys);
      const migrated = await runBuiltService('user', { ...shared, ...ctx.userDb.env }, 'migrate');
      if (migrated.code !== 0) throw new Error(`user migrate failed: ${migrated.output}`);
      ctx.userService = await startBuiltService('user', { ...shared, ...ctx.userDb.env });
      ctx.config = loadTradingConfig({ ...shared, LOG_LEVEL: 'info', BACKTEST_POLL_MS: '50', ...ctx.db.env, ...env });
      await runMigrations(ctx.config, TRADING_DATABASE);
      ctx.service = await createTradingApp(ctx.config, { logDestination: ctx.logs, handleSignals: false });
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
    await Promise.all([this.db?.drop(), this.userDb?.drop()]);
    if (this.namespace) await cleanRedis(this.namespace, [0, 5, 6]);
  }

  async user(name = 'Tester', tier: 'free' | 'premium' | 'enterprise' = 'free'): Promise<TestUser> {
    const email = `u-${randomUUID()}@example.com`;
    const [row] = await adminQuery<{ id: string }>('INSERT INTO users (email, name) VALUES ($1, $2) RETURNING id', [email, name], this.userDb.name);
    const token = await signTestToken(this.keys, { sub: row.id, email, name, tier });
    return { id: row.id, email, name, token, auth: { authorization: `Bearer ${token}` } };
  }

  /** A workspace owned by `owner` (through the user service), with extra members. */
  async workspace(owner: TestUser, members: [TestUser, 'admin' | 'member'][] = []): Promise<string> {
    const call = (path: string, json: unknown) =>
      fetch(`${this.userService.url}${path}`, { method: 'POST', headers: { ...owner.auth, 'content-type': 'application/json' }, body: JSON.stringify(json) });
    const { id } = (await (await call('/api/users/workspaces', { name: 'Team' })).json()) as { id: string };
    for (const [member, role] of members) {
      const res = await call(`/api/users/workspaces/${id}/members`, { email: member.email, role });
      if (res.status !== 201) throw new Error(`adding a member failed: ${res.status}`);
    }
    return id;
  }

  /** A call under /api/trading/workspaces/:ws; a string body is sent as text/csv. */
  api(who: TestUser, method: string, ws: string, path: string, json?: unknown): Promise<Response> {
    const headers: Record<string, string> = { ...who.auth };
    if (typeof json === 'string') headers['content-type'] = 'text/csv';
    else if (json !== undefined) headers['content-type'] = 'application/json';
    const body = json === undefined ? undefined : typeof json === 'string' ? json : JSON.stringify(json);
    return fetch(`${this.url}/api/trading/workspaces/${ws}${path}`, { method, headers, body });
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
  expect(body['requestId']).toBe(res.headers.get('x-request-id'));
  expect(JSON.stringify(body)).not.toMatch(/\bat .+\.(ts|js):\d+/);
  if (message) expect(body['message']).toMatch(message);
  return body;
}
