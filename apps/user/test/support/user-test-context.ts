import { loadEnv } from '@wealist/config';
import { runMigrations } from '@wealist/database';
import {
  cleanRedis,
  createTestDatabase,
  generateTestKeys,
  LogSink,
  signTestToken,
  testNamespace,
  testServiceEnv,
  type TestDatabase,
  type TestKeys,
} from '@wealist/testing';
import type { ServiceApp } from '@wealist/bootstrap';
import { randomUUID } from 'node:crypto';
import { createUserApp } from '../../src/user.app';
import { USER_ENV_SPEC, type UserConfig } from '../../src/user.config';
import { USER_DATABASE } from '../../src/user.database';
import { UsersRepository } from '../../src/users/users.repository';
import type { UserEntity } from '../../src/users/user.entity';

export interface TestUser {
  user: UserEntity;
  token: string;
  auth: { authorization: string };
}

/** Boots the real user service in-process against its own database and Redis namespace. */
export class UserTestContext {
  db!: TestDatabase;
  keys!: TestKeys;
  namespace!: string;
  config!: UserConfig;
  service!: ServiceApp;
  url!: string;
  logs = new LogSink();

  static async start(label: string, env: Record<string, string> = {}): Promise<UserTestContext> {
    const ctx = new UserTestContext();
    ctx.db = await createTestDatabase(label);
    ctx.keys = await generateTestKeys();
    ctx.namespace = testNamespace(label);
    ctx.config = loadEnv(USER_ENV_SPEC, { ...testServiceEnv(ctx.namespace, ctx.keys, { LOG_LEVEL: 'info' }), ...ctx.db.env, ...env });
    await runMigrations(ctx.config, USER_DATABASE);
    ctx.service = await createUserApp(ctx.config, { logDestination: ctx.logs, handleSignals: false });
    ctx.url = await ctx.service.listen(0);
    return ctx;
  }

  async stop(): Promise<void> {
    await this.service?.close();
    await this.db?.drop();
    await cleanRedis(this.namespace, [0, 6]);
  }

  /** Factory: a stored user and a valid access token for them. */
  async user(overrides: { email?: string; name?: string } = {}): Promise<TestUser> {
    const repo = this.service.app.get(UsersRepository);
    const user = await repo.create({
      email: overrides.email ?? `u-${randomUUID()}@example.com`,
      name: overrides.name ?? 'Test User',
      passwordHash: null,
    });
    const token = await signTestToken(this.keys, { sub: user.id, email: user.email, name: user.name });
    return { user, token, auth: { authorization: `Bearer ${token}` } };
  }

  fetch(path: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    let body = init.body;
    if (init.json !== undefined) {
      headers.set('content-type', 'application/json');
      body = JSON.stringify(init.json);
    }
    return fetch(`${this.url}${path}`, { ...init, headers, body });
  }
}

/** Every error body has the platform shape and never a stack trace. */
export async function expectError(res: Response, status: number, message?: string | RegExp): Promise<Record<string, unknown>> {
  const body = (await res.json()) as Record<string, unknown>;
  expect({ status: res.status, body }).toMatchObject({ status, body: { statusCode: status } });
  expect(typeof body['error']).toBe('string');
  expect(typeof body['requestId']).toBe('string');
  expect(body['requestId']).toBe(res.headers.get('x-request-id'));
  expect(JSON.stringify(body)).not.toMatch(/\bat .+\.(ts|js):\d+/);
  if (message) expect(body['message']).toMatch(message);
  return body;
}
