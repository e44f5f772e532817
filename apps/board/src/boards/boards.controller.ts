import { Body, Controller, Get, Header, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthenticatedUser } from '@wealist/auth-guard';
import { ActivityDto, ActivityPageDto } from '../activity/dto/activity.dto';
import { DEFAULT_PAGE_SIZE, PageQueryDto } from '../common/api.dto';
import { uuid } from '../common/params';
import { BoardsService } from './boards.service';
import { BoardDto, BoardViewDto, CreateBoardDto, ListBoardsQueryDto, UpdateBoardDto } from './dto/board.dto';

@ApiTags('boards')
@Controller('api/boards')
export class BoardsController {
  constructor(private readonly boards: BoardsService) {}

  @Post()
  @ApiCreatedResponse({ type: BoardDto, description: 'Owners and admins only; columns default to To Do, In Progress, Done' })
  async create(@CurrentUser() caller: AuthenticatedUser, @Body() body: CreateBoardDto): Promise<BoardDto> {
    return BoardDto.from(await this.boards.create(caller, body));
  }

  @Get()
  @ApiOkResponse({ type: [BoardDto], description: 'Boards of a project, oldest first' })
  async list(@CurrentUser() caller: AuthenticatedUser, @Query() query: ListBoardsQueryDto): Promise<BoardDto[]> {
    return (await this.boards.list(caller, query.projectId, query.includeArchived ?? false)).map(BoardDto.from);
  }

  /** Served from the Redis cache; every write to the board invalidates it. */
  @Get(':boardId')
  @Header('content-type', 'application/json; charset=utf-8')
  @ApiOkResponse({ type: BoardViewDto, description: 'The board with its columns and their tasks, in order' })
  view(@CurrentUser() caller: AuthenticatedUser, @Param('boardId', uuid) id: string): Promise<string> {
    return this.boards.view(caller, id);
  }

  @Patch(':boardId')
  @ApiOkResponse({ type: BoardDto })
  async update(@CurrentUser() caller: AuthenticatedUser, @Param('boardId', uuid) id: string, @Body() body: UpdateBoardDto): Promise<BoardDto> {
    return BoardDto.from(await this.boards.update(caller, id, body));
  }

  @Post(':boardId/archive')
  @HttpCode(200)
  @ApiOkResponse({ type: BoardDto, description: 'Read-only from now on; idempotent' })
  async archive(@CurrentUser() caller: AuthenticatedUser, @Param('boardId', uuid) id: string): Promise<BoardDto> {
    return BoardDto.from(await this.boards.archive(caller, id));
  }

  @Post(':boardId/restore')
  @HttpCode(200)
  @ApiOkResponse({ type: BoardDto })
  async restore(@CurrentUser() caller: AuthenticatedUser, @Param('boardId', uuid) id: string): Promise<BoardDto> {
    return BoardDto.from(await this.boards.restore(caller, id));
  }

  @Get(':boardId/activity')
  @ApiOkResponse({ type: ActivityPageDto, description: 'Everything that happened on the board, newest first' })
  async activity(@CurrentUser() caller: AuthenticatedUser, @Param('boardId', uuid) id: string, @Query() query: PageQueryDto): Promise<ActivityPageDto> {
    const result = await this.boards.history(caller, id, query.cursor, query.limit ?? DEFAULT_PAGE_SIZE);
    return { items: result.items.map(ActivityDto.from), nextCursor: result.nextCursor };
  }
}
