import { BadRequestException, Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, type PipeTransform } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthenticatedUser } from '@wealist/auth-guard';
import {
  BarsPageDto,
  BarsQueryDto,
  ImportQueryDto,
  ImportResultDto,
  LiveBarDto,
  LiveBarResultDto,
  SampleDto,
  SeriesDto,
} from './dto/market-data.dto';
import { MarketDataService } from './market-data.service';
import { isTimeframe, normalizeSymbol, TIMEFRAMES, type SeriesSummary, type Timeframe } from './market-data.types';

const uuid = new ParseUUIDPipe({ version: '4' });

/** `:symbol` → trimmed, upper-cased symbol (`brk.b` → `BRK.B`); 400 naming it when invalid. */
const symbolPipe: PipeTransform<string, string> = {
  transform(value: string): string {
    const symbol = normalizeSymbol(value);
    if (!symbol) throw new BadRequestException(`symbol "${value.slice(0, 40)}" is invalid: 1-32 characters of A-Z, 0-9 and . - _ / starting with a letter or digit`);
    return symbol;
  },
};

const timeframePipe: PipeTransform<string, Timeframe> = {
  transform(value: string): Timeframe {
    if (!isTimeframe(value)) throw new BadRequestException(`timeframe "${value.slice(0, 10)}" is not one of ${TIMEFRAMES.join(', ')}`);
    return value;
  },
};

@ApiTags('market-data')
@Controller('api/trading/workspaces/:workspaceId/market-data')
export class MarketDataController {
  constructor(private readonly marketData: MarketDataService) {}

  @Get()
  @ApiOkResponse({ type: [SeriesDto] })
  list(@CurrentUser() caller: AuthenticatedUser, @Param('workspaceId', uuid) ws: string): Promise<SeriesSummary[]> {
    return this.marketData.list(ws, caller);
  }

  @Post('sample')
  @ApiCreatedResponse({ type: ImportResultDto, description: 'a deterministic random-walk series (same seed → same bars), ready to backtest' })
  sample(@CurrentUser() caller: AuthenticatedUser, @Param('workspaceId', uuid) ws: string, @Body() body: SampleDto, @Query() query: ImportQueryDto): Promise<ImportResultDto> {
    return this.marketData.sample(ws, caller, body, query.mode);
  }

  @Get(':symbol/:timeframe')
  @ApiOkResponse({ type: SeriesDto })
  series(
    @CurrentUser() caller: AuthenticatedUser,
    @Param('workspaceId', uuid) ws: string,
    @Param('symbol', symbolPipe) symbol: string,
    @Param('timeframe', timeframePipe) tf: Timeframe,
  ): Promise<SeriesSummary> {
    return this.marketData.series(ws, caller, symbol, tf);
  }

  @Post(':symbol/:timeframe/import')
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', example: 'time,open,high,low,close,volume\n2024-01-02T00:00:00Z,100,101,99.5,100.5,1200' } })
  @ApiCreatedResponse({ type: ImportResultDto, description: '422 names every bad row by line; nothing is stored unless every row is valid' })
  importCsv(
    @CurrentUser() caller: AuthenticatedUser,
    @Param('workspaceId', uuid) ws: string,
    @Param('symbol', symbolPipe) symbol: string,
    @Param('timeframe', timeframePipe) tf: Timeframe,
    @Query() query: ImportQueryDto,
    @Body() body: unknown,
  ): Promise<ImportResultDto> {
    return this.marketData.importCsv(ws, caller, symbol, tf, body, query.mode);
  }

  @Get(':symbol/:timeframe/bars')
  @ApiOkResponse({ type: BarsPageDto })
  bars(
    @CurrentUser() caller: AuthenticatedUser,
    @Param('workspaceId', uuid) ws: string,
    @Param('symbol', symbolPipe) symbol: string,
    @Param('timeframe', timeframePipe) tf: Timeframe,
    @Query() query: BarsQueryDto,
  ): Promise<BarsPageDto> {
    return this.marketData.bars(ws, caller, symbol, tf, query);
  }

  @Post(':symbol/:timeframe/live')
  @ApiCreatedResponse({ type: LiveBarResultDto, description: 'owners and admins; stores (upsert) and publishes one live bar' })
  live(
    @CurrentUser() caller: AuthenticatedUser,
    @Param('workspaceId', uuid) ws: string,
    @Param('symbol', symbolPipe) symbol: string,
    @Param('timeframe', timeframePipe) tf: Timeframe,
    @Body() body: LiveBarDto,
  ): Promise<LiveBarResultDto> {
    return this.marketData.pushLive(ws, caller, symbol, tf, body);
  }

  @Delete(':symbol/:timeframe')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'owners and admins; removes the series and its bars' })
  remove(
    @CurrentUser() caller: AuthenticatedUser,
    @Param('workspaceId', uuid) ws: string,
    @Param('symbol', symbolPipe) symbol: string,
    @Param('timeframe', timeframePipe) tf: Timeframe,
  ): Promise<void> {
    return this.marketData.remove(ws, caller, symbol, tf);
  }
}
