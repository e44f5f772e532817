import { Module } from '@nestjs/common';
import { DeliveriesRepository } from './deliveries.repository';
import { DeliveryWorker } from './delivery.worker';
import { EmailSender } from './email.sender';
import { WebhookSender } from './webhook.sender';

@Module({
  providers: [DeliveriesRepository, DeliveryWorker, EmailSender, WebhookSender],
  exports: [DeliveriesRepository, DeliveryWorker, EmailSender],
})
export class DeliveriesModule {}
