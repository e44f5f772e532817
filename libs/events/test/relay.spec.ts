import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { EventConsumer } from '../src/lib/event.consumer';
import { OutboxCommitSubscriber } from '../src/lib/outbox.writer';
import { OutboxRelay, type OutboxRelayOptions } from '../src/lib/outbox.relay';
import { applyDeposit, Deposit, EventsTestEnv, TEST_REDIS_URL, waitFor, WORKSPACE_ROOT } from './support/events-test-env';

jest.setTimeout(60_000);

describe('outbox relay', () => {
  let env: EventsTestEnv;
  const relays: OutboxRelay[] = [];

  const relay = (options: Partial<OutboxRelayOptions> = {}) => {
    const r = new OutboxRelay(env.dataSource, env.redis, {
      keyPrefix: env.prefix,
      batchSize: 100,
      intervalMs: 50,
      streamMaxLen: 100_000,
      retentionHours: 1,
      ...options,
    });
    relays.push(r);
    return r;
  };
  const streamIds = async () => (await env.redis.xrange(env.key(), '-', '+')).map(([, f]) => f[f.indexOf('id') + 1]);

  beforeAll(async () => {
    env = await EventsTestEnv.start('events_relay');
  });
  afterEach(async () => {
    await Promise.all(relays.splice(0).map((r) => r.stop()));
    await env.redis.del(env.key());
    await env.dataSource.query('TRUNCATE outbox_events, processed_events, effects');
  });
  afterAll(() => env.stop());

  it('publishes committed events oldest first with their ids, and nothing of a rolled-back transaction', async () => {
    const first = await env.deposit('a', 1);
    await expect(
      env.dataSource.transaction(async (m) => {
        await env.writer.record(m, Deposit, { account: 'a', amount: 100 });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const second = await env.deposit('a', 2);
    expect(await relay().publishBatch()).toBe(2);
    expect(await streamIds()).toEqual([first, second]);
    const [[, fields]] = await env.redis.xrange(env.key(), '-', '+', 'COUNT', 1);
    expect(fields.slice(0, 8)).toEqual(['id', first, 'type', 'account.deposited', 'producer', 'test', 'occurredAt', expect.any(String)]);
    expect(JSON.parse(fields[9])).toEqual({ account: 'a', amount: 1 });
    expect(await env.unpublished()).toBe(0);
    expect(await relay().publishBatch()).toBe(0);
  });

  it('refuses to record an event outside a transaction', async () => {
    await expect(env.writer.record(env.dataSource.manager, Deposit, { account: 'x', amount: 1 })).rejects.toThrow(/inside the transaction/);
  });

  it('is woken by the commit that wrote events instead of waiting for its poll', async () => {
    const r = relay({ intervalMs: 60_000 });
    const subscriber = new OutboxCommitSubscriber(() => r.wake());
    env.dataSource.subscribers.push(subscriber);
    try {
      r.start();
      await new Promise((res) => setTimeout(res, 200)); // first (empty) batch done, now sleeping for a minute
      const id = await env.deposit('w', 1);
      expect(await waitFor(streamIds, (ids) => ids.includes(id), 3_000)).toEqual([id]);
    } finally {
      env.dataSource.subscribers.splice(env.dataSource.subscribers.indexOf(subscriber), 1);
    }
  });

  it('lets several relays share the outbox without publishing a row twice', async () => {
    const ids = await Promise.all(Array.from({ length: 120 }, (_, i) => env.deposit(`acct-${i % 7}`, 1)));
    for (let i = 0; i < 3; i++) relay({ batchSize: 10 }).start();
    const published = await waitFor(streamIds, (s) => s.length >= ids.length);
    await new Promise((res) => setTimeout(res, 200));
    expect((await streamIds()).length).toBe(ids.length);
    expect(new Set(published)).toEqual(new Set(ids));
    expect(await env.unpublished()).toBe(0);
  });

  it('keeps trying while Redis is unreachable and publishes once it is back', async () => {
    const id = await env.deposit('r', 1);
    const broken = env.client();
    broken.disconnect();
    const r = new OutboxRelay(env.dataSource, broken, { keyPrefix: env.prefix, batchSize: 10, intervalMs: 20, streamMaxLen: 1000, retentionHours: 1 });
    await expect(r.publishBatch()).rejects.toThrow();
    expect(await env.unpublished()).toBe(1);
    expect(await relay().publishBatch()).toBe(1);
    expect(await streamIds()).toEqual([id]);
  });

  it('survives being killed between XADD and marking: re-sent, delivered exactly once to a deduplicating group', async () => {
    const id = await env.deposit('crash', 5);
    const child = spawn(
      process.execPath,
      // tsx as a loader inside this one process: SIGKILL must hit the relay itself, not a wrapper.
      ['--import', 'tsx', join(__dirname, 'support/relay-crash-child.ts')],
      { cwd: WORKSPACE_ROOT, env: { ...process.env, ...env.db.env, REDIS_URL: TEST_REDIS_URL, REDIS_KEY_PREFIX: env.prefix }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        output += d.toString();
        if (output.includes('PUBLISHED')) resolve();
      });
      child.stderr.on('data', (d: Buffer) => (output += d.toString()));
      child.once('exit', (code) => reject(new Error(`relay child exited early (${code}): ${output}`)));
    });
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;

    // The XADD happened; the mark did not (the transaction died with the process).
    expect(await streamIds()).toEqual([id]);
    expect(await waitFor(() => env.unpublished(), (n) => n === 1)).toBe(1);

    // Restart: the row is published again, with the same event id.
    relay().start();
    expect(await waitFor(streamIds, (ids) => ids.length === 2)).toEqual([id, id]);
    expect(await env.unpublished()).toBe(0);

    let calls = 0;
    const consumer = new EventConsumer(env.redis, env.client(), {
      group: 'ledger', consumerName: 'c1', keyPrefix: env.prefix, dataSource: env.dataSource,
      blockMs: 100, claimIdleMs: 60_000, maxDeliveries: 5,
    }).on(Deposit, async (event, tx) => {
      calls++;
      await applyDeposit(tx, event.payload);
    });
    await consumer.start();
    try {
      const [, lastId] = [...(await env.redis.xrange(env.key(), '-', '+'))].map(([entryId]) => entryId);
      const delivered = async () => {
        const groups = (await env.redis.xinfo('GROUPS', env.key())) as (string | number)[][];
        const ledger = groups.find((g) => g.includes('ledger'))!;
        const pending = (await env.redis.xpending(env.key(), 'ledger')) as [number];
        return { lastDelivered: ledger[ledger.indexOf('last-delivered-id') + 1], pending: pending[0] };
      };
      expect(await waitFor(delivered, (d) => d.lastDelivered === lastId && d.pending === 0)).toEqual({ lastDelivered: lastId, pending: 0 });
    } finally {
      await consumer.stop();
    }
    // Both copies were read and acknowledged; the handler ran for one of them only.
    expect(calls).toBe(1);
    expect(await env.total('crash')).toBe(5);
    const processed = (await env.dataSource.query('SELECT event_id FROM processed_events')) as { event_id: string }[];
    expect(processed).toEqual([{ event_id: id }]);
  });
});
