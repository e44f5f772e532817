import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createOutboxTable, createProcessedEventsTable } from '../../src/lib/events.schema';
import { OutboxWriter } from '../../src/lib/outbox.writer';
import { domainEvent } from '../../src/lib/event.contract';

// A data-access lib may not import @wealist/testing (module boundaries), so the few lines of
// per-file database and Redis isolation it offers are repeated here.
export const BUS_DB = 6;
export const TEST_REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';
export const WORKSPACE_ROOT = resolve(__dirname, '../../../..');
const ADMIN_URL = process.env['TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

interface TestDatabase {
  name: string;
  env: Record<string, string>;
}

async function createTestDatabase(label: string): Promise<TestDatabase> {
  const name = `t_${label}_${randomBytes(4).toString('hex')}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  const env = {
    DATABASE_HOST: url.hostname,
    DATABASE_PORT: url.port || '5432',
    DATABASE_NAME: name,
    DATABASE_USER: decodeURIComponent(url.username || 'postgres'),
    DATABASE_PASSWORD: decodeURIComponent(url.password),
  };
  return { name, env };
}

async function cleanRedis(prefix: string): Promise<void> {
  const client = new Redis(TEST_REDIS_URL, { db: BUS_DB });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await client.del(...keys);
    } while (cursor !== '0');
  } finally {
    client.disconnect();
  }
}

/** A test event on its own stream; its handler in the tests adds `amount` to an effects table. */
export const Deposit = domainEvent<{ account: string; amount: number }>('account.deposited', 'events:test');
export const Other = domainEvent<{ note: string }>('account.noted', 'events:test');

/** A fresh database with the outbox, the inbox and an `effects` table, plus a bus client under a fresh prefix. */
export class EventsTestEnv {
  db!: TestDatabase;
  dataSource!: DataSource;
  redis!: Redis;
  prefix!: string;
  readonly writer = new OutboxWriter('test');
  private extra: Redis[] = [];

  static async start(label: string): Promise<EventsTestEnv> {
    const env = new EventsTestEnv();
    env.db = await createTestDatabase(label);
    env.prefix = `test:${label}:${randomBytes(4).toString('hex')}:`;
    env.dataSource = new DataSource({
      type: 'postgres',
      host: env.db.env['DATABASE_HOST'],
      port: Number(env.db.env['DATABASE_PORT']),
      username: env.db.env['DATABASE_USER'],
      password: env.db.env['DATABASE_PASSWORD'] || undefined,
      database: env.db.name,
      extra: { max: 10 },
    });
    await env.dataSource.initialize();
    const q = env.dataSource.createQueryRunner();
    await createOutboxTable(q);
    await createProcessedEventsTable(q);
    await q.query('CREATE TABLE effects (account text PRIMARY KEY, total int NOT NULL)');
    await q.release();
    env.redis = env.client();
    return env;
  }

  client(): Redis {
    const client = new Redis(TEST_REDIS_URL, { db: BUS_DB, maxRetriesPerRequest: 1 });
    this.extra.push(client);
    return client;
  }

  key(stream = 'events:test'): string {
    return `${this.prefix}${stream}`;
  }

  /** Records one deposit event in a committed transaction (the "change" is the event itself here). */
  async deposit(account: string, amount: number): Promise<string> {
    return this.dataSource.transaction(async (m) => (await this.writer.record(m, Deposit, { account, amount })).id);
  }

  async total(account: string): Promise<number> {
    const rows: { total: number }[] = await this.dataSource.query('SELECT total FROM effects WHERE account = $1', [account]);
    return rows[0]?.total ?? 0;
  }

  async unpublished(): Promise<number> {
    const [row] = (await this.dataSource.query('SELECT count(*)::int AS n FROM outbox_events WHERE published_at IS NULL')) as { n: number }[];
    return row.n;
  }

  async stop(): Promise<void> {
    for (const c of this.extra) if (c.status !== 'end') c.disconnect();
    await this.dataSource?.destroy();
    if (this.db) await admin(`DROP DATABASE IF EXISTS ${this.db.name} WITH (FORCE)`);
    await cleanRedis(this.prefix);
  }
}

/** The deposit handler: adds the amount in the consumer's transaction. */
export async function applyDeposit(tx: { query: DataSource['query'] } | null, payload: { account: string; amount: number }): Promise<void> {
  if (!tx) throw new Error('expected a transaction');
  await tx.query(
    'INSERT INTO effects (account, total) VALUES ($1, $2) ON CONFLICT (account) DO UPDATE SET total = effects.total + EXCLUDED.total',
    [payload.account, payload.amount],
  );
}

export async function waitFor<T>(probe: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
}
