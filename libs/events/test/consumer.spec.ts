import { EventConsumer, type EventConsumerOptions, type EventHandler } from '../src/lib/event.consumer';
import { OutboxRelay } from '../src/lib/outbox.relay';
import { applyDeposit, Deposit, EventsTestEnv, Other, waitFor } from './support/events-test-env';

jest.setTimeout(60_000);

describe('event consumers (Redis Streams consumer groups)', () => {
  let env: EventsTestEnv;
  let relay: OutboxRelay;
  const consumers: EventConsumer[] = [];

  const consumer = (options: Partial<EventConsumerOptions> = {}, handler?: EventHandler<{ account: string; amount: number }>) => {
    const c = new EventConsumer(env.redis, env.client(), {
      group: 'ledger',
      consumerName: `c${consumers.length}`,
      keyPrefix: env.prefix,
      dataSource: env.dataSource,
      blockMs: 50,
      claimIdleMs: 60_000,
      maxDeliveries: 3,
      ...options,
    }).on(Deposit, handler ?? ((event, tx) => applyDeposit(tx, event.payload)));
    consumers.push(c);
    return c;
  };
  const pending = async (group = 'ledger') => ((await env.redis.xpending(env.key(), group)) as [number])[0];
  const publish = () => relay.publishBatch();

  beforeAll(async () => {
    env = await EventsTestEnv.start('events_consumer');
    relay = new OutboxRelay(env.dataSource, env.redis, { keyPrefix: env.prefix, batchSize: 500, intervalMs: 50, streamMaxLen: 100_000, retentionHours: 1 });
  });
  afterEach(async () => {
    await Promise.all(consumers.splice(0).map((c) => c.stop()));
    await env.redis.del(env.key(), `${env.prefix}events:dead:ledger`);
    await env.dataSource.query('TRUNCATE outbox_events, processed_events, effects');
  });
  afterAll(() => env.stop());

  it('delivers to a consumer that was down everything emitted meanwhile', async () => {
    const first = consumer();
    await first.start();
    await env.deposit('down', 1);
    await publish();
    expect(await waitFor(() => env.total('down'), (t) => t === 1)).toBe(1);
    await first.stop();

    for (let i = 0; i < 20; i++) await env.deposit('down', 1);
    await publish();
    await new Promise((r) => setTimeout(r, 200));
    expect(await env.total('down')).toBe(1);

    await consumer().start();
    expect(await waitFor(() => env.total('down'), (t) => t === 21)).toBe(21);
    expect(await waitFor(() => pending(), (p) => p === 0)).toBe(0);
  });

  it('has the effect of an event once however many copies arrive, even on competing consumers', async () => {
    const id = await env.deposit('dup', 7);
    await publish();
    const [[, fields]] = await env.redis.xrange(env.key(), '-', '+');
    for (let i = 0; i < 4; i++) await env.redis.xadd(env.key(), '*', ...fields);
    let calls = 0;
    const counting: EventHandler<{ account: string; amount: number }> = async (event, tx) => {
      calls++;
      await applyDeposit(tx, event.payload);
    };
    await Promise.all([consumer({}, counting).start(), consumer({}, counting).start()]);
    const lastId = (await env.redis.xrevrange(env.key(), '+', '-', 'COUNT', 1))[0][0];
    const readUpTo = async () => {
      const groups = (await env.redis.xinfo('GROUPS', env.key())) as (string | number)[][];
      const ledger = groups.find((g) => g.includes('ledger'))!;
      return ledger[ledger.indexOf('last-delivered-id') + 1];
    };
    expect(await waitFor(readUpTo, (id) => id === lastId)).toBe(lastId);
    expect(await waitFor(() => pending(), (p) => p === 0)).toBe(0);
    expect(calls).toBe(1);
    expect(await env.total('dup')).toBe(7);
    expect(await env.dataSource.query('SELECT event_id, type FROM processed_events')).toEqual([{ event_id: id, type: 'account.deposited' }]);
  });

  it('reclaims with XAUTOCLAIM what a dead consumer left pending', async () => {
    await consumer().start(); // creates the group
    await consumers[0].stop();
    for (let i = 0; i < 5; i++) await env.deposit('orphan', 1);
    await publish();
    // A consumer reads the entries and dies without acknowledging them.
    const read = await env.redis.xreadgroup('GROUP', 'ledger', 'dead-one', 'COUNT', 10, 'STREAMS', env.key(), '>');
    expect((read as [string, unknown[]][])[0][1]).toHaveLength(5);
    expect(await pending()).toBe(5);

    await consumer({ claimIdleMs: 100 }).start();
    expect(await waitFor(() => env.total('orphan'), (t) => t === 5)).toBe(5);
    expect(await waitFor(() => pending(), (p) => p === 0)).toBe(0);
  });

  it('retries a failing handler without partial effects, and parks an entry that keeps failing', async () => {
    let attempts = 0;
    const flaky: EventHandler<{ account: string; amount: number }> = async (event, tx) => {
      await applyDeposit(tx, event.payload);
      if (event.payload.account === 'poison' || ++attempts === 1) throw new Error('downstream unavailable');
    };
    await consumer({ claimIdleMs: 100, maxDeliveries: 3 }, flaky).start();
    await env.deposit('flaky', 3);
    await env.deposit('poison', 1);
    await publish();

    expect(await waitFor(() => env.total('flaky'), (t) => t === 3)).toBe(3);
    const dead = await waitFor(() => env.redis.xrange(`${env.prefix}events:dead:ledger`, '-', '+'), (d) => d.length === 1);
    const deadFields = dead[0][1];
    expect(deadFields.slice(0, 6)).toEqual(['stream', env.key(), 'entryId', expect.any(String), 'reason', 'gave up after 3 deliveries']);
    expect(deadFields).toContain('account.deposited');
    expect(await env.total('poison')).toBe(0);
    expect(await waitFor(() => pending(), (p) => p === 0)).toBe(0);
  });

  it('gives every group every event, acknowledges types it does not handle, and parks malformed entries', async () => {
    await env.deposit('groups', 2);
    await env.dataSource.transaction((m) => env.writer.record(m, Other, { note: 'not for the ledger' }));
    await publish();
    await env.redis.xadd(env.key(), '*', 'garbage', '1');
    const audit: string[] = [];
    await consumer().start();
    await consumer({ group: 'audit', dataSource: undefined }, async (event) => void audit.push(event.id)).start();

    expect(await waitFor(() => env.total('groups'), (t) => t === 2)).toBe(2);
    expect(await waitFor(async () => audit.length, (n) => n === 1)).toBe(1);
    expect(await waitFor(() => pending(), (p) => p === 0)).toBe(0);
    expect(await waitFor(() => pending('audit'), (p) => p === 0)).toBe(0);
    const dead = await env.redis.xrange(`${env.prefix}events:dead:ledger`, '-', '+');
    expect(dead.map(([, f]) => f[f.indexOf('reason') + 1])).toEqual(['malformed stream entry: missing id, type, producer, occurredAt, payload']);
    await env.redis.del(`${env.prefix}events:dead:audit`);
  });

  it('reads only new entries when started from "$"', async () => {
    await env.deposit('late', 1);
    await publish();
    await consumer({ startFrom: '$' }).start();
    await env.deposit('late', 10);
    await publish();
    expect(await waitFor(() => env.total('late'), (t) => t === 10)).toBe(10);
    await new Promise((r) => setTimeout(r, 200));
    expect(await env.total('late')).toBe(10);
  });

  it('refuses handlers added after start', async () => {
    const c = consumer();
    await c.start();
    expect(() => c.on(Other, async () => undefined)).toThrow(/before start/);
  });
});
