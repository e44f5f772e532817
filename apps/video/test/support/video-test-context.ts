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
import { randomBytes, randomUUID } from 'node:crypto';
import { createVideoApp } from '../../src/video.app';
import { loadVideoConfig, type VideoConfig } from '../../src/video.config';
import { VIDEO_DATABASE } from '../../src/video.database';

export interface TestUser {
  id: string;
  email: string;
  name: string;
  token: string;
  auth: { authorization: string };
}

export const LIVEKIT_API_KEY = 'wealist-test';

/**
 * Video in-process against its own database and Redis namespace (DB 4), plus the real user
 * service (built by `nx run user:build`) answering workspace roles over the bus. LiveKit itself
 * cannot run here; tests point LIVEKIT_API_URL at a local Twirp server (fake-livekit.ts).
 */
export class VideoTestContext {
  db!: TestDatabase;
  userDb!: TestDatabase;
  keys!: TestKeys;
  namespace!: string;
  userService!: ServiceProcess;
  config!: VideoConfig;
  service!: ServiceApp;
  url!: string;
  apiSecret = randomBytes(24).toString('hex');
  logs = new LogSink();

  static async start(label: string, env: Record<string, string> = {}): Promise<VideoTestContext> {
    const ctx = new VideoTestContext();
    try {
      [ctx.db, ctx.userDb, ctx.keys] = await Promise.all([createTestDatabase(label), createTestDatabase(`${label}_users`), generateTestKeys()]);
      ctx.namespace = testNamespace(label);
      const shared = testServiceEnv(ctx.namespace, ctx.keys);
      const migrated = await runBuiltService('user', { ...shared, ...ctx.userDb.env }, 'migrate');
      if (migrated.code !== 0) throw new Error(`user migrate failed: ${migrated.output}`);
      ctx.userService = await startBuiltService('user', { ...shared, ...ctx.userDb.env });
      ctx.config = loadVideoConfig({
        ...shared,
        LOG_LEVEL: 'info',
        LIVEKIT_URL: 'wss://livekit.example.test',
        LIVEKIT_API_KEY,
        LIVEKIT_API_SECRET: ctx.apiSecret,
        ...ctx.db.env,
        ...env,
      });
      await runMigrations(ctx.config, VIDEO_DATABASE);
      ctx.service = await createVideoApp(ctx.config, { logDestination: ctx.logs, handleSignals: false });
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
    if (this.namespace) await cleanRedis(this.namespace, [0, 4, 6]);
  }

  async user(name = 'Tester'): Promise<TestUser> {
    const email = `u-${randomUUID()}@example.com`;
    const [row] = await adminQuery<{ id: string }>('INSERT INTO users (email, name) VALUES ($1, $2) RETURNING id', [email, name], this.userDb.name);
    const token = await signTestToken(this.keys, { sub: row.id, email, name });
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

  /** A call under /api/video/workspaces/:ws. */
  api(who: TestUser, method: string, ws: string, path: string, json?: unknown): Promise<Response> {
    const headers: Record<string, string> = { ...who.auth };
    if (json !== undefined) headers['content-type'] = 'application/json';
    return fetch(`${this.url}/api/video/workspaces/${ws}${path}`, { method, headers, body: json === undefined ? undefined : JSON.stringify(json) });
  }

  async json<T>(res: Response, status: number): Promise<T> {
    const text = await res.text();
    if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  async room(who: TestUser, ws: string, name = 'Standup'): Promise<string> {
    return (await this.json<{ id: string }>(await this.api(who, 'POST', ws, '/rooms', { name }), 201)).id;
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
