import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUrl, Length } from 'class-validator';
import { NOTIFICATION_TYPES } from '../../notifications/notification-composer';
import type { DeliveryLogRow, EndpointRow } from '../webhooks.repository';

export class CreateWebhookDto {
  @ApiProperty({ description: 'http(s) URL that receives a signed POST per notification' })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  @Length(1, 2000)
  url: string;

  @ApiPropertyOptional({ minLength: 16, maxLength: 200, description: 'HMAC key; generated when omitted (returned once)' })
  @IsOptional()
  @IsString()
  @Length(16, 200)
  secret?: string;

  @ApiPropertyOptional({ enum: NOTIFICATION_TYPES, isArray: true, description: 'only these types; all when omitted or empty' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(NOTIFICATION_TYPES.length)
  @IsIn(NOTIFICATION_TYPES, { each: true })
  eventTypes?: string[];
}

export class WebhookDto {
  @ApiProperty() id: string;
  @ApiProperty() url: string;
  @ApiProperty({ type: [String] }) eventTypes: string[];
  @ApiProperty() createdAt: string;

  static from(e: EndpointRow): WebhookDto {
    return { id: e.id, url: e.url, eventTypes: e.eventTypes, createdAt: new Date(e.createdAt).toISOString() };
  }
}

export class CreatedWebhookDto extends WebhookDto {
  @ApiProperty({ description: 'shown only now: verify X-Wealist-Signature with it' }) secret: string;
}

export class DeliveryAttemptDto {
  @ApiProperty() attempt: number;
  @ApiProperty() attemptedAt: string;
  @ApiProperty() durationMs: number;
  @ApiProperty() succeeded: boolean;
  @ApiProperty({ nullable: true, type: Number }) statusCode: number | null;
  @ApiProperty({ nullable: true, type: String }) error: string | null;
}

export class DeliveryDto {
  @ApiProperty() id: string;
  @ApiProperty() notificationId: string;
  @ApiProperty({ enum: ['pending', 'sending', 'succeeded', 'failed'] }) status: string;
  @ApiProperty() attempts: number;
  @ApiProperty({ nullable: true, type: String }) nextAttemptAt: string | null;
  @ApiProperty({ nullable: true, type: String }) lastError: string | null;
  @ApiProperty({ nullable: true, type: Number }) lastStatusCode: number | null;
  @ApiProperty({ nullable: true, type: String }) deliveredAt: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: [DeliveryAttemptDto] }) log: DeliveryAttemptDto[];

  static from(d: DeliveryLogRow): DeliveryDto {
    const pending = d.status === 'pending' || d.status === 'sending';
    return {
      id: d.id,
      notificationId: d.notificationId,
      status: d.status,
      attempts: d.attempts,
      nextAttemptAt: pending ? new Date(d.nextAttemptAt).toISOString() : null,
      lastError: d.lastError,
      lastStatusCode: d.lastStatusCode,
      deliveredAt: d.deliveredAt ? new Date(d.deliveredAt).toISOString() : null,
      createdAt: new Date(d.createdAt).toISOString(),
      log: d.log,
    };
  }
}
