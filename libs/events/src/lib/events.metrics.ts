import type { ServiceMetrics } from '@wealist/telemetry';
import type { Counter } from 'prom-client';

/** Business metrics of the event mechanism, on the service's own registry. */
export interface EventsMetrics {
  published: Counter<'stream'>;
  relayFailures: Counter;
  consumed: Counter<'group' | 'type' | 'outcome'>;
}

export function eventsMetrics(metrics: ServiceMetrics): EventsMetrics {
  return {
    published: metrics.counter('events_published_total', 'Domain events relayed from the outbox to their stream', ['stream']),
    relayFailures: metrics.counter('events_relay_failures_total', 'Outbox relay batches that failed and will be retried'),
    consumed: metrics.counter(
      'events_consumed_total',
      'Stream entries handled by a consumer group, by outcome (handled, duplicate, ignored, failed, dead_lettered)',
      ['group', 'type', 'outcome'],
    ),
  };
}
