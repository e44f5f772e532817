import type { EventEnvelope } from './event.contract';

/**
 * How an envelope is laid out in a Redis stream entry: flat field/value pairs, the payload as
 * JSON. Kept separate from the I/O so the format is unit-tested and shared by relay and consumer.
 */
export function encodeEntry(event: EventEnvelope): string[] {
  return [
    'id',
    event.id,
    'type',
    event.type,
    'producer',
    event.producer,
    'occurredAt',
    event.occurredAt,
    'payload',
    JSON.stringify(event.payload ?? null),
  ];
}

export class MalformedEntryError extends Error {
  constructor(reason: string) {
    super(`malformed stream entry: ${reason}`);
    this.name = 'MalformedEntryError';
  }
}

/** Reads an entry written by encodeEntry; anything else is a MalformedEntryError (dead-lettered). */
export function decodeEntry(fields: readonly string[]): EventEnvelope {
  if (fields.length % 2 !== 0) throw new MalformedEntryError('odd number of fields');
  const map = new Map<string, string>();
  for (let i = 0; i < fields.length; i += 2) map.set(fields[i], fields[i + 1]);
  const required = ['id', 'type', 'producer', 'occurredAt', 'payload'];
  const missing = required.filter((f) => !map.has(f));
  if (missing.length > 0) throw new MalformedEntryError(`missing ${missing.join(', ')}`);
  let payload: unknown;
  try {
    payload = JSON.parse(map.get('payload') as string);
  } catch {
    throw new MalformedEntryError('payload is not JSON');
  }
  return {
    id: map.get('id') as string,
    type: map.get('type') as string,
    producer: map.get('producer') as string,
    occurredAt: map.get('occurredAt') as string,
    payload,
  };
}

/** Redis key of a logical stream under the deployment's key prefix. */
export function streamKey(keyPrefix: string, stream: string): string {
  return `${keyPrefix}${stream}`;
}

/** Where a consumer group parks entries it could not handle after the maximum deliveries. */
export function deadLetterStream(group: string): string {
  return `events:dead:${group}`;
}
