import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthenticatedUser } from '@wealist/auth-guard';
import { ActivityDto, ActivityPageDto } from '../activity/dto/activity.dto';
import { DEFAULT_PAGE_SIZE, PageQueryDto } from '../common/api.dto';
import { uuid } from '../common/params';
import { CreateTaskDto, MoveTaskDto, TaskDto, TaskPageDto, UpdateTaskDto } from './dto/task.dto';
import { ListTasksQueryDto, SearchTasksQueryDto } from './dto/task-query.dto';
import { TaskMovesService } from './task-moves.service';
import { TaskQueriesService } from './task-queries.service';
import { TasksService } from './tasks.service';

@ApiTags('tasks')
@Controller('api/boards')
export class TasksController {
  constructor(
    private readonly tasks: TasksService,
    private readonly moves: TaskMovesService,
    private readonly queries: TaskQueriesService,
  ) {}

  @Post(':boardId/tasks')
  @ApiCreatedResponse({ type: TaskDto, description: 'Publishes task.created (and task.assigned when assigned)' })
  async create(@CurrentUser() caller: AuthenticatedUser, @Param('boardId', uuid) boardId: string, @Body() body: CreateTaskDto): Promise<TaskDto> {
    return TaskDto.from(await this.tasks.create(caller, boardId, body));
  }

  @Get(':boardId/tasks')
  @ApiOkResponse({ type: TaskPageDto, description: 'Filtered, newest first, cursor-paginated' })
  async list(@CurrentUser() caller: AuthenticatedUser, @Param('boardId', uuid) boardId: string, @Query() query: ListTasksQueryDto): Promise<TaskPageDto> {
    const result = await this.queries.list(caller, boardId, query, query.limit ?? DEFAULT_PAGE_SIZE);
    return { items: result.items.map(TaskDto.from), nextCursor: result.nextCursor };
  }

  @Get('tasks/search')
  @ApiOkResponse({ type: [TaskDto], description: 'Title search across the workspace (active boards), best matches first' })
  async search(@CurrentUser() caller: AuthenticatedUser, @Query() query: SearchTasksQueryDto): Promise<TaskDto[]> {
    return (await this.queries.search(caller, query.workspaceId, query.q, query.limit ?? 20)).map(TaskDto.from);
  }

  @Get('tasks/:taskId')
  @ApiOkResponse({ type: TaskDto })
  async get(@CurrentUser() caller: AuthenticatedUser, @Param('taskId', uuid) id: string): Promise<TaskDto> {
    return TaskDto.from(await this.tasks.get(caller, id));
  }

  @Patch('tasks/:taskId')
  @ApiOkResponse({ type: TaskDto, description: 'Publishes task.assigned when the assignee changes' })
  async update(@CurrentUser() caller: AuthenticatedUser, @Param('taskId', uuid) id: string, @Body() body: UpdateTaskDto): Promise<TaskDto> {
    return TaskDto.from(await this.tasks.update(caller, id, body));
  }

  @Delete('tasks/:taskId')
  @HttpCode(204)
  @ApiNoContentResponse({ description: "The task's creator or workspace owners and admins" })
  async delete(@CurrentUser() caller: AuthenticatedUser, @Param('taskId', uuid) id: string): Promise<void> {
    await this.tasks.delete(caller, id);
  }

  @Post('tasks/:taskId/move')
  @HttpCode(200)
  @ApiOkResponse({ type: TaskDto, description: 'Within or across columns; publishes task.moved' })
  async move(@CurrentUser() caller: AuthenticatedUser, @Param('taskId', uuid) id: string, @Body() body: MoveTaskDto): Promise<TaskDto> {
    return TaskDto.from(await this.moves.move(caller, id, body));
  }

  @Get('tasks/:taskId/activity')
  @ApiOkResponse({ type: ActivityPageDto, description: 'Who changed what and when, newest first' })
  async activity(@CurrentUser() caller: AuthenticatedUser, @Param('taskId', uuid) id: string, @Query() query: PageQueryDto): Promise<ActivityPageDto> {
    const result = await this.queries.history(caller, id, query.cursor, query.limit ?? DEFAULT_PAGE_SIZE);
    return { items: result.items.map(ActivityDto.from), nextCursor: result.nextCursor };
  }
}
