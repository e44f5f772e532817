import { Controller, Get, NotFoundException, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthenticatedUser } from '@wealist/auth-guard';
import { RoomsRepository } from '../rooms/rooms.repository';
import { PresenceRepository } from './presence.repository';

class RoomPresenceDto {
  @ApiProperty() roomId: string;
  @ApiProperty({ type: [String], description: 'users with a live connection in the room' }) online: string[];
}

const uuid = new ParseUUIDPipe({ version: '4' });

@ApiTags('presence')
@Controller('api/chats/rooms/:roomId/presence')
export class PresenceController {
  constructor(
    private readonly presence: PresenceRepository,
    private readonly rooms: RoomsRepository,
  ) {}

  @Get()
  @ApiOkResponse({ type: RoomPresenceDto })
  async get(@CurrentUser() caller: AuthenticatedUser, @Param('roomId', uuid) roomId: string): Promise<RoomPresenceDto> {
    if (!(await this.rooms.isMember(roomId, caller.id))) throw new NotFoundException('Room not found');
    return { roomId, online: await this.presence.onlineInRoom(roomId) };
  }
}
