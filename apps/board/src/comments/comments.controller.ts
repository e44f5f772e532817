import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthenticatedUser } from '@wealist/auth-guard';
import { DEFAULT_PAGE_SIZE, PageQueryDto } from '../common/api.dto';
import { uuid } from '../common/params';
import { CommentsService } from './comments.service';
import { CommentDto, CommentPageDto, CreateCommentDto, UpdateCommentDto } from './dto/comment.dto';

@ApiTags('comments')
@Controller('api/boards')
export class CommentsController {
  constructor(private readonly comments: CommentsService) {}

  @Post('tasks/:taskId/comments')
  @ApiCreatedResponse({ type: CommentDto, description: 'Publishes task.commented' })
  async create(@CurrentUser() caller: AuthenticatedUser, @Param('taskId', uuid) taskId: string, @Body() body: CreateCommentDto): Promise<CommentDto> {
    return CommentDto.from(await this.comments.create(caller, taskId, body.body));
  }

  @Get('tasks/:taskId/comments')
  @ApiOkResponse({ type: CommentPageDto, description: 'Oldest first, cursor-paginated' })
  async list(@CurrentUser() caller: AuthenticatedUser, @Param('taskId', uuid) taskId: string, @Query() query: PageQueryDto): Promise<CommentPageDto> {
    const result = await this.comments.list(caller, taskId, query.cursor, query.limit ?? DEFAULT_PAGE_SIZE);
    return { items: result.items.map(CommentDto.from), nextCursor: result.nextCursor };
  }

  @Patch('comments/:commentId')
  @ApiOkResponse({ type: CommentDto, description: 'The author only' })
  async update(@CurrentUser() caller: AuthenticatedUser, @Param('commentId', uuid) id: string, @Body() body: UpdateCommentDto): Promise<CommentDto> {
    return CommentDto.from(await this.comments.update(caller, id, body.body, body.version));
  }

  @Delete('comments/:commentId')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The author, or workspace owners and admins' })
  async delete(@CurrentUser() caller: AuthenticatedUser, @Param('commentId', uuid) id: string): Promise<void> {
    await this.comments.delete(caller, id);
  }
}
