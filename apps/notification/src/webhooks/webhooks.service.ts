import { Injectable, NotFoundException } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { WebhooksRepository, type DeliveryLogRow, type EndpointRow } from './webhooks.repository';

@Injectable()
export class WebhooksService {
  constructor(private readonly webhooks: WebhooksRepository) {}

  create(userId: string, url: string, secret: string | undefined, eventTypes: string[] = []): Promise<EndpointRow> {
    return this.webhooks.create(userId, url, secret ?? randomBytes(24).toString('base64url'), [...new Set(eventTypes)]);
  }

  list(userId: string): Promise<EndpointRow[]> {
    return this.webhooks.list(userId);
  }

  /** Removing an endpoint also drops its pending deliveries. */
  async remove(userId: string, id: string): Promise<void> {
    if (!(await this.webhooks.remove(userId, id))) throw new NotFoundException('Webhook not found');
  }

  async deliveries(userId: string, id: string, limit = 50): Promise<DeliveryLogRow[]> {
    if (!(await this.webhooks.find(userId, id))) throw new NotFoundException('Webhook not found');
    return this.webhooks.deliveries(id, limit);
  }
}
