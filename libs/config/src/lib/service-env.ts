import { env, loadEnv, type EnvOf, type EnvSpec } from './env';
import { AUTH_STATE_REDIS_DB, EVENT_BUS_REDIS_DB, SERVICE_CATALOG, type ServiceName } from './service-catalog';

/** Variables every service reads. Defaults come from the catalog so a service runs on its own port and DBs. */
export function commonEnvSpec(service: ServiceName) {
  const entry = SERVICE_CATALOG[service];
  return {
    NODE_ENV: env.oneOf(['development', 'production', 'test'] as const, { default: 'development' }),
    LOG_LEVEL: env.oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, {
      default: 'info',
    }),
    HOST: env.string({ default: '0.0.0.0' }),
    PORT: env.port({ default: entry.port }),
    CORS_ORIGINS: env.list({ default: [], example: 'http://localhost:3000' }),
    BODY_LIMIT_BYTES: env.int({ default: 1_048_576, min: 1024, max: 104_857_600 }),
    SHUTDOWN_TIMEOUT_MS: env.int({ default: 10_000, min: 0, max: 120_000 }),
    OTEL_EXPORTER_OTLP_ENDPOINT: env.optionalUrl({ protocols: ['http', 'https'], example: '' }),
    REDIS_URL: env.url({ default: 'redis://127.0.0.1:6379', protocols: ['redis', 'rediss'] }),
    REDIS_KEY_PREFIX: env.string({ default: '' }),
    AUTH_REDIS_DB: env.int({ default: AUTH_STATE_REDIS_DB, min: 0, max: 15 }),
    BUS_REDIS_DB: env.int({ default: EVENT_BUS_REDIS_DB, min: 0, max: 15 }),
    MESSAGING_NAMESPACE: env.string({ default: '' }),
    RPC_TIMEOUT_MS: env.int({ default: 5_000, min: 100, max: 60_000 }),
    JWT_PUBLIC_KEY: env.string({ secret: true, example: '<PEM of the ES256 public key>' }),
    JWT_ISSUER: env.string({ default: 'wealist-auth' }),
    JWT_AUDIENCE: env.string({ default: 'wealist' }),
  } satisfies EnvSpec;
}

/** Variables of a service that owns a PostgreSQL database; defaults are its catalog database and role. */
export function databaseEnvSpec(service: ServiceName) {
  const database = SERVICE_CATALOG[service].database;
  if (!database) throw new Error(`service ${service} has no database in the catalog`);
  return {
    DATABASE_HOST: env.string({ default: '127.0.0.1' }),
    DATABASE_PORT: env.port({ default: 5432 }),
    DATABASE_NAME: env.string({ default: database.name }),
    DATABASE_USER: env.string({ default: database.role }),
    DATABASE_PASSWORD: env.string({ default: '', secret: true, example: '<password of the role>' }),
    DATABASE_POOL_MAX: env.int({ default: 10, min: 1, max: 200 }),
    DATABASE_SSL: env.bool({ default: false }),
  } satisfies EnvSpec;
}

export function serviceRedisDb(service: ServiceName): number {
  const db = SERVICE_CATALOG[service].redisDb;
  if (db === null) throw new Error(`service ${service} has no Redis DB in the catalog`);
  return db;
}

export type CommonEnv = EnvOf<ReturnType<typeof commonEnvSpec>>;
export type DatabaseEnv = EnvOf<ReturnType<typeof databaseEnvSpec>>;

export function loadServiceEnv<S extends EnvSpec>(spec: S, source: NodeJS.ProcessEnv = process.env): EnvOf<S> {
  return loadEnv(spec, source);
}
