import { Controller, Delete, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthenticatedUser } from '@wealist/auth-guard';
import { JoinDto } from './dto/join.dto';
import { SessionsService } from './sessions.service';

const uuid = new ParseUUIDPipe({ version: '4' });

@ApiTags('rooms')
@Controller('api/video/workspaces/:workspaceId/rooms/:roomId')
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  @Post('join')
  @HttpCode(200)
  @ApiOkResponse({ type: JoinDto })
  async join(@CurrentUser() caller: AuthenticatedUser, @Param('workspaceId', uuid) ws: string, @Param('roomId', uuid) roomId: string): Promise<JoinDto> {
    const t = await this.sessions.join(ws, caller, roomId);
    return {
      url: t.url,
      token: t.token,
      iceServers: t.iceServers,
      roomId: t.room.id,
      roomName: t.room.name,
      identity: t.identity,
      moderator: t.moderator,
      expiresAt: t.expiresAt.toISOString(),
      iceExpiresAt: t.iceExpiresAt?.toISOString() ?? null,
    };
  }

  @Post('end')
  @HttpCode(204)
  @ApiNoContentResponse({ description: "owners, admins or the room's creator: everyone is disconnected" })
  async end(@CurrentUser() caller: AuthenticatedUser, @Param('workspaceId', uuid) ws: string, @Param('roomId', uuid) roomId: string): Promise<void> {
    await this.sessions.end(ws, caller, roomId);
  }

  @Delete('participants/:identity')
  @HttpCode(204)
  @ApiNoContentResponse({ description: "owners, admins or the room's creator" })
  async remove(
    @CurrentUser() caller: AuthenticatedUser,
    @Param('workspaceId', uuid) ws: string,
    @Param('roomId', uuid) roomId: string,
    @Param('identity', uuid) identity: string,
  ): Promise<void> {
    await this.sessions.removeParticipant(ws, caller, roomId, identity);
  }

  @Delete()
  @HttpCode(204)
  @ApiNoContentResponse({ description: "owners, admins or the room's creator; a running call is ended first" })
  async delete(@CurrentUser() caller: AuthenticatedUser, @Param('workspaceId', uuid) ws: string, @Param('roomId', uuid) roomId: string): Promise<void> {
    await this.sessions.deleteRoom(ws, caller, roomId);
  }
}
