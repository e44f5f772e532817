import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthenticatedUser } from '@wealist/auth-guard';
import { uuid } from '../common/params';
import { ColumnsService } from './columns.service';
import { ColumnDto, CreateColumnDto, ListColumnsQueryDto, UpdateColumnDto } from './dto/column.dto';

@ApiTags('columns')
@Controller('api/boards')
export class ColumnsController {
  constructor(private readonly columns: ColumnsService) {}

  @Post(':boardId/columns')
  @ApiCreatedResponse({ type: ColumnDto, description: 'Owners and admins only' })
  async create(@CurrentUser() caller: AuthenticatedUser, @Param('boardId', uuid) boardId: string, @Body() body: CreateColumnDto): Promise<ColumnDto> {
    return ColumnDto.from(await this.columns.create(caller, boardId, body));
  }

  @Get(':boardId/columns')
  @ApiOkResponse({ type: [ColumnDto], description: 'Active columns in order (then archived ones when asked)' })
  async list(@CurrentUser() caller: AuthenticatedUser, @Param('boardId', uuid) boardId: string, @Query() query: ListColumnsQueryDto): Promise<ColumnDto[]> {
    return (await this.columns.list(caller, boardId, query.includeArchived ?? false)).map(ColumnDto.from);
  }

  @Get('columns/:columnId')
  @ApiOkResponse({ type: ColumnDto })
  async get(@CurrentUser() caller: AuthenticatedUser, @Param('columnId', uuid) id: string): Promise<ColumnDto> {
    return ColumnDto.from(await this.columns.get(caller, id));
  }

  @Patch('columns/:columnId')
  @ApiOkResponse({ type: ColumnDto, description: 'Rename and/or move the column' })
  async update(@CurrentUser() caller: AuthenticatedUser, @Param('columnId', uuid) id: string, @Body() body: UpdateColumnDto): Promise<ColumnDto> {
    return ColumnDto.from(await this.columns.update(caller, id, body));
  }

  @Post('columns/:columnId/archive')
  @HttpCode(200)
  @ApiOkResponse({ type: ColumnDto, description: 'Only an empty column can be archived (409 otherwise)' })
  async archive(@CurrentUser() caller: AuthenticatedUser, @Param('columnId', uuid) id: string): Promise<ColumnDto> {
    return ColumnDto.from(await this.columns.archive(caller, id));
  }

  @Post('columns/:columnId/restore')
  @HttpCode(200)
  @ApiOkResponse({ type: ColumnDto, description: 'Comes back as the last column' })
  async restore(@CurrentUser() caller: AuthenticatedUser, @Param('columnId', uuid) id: string): Promise<ColumnDto> {
    return ColumnDto.from(await this.columns.restore(caller, id));
  }
}
