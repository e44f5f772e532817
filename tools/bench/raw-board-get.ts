// The baselines of the board-get benchmark: raw Fastify, no framework, no logging, no metrics.
//   RAW_MODE=same-work (default): the Redis work the board service does on a cached read -
//     ES256 token verification with the same checks, the revocation lookup (DB 0), the rate-limit
//     script (DB 1) and one MGET of view, generation and the caller's cached role (DB 1).
//   RAW_MODE=minimal: only the token check, the revocation lookup and the view read.
import Fastify from 'fastify';
import Redis from 'ioredis';
import { importSPKI, jwtVerify } from 'jose';

// Identical to the script in apps/board/src/rate-limit/rate-limiter.repository.ts.
const GCRA = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local interval = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local tat = tonumber(redis.call('GET', KEYS[1]) or now)
if tat < now then tat = now end
local next_tat = tat + interval
local allow_at = next_tat - burst
if now < allow_at then
  return {0, 0, math.ceil(allow_at - now)}
end
redis.call('SET', KEYS[1], tostring(next_tat), 'PX', math.max(1, math.ceil(next_tat - now)))
return {1, math.floor((burst - (next_tat - now)) / interval), 0}
`;

type Client = Redis & { gcra(key: string, interval: number, burst: number): Promise<[number, number, number]> };

async function main(): Promise<void> {
  const env = process.env as Record<string, string>;
  const sameWork = (env['RAW_MODE'] ?? 'same-work') === 'same-work';
  const key = await importSPKI(env['JWT_PUBLIC_KEY'], 'ES256');
  const auth = new Redis(env['REDIS_URL'], { db: 0, keyPrefix: env['REDIS_KEY_PREFIX'] });
  const cache = new Redis(env['REDIS_URL'], { db: 1, keyPrefix: env['REDIS_KEY_PREFIX'] }) as Client;
  cache.defineCommand('gcra', { numberOfKeys: 1, lua: GCRA });
  const app = Fastify({ logger: false });
  app.get('/health/ready', async () => ({ status: 'ready' }));
  app.get<{ Params: { id: string } }>('/api/boards/:id', async (request, reply) => {
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
    const [a, b] = await auth.mget(`blacklist:${String(payload['jti'])}`, `blacklist:${String(payload['sid'])}`);
    if (a !== null || b !== null) return reply.code(401).send({ statusCode: 401 });
    const id = request.params.id;
    if (sameWork) {
      const [allowed] = await cache.gcra(`ratelimit:user:${String(payload['sub'])}`, 60_000 / 1e9, 60_000);
      if (allowed !== 1) return reply.code(429).send({ statusCode: 429 });
    }
    const keys = [`board:${id}:view`, `board:${id}:gen`];
    if (sameWork) keys.push(`role:${env['BENCH_WORKSPACE_ID']}:${String(payload['sub'])}`);
    const [entry, generation, role] = await cache.mget(...keys);
    if (!entry) return reply.code(404).send({ statusCode: 404 });
    const first = entry.indexOf('\n');
    const second = entry.indexOf('\n', first + 1);
    if (entry.slice(0, first) !== (generation ?? '')) return reply.code(404).send({ statusCode: 404 });
    if (sameWork && (!role || role === 'none' || entry.slice(first + 1, second) !== env['BENCH_WORKSPACE_ID'])) return reply.code(404).send({ statusCode: 404 });
    return reply.header('content-type', 'application/json; charset=utf-8').send(entry.slice(second + 1));
  });
  await app.listen({ port: Number(env['PORT']), host: '127.0.0.1' });
  process.on('SIGTERM', () => void app.close().then(() => Promise.all([auth.quit(), cache.quit()])).then(() => process.exit(0)));
}

void main();
