import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { SERVICE_CONFIG } from '@wealist/config';
import { ServiceMetrics } from '@wealist/telemetry';
import type { Counter } from 'prom-client';
import type { NotificationConfig } from '../notification.config';
import { backoffMs } from './backoff';
import { DeliveryError } from './delivery-error';
import { DeliveriesRepository, type DueDelivery } from './deliveries.repository';
import { EmailSender } from './email.sender';
import { WebhookSender } from './webhook.sender';

/**
 * Sends due e-mails and webhook calls from the deliveries table, several at a time. Each
 * endpoint has at most one call in flight here and every call has a timeout, so a dead
 * endpoint holds one slot for a while and then waits out its backoff; others go on meanwhile.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('DeliveryWorker');
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly busyEndpoints = new Set<string>();
  private readonly attempts: Counter<'channel' | 'outcome'>;
  private running?: Promise<void>;
  private stopping = false;
  private wakeUp?: () => void;

  constructor(
    private readonly deliveries: DeliveriesRepository,
    private readonly email: EmailSender,
    private readonly webhook: WebhookSender,
    @Inject(SERVICE_CONFIG) private readonly config: NotificationConfig,
    metrics: ServiceMetrics,
  ) {
    this.attempts = metrics.counter('notification_delivery_attempts_total', 'E-mail and webhook delivery attempts, by outcome', ['channel', 'outcome']);
  }

  onApplicationBootstrap(): void {
    this.running = this.loop();
  }

  /** Something became due (called after a commit that created deliveries). */
  wake(): void {
    this.wakeUp?.();
  }

  /** Stops claiming and lets the calls in flight finish (each is bounded by its timeout). */
  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    this.wakeUp?.();
    await this.running;
    await Promise.all(this.inFlight.values());
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      const free = this.config.DELIVERY_CONCURRENCY - this.inFlight.size;
      let claimed = 0;
      if (free > 0) {
        try {
          const due = await this.deliveries.claim(free, this.config.WEBHOOK_TIMEOUT_MS + 30_000, [...this.busyEndpoints]);
          claimed = due.length;
          for (const [key, group] of groupByEndpoint(due)) this.run(key, group);
        } catch (err) {
          this.logger.warn(`claiming deliveries failed: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
      if (claimed === 0 || claimed === free) await this.sleep(this.config.DELIVERY_POLL_MS);
    }
  }

  /** One endpoint's deliveries one after the other; e-mails each on their own. */
  private run(key: string, group: DueDelivery[]): void {
    const endpointId = group[0].endpointId;
    if (endpointId) this.busyEndpoints.add(endpointId);
    const work = (async () => {
      for (const d of group) await this.attempt(d);
    })().finally(() => {
      this.inFlight.delete(key);
      if (endpointId) this.busyEndpoints.delete(endpointId);
      this.wake();
    });
    this.inFlight.set(key, work);
  }

  private async attempt(d: DueDelivery): Promise<void> {
    const started = performance.now();
    try {
      const { statusCode } = await (d.channel === 'email' ? this.email.send(d) : this.webhook.send(d));
      await this.deliveries.succeeded(d, { durationMs: performance.now() - started, statusCode, error: null });
      this.attempts.inc({ channel: d.channel, outcome: 'succeeded' });
    } catch (err) {
      const failure = err instanceof DeliveryError ? err : new DeliveryError(err instanceof Error ? err.message : String(err));
      const last = failure.permanent || d.attempt >= this.config.DELIVERY_MAX_ATTEMPTS;
      const retryAt = last ? null : new Date(Date.now() + backoffMs(d.attempt, this.config.DELIVERY_BACKOFF_BASE_MS, this.config.DELIVERY_BACKOFF_MAX_MS));
      await this.deliveries
        .failed(d, { durationMs: performance.now() - started, statusCode: failure.statusCode, error: failure.message }, retryAt)
        .catch((e: unknown) => this.logger.warn(`recording delivery ${d.id} failed (its lease runs out and it is retried): ${String(e)}`));
      this.attempts.inc({ channel: d.channel, outcome: last ? 'gave_up' : 'retry' });
    }
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = () => {
        this.wakeUp = undefined;
        done();
      };
    });
  }
}

function groupByEndpoint(due: DueDelivery[]): Map<string, DueDelivery[]> {
  const groups = new Map<string, DueDelivery[]>();
  for (const d of due) {
    const key = d.endpointId ?? d.id;
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  return groups;
}
