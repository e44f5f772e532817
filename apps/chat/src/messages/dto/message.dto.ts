import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';

export class SendMessageDto {
  @ApiProperty({ minLength: 1, description: 'text; mention a user as <@userId>; limited to CHAT_MAX_MESSAGE_BYTES (413 beyond)' })
  @IsString()
  @Length(1, 65_536)
  body: string;

  @ApiPropertyOptional({ maxLength: 100, description: 'a retried send with the same id returns the stored message instead of a copy' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  clientMessageId?: string;
}

export class EditMessageDto {
  @ApiProperty({ minLength: 1 })
  @IsString()
  @Length(1, 65_536)
  body: string;
}

export class HistoryQuery {
  @ApiPropertyOptional({ description: 'messages with a sequence below this (older page); default: the newest' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  before?: number;

  @ApiPropertyOptional({ description: 'messages with a sequence above this (newer page, e.g. after reconnecting)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  after?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class MessageDto {
  @ApiProperty() id: string;
  @ApiProperty() roomId: string;
  @ApiProperty({ description: 'per-room, gapless, increasing' }) seq: number;
  @ApiProperty() senderId: string;
  @ApiProperty({ description: 'empty once deleted' }) body: string;
  @ApiProperty({ type: [String] }) mentions: string[];
  @ApiProperty({ nullable: true, type: String }) clientMessageId: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) editedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) deletedAt: string | null;
}

export class HistoryPageDto {
  @ApiProperty({ type: [MessageDto], description: 'ascending by sequence' }) messages: MessageDto[];
  @ApiProperty({ nullable: true, type: Number, description: 'cursor of the next page in the same direction' }) nextCursor: number | null;
}
