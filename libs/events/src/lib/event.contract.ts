/**
 * A typed domain-event contract shared by producer and consumers: the type name, the stream it
 * travels on and the payload type change in one place (like the RPC contracts of messaging).
 */
export interface EventContract<P> {
  /** Dotted name, `<aggregate>.<what happened>`, e.g. `task.created`. */
  readonly type: string;
  /** Logical stream (one per producing service), e.g. `events:board`. */
  readonly stream: string;
  /** Phantom field carrying the payload type; never set at run time. */
  readonly _payload?: P;
}

export type EventPayload<C> = C extends EventContract<infer P> ? P : never;

export function domainEvent<P>(type: string, stream: string): EventContract<P> {
  return { type, stream };
}

/** What consumers receive. `id` is unique per event and stable across redeliveries. */
export interface EventEnvelope<P = unknown> {
  id: string;
  type: string;
  /** The service that recorded the event. */
  producer: string;
  /** ISO time of the change that caused it (the producer's commit, not the relay's publish). */
  occurredAt: string;
  payload: P;
}

/** The stream of every event a service produces: `events:<service>`. */
export function serviceStream(service: string): string {
  return `events:${service}`;
}
