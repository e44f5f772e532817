import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min, ValidateIf } from 'class-validator';
import { ROOM_KINDS, type RoomKind } from '../room.entity';
import type { MemberRow, RoomView } from '../rooms.repository';

export class CreateRoomDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('4')
  workspaceId: string;

  @ApiProperty({ enum: ROOM_KINDS })
  @IsIn(ROOM_KINDS)
  kind: RoomKind;

  @ApiPropertyOptional({ minLength: 1, maxLength: 100, description: 'required for a channel; a direct room has none' })
  @ValidateIf((o: CreateRoomDto) => o.kind === 'channel' || o.name !== undefined)
  @IsString()
  @Length(1, 100)
  name?: string;

  @ApiPropertyOptional({ type: [String], description: 'other members; exactly one for a direct room' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('4', { each: true })
  memberIds?: string[];
}

export class RenameRoomDto {
  @ApiProperty({ minLength: 1, maxLength: 100 })
  @IsString()
  @Length(1, 100)
  name: string;
}

export class AddRoomMemberDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('4')
  userId: string;
}

export class MarkReadDto {
  @ApiProperty({ minimum: 0, description: 'the last sequence the caller has read' })
  @IsInt()
  @Min(0)
  @Max(2_147_483_647)
  seq: number;
}

export class ListRoomsQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('4')
  workspaceId?: string;
}

export class RoomDto {
  @ApiProperty() id: string;
  @ApiProperty() workspaceId: string;
  @ApiProperty({ enum: ROOM_KINDS }) kind: RoomKind;
  @ApiProperty({ nullable: true, type: String }) name: string | null;
  @ApiProperty() createdBy: string;
  @ApiProperty({ description: 'sequence of the newest message (0: none yet)' }) lastSeq: number;
  @ApiProperty({ nullable: true, type: String }) lastMessageAt: string | null;
  @ApiProperty({ nullable: true, type: String }) archivedAt: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ enum: ['owner', 'member'], description: "the caller's role in the room" }) role: string;
  @ApiProperty() lastReadSeq: number;
  @ApiProperty() unreadCount: number;

  static from(r: RoomView): RoomDto {
    return {
      id: r.id,
      workspaceId: r.workspaceId,
      kind: r.kind,
      name: r.name,
      createdBy: r.createdBy,
      lastSeq: r.lastSeq,
      lastMessageAt: iso(r.lastMessageAt),
      archivedAt: iso(r.archivedAt),
      createdAt: new Date(r.createdAt).toISOString(),
      role: r.role,
      lastReadSeq: r.lastReadSeq,
      unreadCount: r.unreadCount,
    };
  }
}

export class RoomMemberDto {
  @ApiProperty() userId: string;
  @ApiProperty({ enum: ['owner', 'member'] }) role: string;
  @ApiProperty() lastReadSeq: number;
  @ApiProperty() joinedAt: string;

  static from(m: MemberRow): RoomMemberDto {
    return { userId: m.userId, role: m.role, lastReadSeq: m.lastReadSeq, joinedAt: new Date(m.joinedAt).toISOString() };
  }
}

export class UnreadDto {
  @ApiProperty() roomId: string;
  @ApiProperty() unreadCount: number;
  @ApiProperty() lastReadSeq: number;
  @ApiProperty() lastSeq: number;
}

export class ReadStateDto {
  @ApiProperty() roomId: string;
  @ApiProperty() lastReadSeq: number;
}

function iso(d: Date | null): string | null {
  return d ? new Date(d).toISOString() : null;
}
