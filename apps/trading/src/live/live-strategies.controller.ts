import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthenticatedUser } from '@wealist/auth-guard';
import { ActivateLiveStrategyDto, KillSwitchResultDto, ListSignalsQuery, LiveSignalPageDto, LiveStrategyDto } from './dto/live-strategy.dto';
import { LiveStrategiesService } from './live-strategies.service';

const uuid = new ParseUUIDPipe({ version: '4' });

@ApiTags('live strategies')
@Controller('api/trading/workspaces/:workspaceId/live-strategies')
export class LiveStrategiesController {
  constructor(private readonly live: LiveStrategiesService) {}

  @Post()
  @ApiCreatedResponse({ type: LiveStrategyDto, description: 'status "failed" with the error when the code does not start' })
  activate(@CurrentUser() caller: AuthenticatedUser, @Param('workspaceId', uuid) ws: string, @Body() body: ActivateLiveStrategyDto): Promise<LiveStrategyDto> {
    return this.live.activate(ws, caller, body);
  }

  @Get()
  @ApiOkResponse({ type: [LiveStrategyDto] })
  list(@CurrentUser() caller: AuthenticatedUser, @Param('workspaceId', uuid) ws: string): Promise<LiveStrategyDto[]> {
    return this.live.list(ws, caller);
  }

  @Post('kill-switch')
  @HttpCode(200)
  @ApiOkResponse({ type: KillSwitchResultDto, description: 'owners and admins: stops every active live strategy of the workspace' })
  killSwitch(@CurrentUser() caller: AuthenticatedUser, @Param('workspaceId', uuid) ws: string): Promise<KillSwitchResultDto> {
    return this.live.killSwitch(ws, caller);
  }

  @Get(':liveStrategyId')
  @ApiOkResponse({ type: LiveStrategyDto })
  get(@CurrentUser() caller: AuthenticatedUser, @Param('workspaceId', uuid) ws: string, @Param('liveStrategyId', uuid) id: string): Promise<LiveStrategyDto> {
    return this.live.get(ws, caller, id);
  }

  @Post(':liveStrategyId/stop')
  @HttpCode(200)
  @ApiOkResponse({ type: LiveStrategyDto })
  stop(@CurrentUser() caller: AuthenticatedUser, @Param('workspaceId', uuid) ws: string, @Param('liveStrategyId', uuid) id: string): Promise<LiveStrategyDto> {
    return this.live.stop(ws, caller, id);
  }

  @Get(':liveStrategyId/signals')
  @ApiOkResponse({ type: LiveSignalPageDto })
  signals(
    @CurrentUser() caller: AuthenticatedUser,
    @Param('workspaceId', uuid) ws: string,
    @Param('liveStrategyId', uuid) id: string,
    @Query() query: ListSignalsQuery,
  ): Promise<LiveSignalPageDto> {
    return this.live.listSignals(ws, caller, id, query);
  }
}
