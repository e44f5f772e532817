import { Body, Controller, Get, Param, ParseBoolPipe, ParseIntPipe, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthenticatedUser } from '@wealist/auth-guard';
import { CreateStrategyDto, SaveVersionDto, StrategyDto, StrategyVersionDto } from './dto/strategy.dto';
import { StrategiesService } from './strategies.service';

const uuid = new ParseUUIDPipe({ version: '4' });

@ApiTags('strategies')
@Controller('api/trading/workspaces/:workspaceId/strategies')
export class StrategiesController {
  constructor(private readonly strategies: StrategiesService) {}

  @Post()
  @ApiCreatedResponse({ type: StrategyDto, description: 'the strategy and its version 1; 422 with line and column when the code does not compile or load' })
  create(@CurrentUser() caller: AuthenticatedUser, @Param('workspaceId', uuid) ws: string, @Body() dto: CreateStrategyDto): Promise<StrategyDto> {
    return this.strategies.create(ws, caller, dto);
  }

  @Get()
  @ApiQuery({ name: 'archived', required: false, type: Boolean })
  @ApiOkResponse({ type: [StrategyDto] })
  list(
    @CurrentUser() caller: AuthenticatedUser,
    @Param('workspaceId', uuid) ws: string,
    @Query('archived', new ParseBoolPipe({ optional: true })) archived?: boolean,
  ): Promise<StrategyDto[]> {
    return this.strategies.list(ws, caller, archived ?? false);
  }

  @Get(':id')
  @ApiOkResponse({ type: StrategyDto })
  get(@CurrentUser() caller: AuthenticatedUser, @Param('workspaceId', uuid) ws: string, @Param('id', uuid) id: string): Promise<StrategyDto> {
    return this.strategies.get(ws, id, caller);
  }

  @Post(':id/versions')
  @ApiCreatedResponse({ type: StrategyVersionDto, description: 'a new immutable version (language and params schema default to the previous version)' })
  save(@CurrentUser() caller: AuthenticatedUser, @Param('workspaceId', uuid) ws: string, @Param('id', uuid) id: string, @Body() dto: SaveVersionDto): Promise<StrategyVersionDto> {
    return this.strategies.saveVersion(ws, id, caller, dto);
  }

  @Get(':id/versions')
  @ApiOkResponse({ type: [StrategyVersionDto] })
  versions(@CurrentUser() caller: AuthenticatedUser, @Param('workspaceId', uuid) ws: string, @Param('id', uuid) id: string): Promise<StrategyVersionDto[]> {
    return this.strategies.listVersions(ws, id, caller);
  }

  @Get(':id/versions/:version')
  @ApiOkResponse({ type: StrategyVersionDto })
  version(
    @CurrentUser() caller: AuthenticatedUser,
    @Param('workspaceId', uuid) ws: string,
    @Param('id', uuid) id: string,
    @Param('version', ParseIntPipe) version: number,
  ): Promise<StrategyVersionDto> {
    return this.strategies.getVersion(ws, id, version, caller);
  }

  @Post(':id/archive')
  @ApiCreatedResponse({ type: StrategyDto })
  archive(@CurrentUser() caller: AuthenticatedUser, @Param('workspaceId', uuid) ws: string, @Param('id', uuid) id: string): Promise<StrategyDto> {
    return this.strategies.setArchived(ws, id, caller, true);
  }

  @Post(':id/unarchive')
  @ApiCreatedResponse({ type: StrategyDto })
  unarchive(@CurrentUser() caller: AuthenticatedUser, @Param('workspaceId', uuid) ws: string, @Param('id', uuid) id: string): Promise<StrategyDto> {
    return this.strategies.setArchived(ws, id, caller, false);
  }
}
