import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthenticatedUser } from '@wealist/auth-guard';
import { BacktestsService } from './backtests.service';
import { BacktestDto, CreateBacktestDto } from './dto/backtest.dto';

const uuid = new ParseUUIDPipe({ version: '4' });

@ApiTags('backtests')
@Controller('api/trading/workspaces/:workspaceId/backtests')
export class BacktestsController {
  constructor(private readonly backtests: BacktestsService) {}

  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({ type: BacktestDto, description: 'queued; poll GET /backtests/:id for status, progress and the result' })
  create(@CurrentUser() caller: AuthenticatedUser, @Param('workspaceId', uuid) ws: string, @Body() dto: CreateBacktestDto): Promise<BacktestDto> {
    return this.backtests.create(ws, caller, dto);
  }

  @Get()
  @ApiQuery({ name: 'strategyId', required: false })
  @ApiOkResponse({ type: [BacktestDto] })
  list(@CurrentUser() caller: AuthenticatedUser, @Param('workspaceId', uuid) ws: string, @Query('strategyId', new ParseUUIDPipe({ version: '4', optional: true })) strategyId?: string): Promise<BacktestDto[]> {
    return this.backtests.list(ws, caller, strategyId);
  }

  @Get(':id')
  @ApiOkResponse({ type: BacktestDto, description: 'with `result` (equity and drawdown curves, trades, fills, signals, open positions) once succeeded' })
  get(@CurrentUser() caller: AuthenticatedUser, @Param('workspaceId', uuid) ws: string, @Param('id', uuid) id: string): Promise<BacktestDto> {
    return this.backtests.get(ws, id, caller);
  }

  @Post(':id/cancel')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({ type: BacktestDto, description: 'a queued job is cancelled at once, a running one within a moment' })
  cancel(@CurrentUser() caller: AuthenticatedUser, @Param('workspaceId', uuid) ws: string, @Param('id', uuid) id: string): Promise<BacktestDto> {
    return this.backtests.cancel(ws, id, caller);
  }
}
