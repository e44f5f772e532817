import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';
import type { NotificationRow } from '../notifications.repository';

export class ListNotificationsQuery {
  @ApiPropertyOptional({ description: 'the nextCursor of the previous page' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  cursor?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  unreadOnly?: boolean;
}

export class NotificationDto {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'event type, e.g. task.assigned' }) type: string;
  @ApiProperty() title: string;
  @ApiProperty() body: string;
  @ApiProperty({ type: Object }) data: Record<string, unknown>;
  @ApiProperty({ nullable: true, type: String }) workspaceId: string | null;
  @ApiProperty() read: boolean;
  @ApiProperty({ nullable: true, type: String }) readAt: string | null;
  @ApiProperty() createdAt: string;

  static from(n: NotificationRow): NotificationDto {
    return {
      id: n.id,
      type: n.type,
      title: n.title,
      body: n.body,
      data: n.data,
      workspaceId: n.workspaceId,
      read: n.readAt !== null,
      readAt: n.readAt ? new Date(n.readAt).toISOString() : null,
      createdAt: new Date(n.createdAt).toISOString(),
    };
  }
}

export class NotificationPageDto {
  @ApiProperty({ type: [NotificationDto], description: 'newest first' }) items: NotificationDto[];
  @ApiProperty({ nullable: true, type: Number }) nextCursor: number | null;
}

export class UnreadCountDto {
  @ApiProperty() count: number;
}

export class MarkedAllDto {
  @ApiProperty({ description: 'notifications that were unread' }) updated: number;
}
