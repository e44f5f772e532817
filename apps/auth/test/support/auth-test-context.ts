import type { ServiceApp } from '@wealist/bootstrap';
import {
  cleanRedis,
  createTestDatabase,
  generateTestKeys,
  LogSink,
  runBuiltService,
  startBuiltService,
  testNamespace,
  testServiceEnv,
  type ServiceProcess,
  type TestDatabase,
  type TestKeys,
} from '@wealist/testing';
import { createAuthApp } from '../../src/auth.app';
import { loadAuthConfig, type AuthConfig } from '../../src/auth.config';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  tokenType: string;
  user: { id: string; email: string; name: string };
}

/**
 * Auth in-process, and the real user service it calls over the bus as a separate process
 * (built by `nx run user:build`) with its own fresh database.
 */
export class AuthTestContext {
  db!: TestDatabase;
  keys!: TestKeys;
  namespace!: string;
  config!: AuthConfig;
  auth!: ServiceApp;
  user!: ServiceProcess;
  authUrl!: string;
  logs = new LogSink();

  static async start(label: string, env: Record<string, string> = {}, port = 0): Promise<AuthTestContext> {
    const ctx = new AuthTestContext();
    ctx.db = await createTestDatabase(label);
    ctx.keys = await generateTestKeys();
    ctx.namespace = testNamespace(label);
    const shared = testServiceEnv(ctx.namespace, ctx.keys);
    const migrated = await runBuiltService('user', { ...shared, ...ctx.db.env }, 'migrate');
    if (migrated.code !== 0) throw new Error(`user migrate failed: ${migrated.output}`);
    ctx.user = await startBuiltService('user', { ...shared, ...ctx.db.env });
    ctx.config = loadAuthConfig({ ...shared, LOG_LEVEL: 'info', ...env });
    ctx.auth = await createAuthApp(ctx.config, { logDestination: ctx.logs, handleSignals: false });
    ctx.authUrl = await ctx.auth.listen(port);
    return ctx;
  }

  async stop(): Promise<void> {
    await this.auth?.close();
    await this.user?.stop();
    await this.db?.drop();
    await cleanRedis(this.namespace, [0, 6]);
  }

  post(path: string, json: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${this.authUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(json),
    });
  }

  async register(email: string, password = 'correct horse battery', name = 'Tester'): Promise<TokenPair> {
    const res = await this.post('/api/auth/register', { email, password, name });
    if (res.status !== 201) throw new Error(`register failed: ${res.status} ${await res.text()}`);
    return (await res.json()) as TokenPair;
  }

  /** GET /api/users/me on the user service process. */
  me(headers: Record<string, string>): Promise<Response> {
    return fetch(`${this.user.url}/api/users/me`, { headers });
  }
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}
