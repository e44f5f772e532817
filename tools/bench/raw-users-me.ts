// The baseline of the /api/users/me benchmark: raw Fastify doing the same work as the full
// stack - ES256 token verification with the same checks, the revocation lookup in Redis and
// the same user query - with none of the framework around it.
import Fastify from 'fastify';
import Redis from 'ioredis';
import { importSPKI, jwtVerify } from 'jose';
import { Pool } from 'pg';

async function main(): Promise<void> {
  const env = process.env as Record<string, string>;
  const key = await importSPKI(env['JWT_PUBLIC_KEY'], 'ES256');
  const redis = new Redis(env['REDIS_URL'], { db: 0, keyPrefix: env['REDIS_KEY_PREFIX'] });
  const pool = new Pool({
    host: env['DATABASE_HOST'],
    port: Number(env['DATABASE_PORT']),
    database: env['DATABASE_NAME'],
    user: env['DATABASE_USER'],
    max: 10,
  });
  const app = Fastify({ logger: false });
  app.get('/health/ready', async () => ({ status: 'ready' }));
  app.get('/api/users/me', async (request, reply) => {
    const token = request.headers.authorization?.slice(7);
    if (!token) return reply.code(401).send({ statusCode: 401 });
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, key, {
        algorithms: ['ES256'],
        issuer: 'wealist-auth',
        audience: 'wealist',
        requiredClaims: ['sub', 'jti', 'exp', 'sid'],
      }));
    } catch {
      return reply.code(401).send({ statusCode: 401 });
    }
    if (payload['token_use'] !== 'access') return reply.code(401).send({ statusCode: 401 });
    const [a, b] = await redis.mget(`blacklist:${String(payload['jti'])}`, `blacklist:${String(payload['sid'])}`);
    if (a !== null || b !== null) return reply.code(401).send({ statusCode: 401 });
    const { rows } = await pool.query(
      'SELECT id, email, name, plan_tier, password_hash, created_at FROM users WHERE id = $1 LIMIT 1',
      [payload['sub']],
    );
    const user = rows[0] as { id: string; email: string; name: string; plan_tier: string; password_hash: string | null; created_at: Date };
    return {
      id: user.id,
      email: user.email,
      name: user.name,
      planTier: user.plan_tier,
      hasPassword: user.password_hash !== null,
      createdAt: user.created_at.toISOString(),
    };
  });
  await app.listen({ port: Number(env['PORT']), host: '127.0.0.1' });
  process.on('SIGTERM', () => void app.close().then(() => Promise.all([redis.quit(), pool.end()])).then(() => process.exit(0)));
}

void main();
