import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CONFIG } from '@wealist/config';
import type { NotificationConfig } from '../notification.config';
import { signWebhook, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../webhooks/webhook-signature';
import { DeliveryError } from './delivery-error';
import type { DueDelivery } from './deliveries.repository';

/** A signed POST to the endpoint; any 2xx within the timeout is a success. */
@Injectable()
export class WebhookSender {
  constructor(@Inject(SERVICE_CONFIG) private readonly config: NotificationConfig) {}

  async send(d: DueDelivery): Promise<{ statusCode: number | null }> {
    if (!d.url || !d.secret) throw new DeliveryError('the endpoint was removed', null, true);
    const body = JSON.stringify({ deliveryId: d.id, attempt: d.attempt, type: d.notification.type, notification: d.notification });
    const timestamp = Math.floor(Date.now() / 1000);
    let res: Response;
    try {
      res = await fetch(d.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'wealist-webhooks/1',
          'x-wealist-event': d.notification.type,
          'x-wealist-delivery': d.id,
          [TIMESTAMP_HEADER]: String(timestamp),
          [SIGNATURE_HEADER]: signWebhook(d.secret, timestamp, body),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.config.WEBHOOK_TIMEOUT_MS),
      });
      await res.arrayBuffer().catch(() => undefined);
    } catch (err) {
      // A DOMException: not always an `instanceof Error` across realms, so go by its name.
      const name = (err as { name?: string } | null)?.name;
      const timedOut = name === 'TimeoutError' || name === 'AbortError';
      throw new DeliveryError(timedOut ? `no answer within ${this.config.WEBHOOK_TIMEOUT_MS} ms` : describe(err));
    }
    if (res.status < 200 || res.status >= 300) throw new DeliveryError(`answered ${res.status}`, res.status);
    return { statusCode: res.status };
  }
}

function describe(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
}
