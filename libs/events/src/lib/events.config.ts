import { env, type EnvOf, type EnvSpec } from '@wealist/config';

/** Variables of a service that produces or consumes domain events (bus DB and prefix come from commonEnvSpec). */
export function eventsEnvSpec() {
  return {
    /** Off lets a deployment run the relay elsewhere; rows then wait in the outbox, never lost. */
    EVENTS_RELAY_ENABLED: env.bool({ default: true }),
    /** Fallback poll; a commit that wrote events wakes the relay of its own instance at once. */
    EVENTS_RELAY_INTERVAL_MS: env.int({ default: 1_000, min: 10, max: 60_000 }),
    EVENTS_RELAY_BATCH_SIZE: env.int({ default: 100, min: 1, max: 1_000 }),
    /** Approximate cap of each stream; keep it well above what a consumer can fall behind by. */
    EVENTS_STREAM_MAXLEN: env.int({ default: 1_000_000, min: 1_000 }),
    EVENTS_CONSUMER_BLOCK_MS: env.int({ default: 2_000, min: 10, max: 60_000 }),
    /** A delivered entry still unacknowledged after this long is claimed by another consumer. */
    EVENTS_CLAIM_IDLE_MS: env.int({ default: 30_000, min: 10, max: 3_600_000 }),
    /** After this many deliveries an entry goes to the group's dead-letter stream. */
    EVENTS_MAX_DELIVERIES: env.int({ default: 10, min: 1, max: 1_000 }),
    /** Published outbox rows and processed event ids are kept this long (the dedup window). */
    EVENTS_RETENTION_HOURS: env.int({ default: 720, min: 1 }),
  } satisfies EnvSpec;
}

export type EventsEnv = EnvOf<ReturnType<typeof eventsEnvSpec>>;
