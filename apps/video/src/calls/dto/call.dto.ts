import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { CallRow, ParticipantSession } from '../calls.repository';

export class HistoryQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(512) cursor?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}

const seconds = (from: Date, to: Date | null) => (to ? Math.max(0, Math.round((new Date(to).getTime() - new Date(from).getTime()) / 1000)) : null);

export class CallParticipantDto {
  @ApiProperty({ description: 'the user id' }) identity: string;
  @ApiProperty({ nullable: true, type: String }) name: string | null;
  @ApiProperty() joinedAt: string;
  @ApiProperty({ nullable: true, type: String }) leftAt: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'null while still in the call' }) durationSeconds: number | null;

  static from(p: ParticipantSession): CallParticipantDto {
    return {
      identity: p.identity,
      name: p.name,
      joinedAt: new Date(p.joinedAt).toISOString(),
      leftAt: p.leftAt ? new Date(p.leftAt).toISOString() : null,
      durationSeconds: seconds(p.joinedAt, p.leftAt),
    };
  }
}

export class CallDto {
  @ApiProperty() id: string;
  @ApiProperty() startedAt: string;
  @ApiProperty({ nullable: true, type: String }) endedAt: string | null;
  @ApiProperty({ nullable: true, type: Number }) durationSeconds: number | null;
  @ApiProperty({ type: [CallParticipantDto] }) participants: CallParticipantDto[];

  static from(c: CallRow): CallDto {
    return {
      id: c.id,
      startedAt: new Date(c.startedAt).toISOString(),
      endedAt: c.endedAt ? new Date(c.endedAt).toISOString() : null,
      durationSeconds: seconds(c.startedAt, c.endedAt),
      participants: c.participants.map(CallParticipantDto.from),
    };
  }
}

export class CallPageDto {
  @ApiProperty({ type: [CallDto] }) items: CallDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
