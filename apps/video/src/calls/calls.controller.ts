import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthenticatedUser } from '@wealist/auth-guard';
import { CallsService } from './calls.service';
import { CallDto, CallPageDto, HistoryQueryDto } from './dto/call.dto';

const uuid = new ParseUUIDPipe({ version: '4' });

@ApiTags('calls')
@Controller('api/video/workspaces/:workspaceId/rooms/:roomId/calls')
export class CallsController {
  constructor(private readonly calls: CallsService) {}

  @Get()
  @ApiOkResponse({ type: CallPageDto, description: 'call history: who joined when, for how long' })
  async history(
    @CurrentUser() caller: AuthenticatedUser,
    @Param('workspaceId', uuid) ws: string,
    @Param('roomId', uuid) roomId: string,
    @Query() query: HistoryQueryDto,
  ): Promise<CallPageDto> {
    const page = await this.calls.history(ws, caller, roomId, query.cursor, query.limit);
    return { items: page.items.map(CallDto.from), nextCursor: page.nextCursor };
  }
}
