import type { Redis } from 'ioredis';

/** One entry read from a stream; fields is null when the entry was trimmed away meanwhile. */
export interface StreamEntry {
  key: string;
  id: string;
  fields: string[] | null;
}

type RawEntries = [string, string[] | null][];

/**
 * The Redis Streams commands of one consumer in one group, with their replies parsed. Blocking
 * reads go through their own connection so acks and claims never wait behind a BLOCK.
 */
export class ConsumerGroup {
  private blockingId?: number;

  constructor(
    private readonly commands: Redis,
    private readonly blocking: Redis,
    readonly group: string,
    readonly consumer: string,
  ) {
    // The id changes with every reconnect; interrupt() needs the current one.
    blocking.on('ready', () => void this.refreshBlockingId());
  }

  async refreshBlockingId(): Promise<void> {
    this.blockingId = Number(await this.blocking.client('ID').catch(() => NaN));
  }

  /** Ends a BLOCKing read at once (it returns as if it timed out), so shutdown does not wait for it. */
  async interrupt(): Promise<void> {
    if (this.blockingId) await this.commands.client('UNBLOCK', this.blockingId).catch(() => undefined);
  }

  /** Creates the group at `startFrom` ('0': all retained history, '$': only new) unless it exists. */
  async ensure(keys: readonly string[], startFrom: '0' | '$'): Promise<void> {
    for (const key of keys) {
      try {
        await this.commands.xgroup('CREATE', key, this.group, startFrom, 'MKSTREAM');
      } catch (err) {
        if (!(err instanceof Error) || !err.message.startsWith('BUSYGROUP')) throw err;
      }
    }
  }

  /** New entries for this consumer (`>`), waiting up to blockMs; [] on timeout. */
  async readNew(keys: readonly string[], count: number, blockMs: number): Promise<StreamEntry[]> {
    const reply = (await this.blocking.xreadgroup(
      'GROUP', this.group, this.consumer, 'COUNT', count, 'BLOCK', blockMs, 'STREAMS', ...keys, ...keys.map(() => '>'),
    )) as [string, RawEntries][] | null;
    return (reply ?? []).flatMap(([key, entries]) => entries.map(([id, fields]) => ({ key, id, fields })));
  }

  /** Takes over entries pending longer than minIdleMs (their consumer died or failed). */
  async autoclaim(key: string, minIdleMs: number, count: number): Promise<StreamEntry[]> {
    const out: StreamEntry[] = [];
    let cursor = '0-0';
    do {
      const [next, entries] = (await this.commands.xautoclaim(key, this.group, this.consumer, minIdleMs, cursor, 'COUNT', count)) as [
        string,
        RawEntries,
        string[]?,
      ];
      out.push(...entries.map(([id, fields]) => ({ key, id, fields })));
      cursor = next;
    } while (cursor !== '0-0' && out.length < count);
    return out;
  }

  /** How many times each of this consumer's pending entries was delivered. */
  async deliveries(key: string, ids: readonly string[]): Promise<Map<string, number>> {
    if (ids.length === 0) return new Map();
    const sorted = [...ids].sort(compareIds);
    const rows = (await this.commands.call(
      'XPENDING', key, this.group, sorted[0], sorted[sorted.length - 1], String(ids.length * 2), this.consumer,
    )) as [string, string, number, number][];
    return new Map(rows.map(([id, , , count]) => [id, Number(count)]));
  }

  async ack(key: string, id: string): Promise<void> {
    await this.commands.xack(key, this.group, id);
  }

  /** Removes consumers of earlier processes that hold nothing and were idle for a day. */
  async pruneIdleConsumers(key: string, idleMs = 86_400_000): Promise<void> {
    const consumers = (await this.commands.call('XINFO', 'CONSUMERS', key, this.group)) as (string | number)[][];
    for (const info of consumers) {
      const fields = new Map<string, string | number>();
      for (let i = 0; i < info.length; i += 2) fields.set(String(info[i]), info[i + 1]);
      const name = String(fields.get('name'));
      if (name !== this.consumer && Number(fields.get('pending')) === 0 && Number(fields.get('idle')) > idleMs) {
        await this.commands.xgroup('DELCONSUMER', key, this.group, name);
      }
    }
  }
}

/** Orders stream ids (`<ms>-<seq>`) numerically. */
export function compareIds(a: string, b: string): number {
  const [am, as] = a.split('-').map(BigInt);
  const [bm, bs] = b.split('-').map(BigInt);
  if (am !== bm) return am < bm ? -1 : 1;
  if (as !== bs) return as < bs ? -1 : 1;
  return 0;
}
