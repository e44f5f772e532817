import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import type { LiveParticipant, RoomState } from '../../presence/room-state.store';
import type { RoomEntity } from '../room.entity';

export class CreateRoomDto {
  @ApiProperty({ minLength: 1, maxLength: 100 })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @ApiPropertyOptional({ minimum: 2, maximum: 100, default: 50 })
  @IsOptional()
  @IsInt()
  @Min(2)
  @Max(100)
  maxParticipants?: number;
}

export class RoomDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() maxParticipants: number;
  @ApiProperty() createdBy: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ enum: ['idle', 'active', 'ended'], description: 'live state from LiveKit webhooks' }) status: RoomState['status'];
  @ApiProperty() participantCount: number;

  static from(room: RoomEntity, live: { status: RoomState['status']; participantCount: number }): RoomDto {
    return {
      id: room.id,
      name: room.name,
      maxParticipants: room.maxParticipants,
      createdBy: room.createdBy,
      createdAt: room.createdAt.toISOString(),
      status: live.status,
      participantCount: live.participantCount,
    };
  }
}

export class ParticipantDto {
  @ApiProperty({ description: 'the user id' }) identity: string;
  @ApiProperty() name: string;
  @ApiProperty() joinedAt: string;
}

export class RoomDetailDto extends RoomDto {
  @ApiProperty({ type: [ParticipantDto] }) participants: ParticipantDto[];
  @ApiProperty({ nullable: true, type: String }) startedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) endedAt: string | null;

  static detail(room: RoomEntity, state: RoomState): RoomDetailDto {
    return {
      ...RoomDto.from(room, { status: state.status, participantCount: state.participants.length }),
      participants: state.participants.map((p: LiveParticipant) => ({ identity: p.identity, name: p.name, joinedAt: p.joinedAt })),
      startedAt: state.startedAt,
      endedAt: state.endedAt,
    };
  }
}
