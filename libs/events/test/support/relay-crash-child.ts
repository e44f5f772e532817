// A relay process that dies between publishing and marking: it runs one outbox batch and,
// right after the XADDs succeeded (before the rows are marked published and the transaction
// commits), prints PUBLISHED and freezes so the test can SIGKILL it at exactly that point.
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { OutboxRelay } from '../../src/lib/outbox.relay';

async function main(): Promise<void> {
  const env = process.env as Record<string, string>;
  const dataSource = new DataSource({
    type: 'postgres',
    host: env['DATABASE_HOST'],
    port: Number(env['DATABASE_PORT']),
    username: env['DATABASE_USER'],
    database: env['DATABASE_NAME'],
  });
  await dataSource.initialize();
  const redis = new Redis(env['REDIS_URL'], { db: 6 });
  const multi = redis.multi.bind(redis);
  redis.multi = ((...args: Parameters<typeof multi>) => {
    const pipeline = multi(...args);
    const exec = pipeline.exec.bind(pipeline);
    pipeline.exec = (async () => {
      const result = await exec();
      process.stdout.write('PUBLISHED\n');
      await new Promise(() => undefined);
      return result;
    }) as typeof pipeline.exec;
    return pipeline;
  }) as typeof redis.multi;
  const relay = new OutboxRelay(dataSource, redis, {
    keyPrefix: env['REDIS_KEY_PREFIX'],
    batchSize: 100,
    intervalMs: 1_000,
    streamMaxLen: 10_000,
    retentionHours: 1,
  });
  await relay.publishBatch();
}

void main();
