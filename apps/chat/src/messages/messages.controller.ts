import { BadRequestException, Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthenticatedUser } from '@wealist/auth-guard';
import { EditMessageDto, HistoryPageDto, HistoryQuery, MessageDto, SendMessageDto } from './dto/message.dto';
import { MessagesService } from './messages.service';

const uuid = new ParseUUIDPipe({ version: '4' });
const seqPipe = new ParseIntPipe();

@ApiTags('messages')
@Controller('api/chats/rooms/:roomId/messages')
export class MessagesController {
  constructor(private readonly messages: MessagesService) {}

  @Get()
  @ApiOkResponse({ type: HistoryPageDto })
  history(@CurrentUser() caller: AuthenticatedUser, @Param('roomId', uuid) roomId: string, @Query() query: HistoryQuery): Promise<HistoryPageDto> {
    if (query.before !== undefined && query.after !== undefined) throw new BadRequestException('Use either before or after, not both');
    return this.messages.history(roomId, caller.id, query, query.limit);
  }

  @Post()
  @ApiCreatedResponse({ type: MessageDto })
  send(@CurrentUser() caller: AuthenticatedUser, @Param('roomId', uuid) roomId: string, @Body() body: SendMessageDto): Promise<MessageDto> {
    return this.messages.send(caller, roomId, body.body, body.clientMessageId ?? null);
  }

  @Patch(':seq')
  @ApiOkResponse({ type: MessageDto })
  edit(
    @CurrentUser() caller: AuthenticatedUser,
    @Param('roomId', uuid) roomId: string,
    @Param('seq', seqPipe) seq: number,
    @Body() body: EditMessageDto,
  ): Promise<MessageDto> {
    return this.messages.edit(roomId, seq, caller.id, body.body);
  }

  @Delete(':seq')
  @HttpCode(204)
  @ApiNoContentResponse()
  async delete(@CurrentUser() caller: AuthenticatedUser, @Param('roomId', uuid) roomId: string, @Param('seq', seqPipe) seq: number): Promise<void> {
    await this.messages.delete(roomId, seq, caller.id);
  }
}
