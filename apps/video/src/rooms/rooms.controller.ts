import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthenticatedUser } from '@wealist/auth-guard';
import { CreateRoomDto, RoomDetailDto, RoomDto } from './dto/room.dto';
import { RoomsService } from './rooms.service';

const uuid = new ParseUUIDPipe({ version: '4' });

@ApiTags('rooms')
@Controller('api/video/workspaces/:workspaceId/rooms')
export class RoomsController {
  constructor(private readonly rooms: RoomsService) {}

  @Post()
  @ApiCreatedResponse({ type: RoomDto })
  async create(@CurrentUser() caller: AuthenticatedUser, @Param('workspaceId', uuid) ws: string, @Body() body: CreateRoomDto): Promise<RoomDto> {
    const room = await this.rooms.create(ws, caller, body.name, body.maxParticipants);
    return RoomDto.from(room, { status: 'idle', participantCount: 0 });
  }

  @Get()
  @ApiOkResponse({ type: [RoomDto] })
  async list(@CurrentUser() caller: AuthenticatedUser, @Param('workspaceId', uuid) ws: string): Promise<RoomDto[]> {
    return (await this.rooms.list(ws, caller)).map(({ room, live }) => RoomDto.from(room, live));
  }

  @Get(':roomId')
  @ApiOkResponse({ type: RoomDetailDto })
  async get(@CurrentUser() caller: AuthenticatedUser, @Param('workspaceId', uuid) ws: string, @Param('roomId', uuid) id: string): Promise<RoomDetailDto> {
    const { room, state } = await this.rooms.get(ws, caller, id);
    return RoomDetailDto.detail(room, state);
  }
}
