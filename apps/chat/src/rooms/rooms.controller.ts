import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthenticatedUser } from '@wealist/auth-guard';
import {
  AddRoomMemberDto,
  CreateRoomDto,
  ListRoomsQuery,
  MarkReadDto,
  ReadStateDto,
  RenameRoomDto,
  RoomDto,
  RoomMemberDto,
  UnreadDto,
} from './dto/room.dto';
import { RoomsService } from './rooms.service';

const uuid = new ParseUUIDPipe({ version: '4' });

@ApiTags('rooms')
@Controller('api/chats')
export class RoomsController {
  constructor(private readonly rooms: RoomsService) {}

  @Post('rooms')
  @ApiCreatedResponse({ type: RoomDto, description: 'a direct room that already exists is returned as it is' })
  async create(@CurrentUser() caller: AuthenticatedUser, @Body() body: CreateRoomDto): Promise<RoomDto> {
    return RoomDto.from(await this.rooms.create(caller.id, body));
  }

  @Get('rooms')
  @ApiOkResponse({ type: [RoomDto] })
  async list(@CurrentUser() caller: AuthenticatedUser, @Query() query: ListRoomsQuery): Promise<RoomDto[]> {
    return (await this.rooms.list(caller.id, query.workspaceId)).map(RoomDto.from);
  }

  @Get('unread')
  @ApiOkResponse({ type: [UnreadDto], description: 'unread messages per room (others\' messages after the read position)' })
  async unread(@CurrentUser() caller: AuthenticatedUser, @Query() query: ListRoomsQuery): Promise<UnreadDto[]> {
    const rooms = await this.rooms.list(caller.id, query.workspaceId);
    return rooms.map((r) => ({ roomId: r.id, unreadCount: r.unreadCount, lastReadSeq: r.lastReadSeq, lastSeq: r.lastSeq }));
  }

  @Get('rooms/:roomId')
  @ApiOkResponse({ type: RoomDto })
  async get(@CurrentUser() caller: AuthenticatedUser, @Param('roomId', uuid) roomId: string): Promise<RoomDto> {
    return RoomDto.from(await this.rooms.get(roomId, caller.id));
  }

  @Patch('rooms/:roomId')
  @ApiOkResponse({ type: RoomDto })
  async rename(@CurrentUser() caller: AuthenticatedUser, @Param('roomId', uuid) roomId: string, @Body() body: RenameRoomDto): Promise<RoomDto> {
    return RoomDto.from(await this.rooms.rename(roomId, caller.id, body.name));
  }

  @Post('rooms/:roomId/archive')
  @HttpCode(200)
  @ApiOkResponse({ type: RoomDto })
  async archive(@CurrentUser() caller: AuthenticatedUser, @Param('roomId', uuid) roomId: string): Promise<RoomDto> {
    return RoomDto.from(await this.rooms.archive(roomId, caller.id));
  }

  @Get('rooms/:roomId/members')
  @ApiOkResponse({ type: [RoomMemberDto] })
  async members(@CurrentUser() caller: AuthenticatedUser, @Param('roomId', uuid) roomId: string): Promise<RoomMemberDto[]> {
    return (await this.rooms.members(roomId, caller.id)).map(RoomMemberDto.from);
  }

  @Post('rooms/:roomId/members')
  @ApiCreatedResponse({ type: RoomMemberDto })
  async addMember(
    @CurrentUser() caller: AuthenticatedUser,
    @Param('roomId', uuid) roomId: string,
    @Body() body: AddRoomMemberDto,
  ): Promise<RoomMemberDto> {
    return RoomMemberDto.from(await this.rooms.addMember(roomId, caller.id, body.userId));
  }

  @Delete('rooms/:roomId/members/:userId')
  @HttpCode(204)
  @ApiNoContentResponse()
  async removeMember(
    @CurrentUser() caller: AuthenticatedUser,
    @Param('roomId', uuid) roomId: string,
    @Param('userId', uuid) userId: string,
  ): Promise<void> {
    await this.rooms.removeMember(roomId, caller.id, userId);
  }

  @Post('rooms/:roomId/read')
  @HttpCode(200)
  @ApiOkResponse({ type: ReadStateDto })
  async markRead(@CurrentUser() caller: AuthenticatedUser, @Param('roomId', uuid) roomId: string, @Body() body: MarkReadDto): Promise<ReadStateDto> {
    return { roomId, lastReadSeq: await this.rooms.markRead(roomId, caller.id, body.seq) };
  }
}
