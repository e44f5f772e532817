import { BadRequestException, Injectable, NotFoundException, UnprocessableEntityException, UnsupportedMediaTypeException } from '@nestjs/common';
import type { AuthenticatedUser } from '@wealist/auth-guard';
import { ServiceMetrics } from '@wealist/telemetry';
import type { Bar } from '@wealist/trading-sdk';
import type { Counter } from 'prom-client';
import { randomInt } from 'node:crypto';
import { WorkspaceAccess } from '../access/workspace-access.service';
import { BarsImporter, barsAsColumns, type ImportMode, type ImportOutcome } from './bars.importer';
import { BarsRepository } from './bars.repository';
import { parseBarsCsv } from './csv.parser';
import type { BarsPageDto, BarsQueryDto, ImportResultDto, LiveBarDto, LiveBarResultDto, SampleDto } from './dto/market-data.dto';
import { LiveBarPublisher } from './live-bars.channel';
import type { MarketFeedAdapter } from './market-feed.adapter';
import { barProblem, MAX_BAR_TIME, timeframeMs, type SeriesSummary, type Timeframe } from './market-data.types';
import { SampleFeedAdapter } from './sample-feed.adapter';
import { parseQueryTime } from './time.parser';

function toTime(value: number | string | undefined, field: string): number | undefined {
  if (value === undefined) return undefined;
  const time = typeof value === 'number' ? value : parseQueryTime(value);
  if (time === null || !Number.isSafeInteger(time)) throw new BadRequestException(`${field} must be epoch milliseconds or an ISO-8601 date`);
  return time;
}

/**
 * Market data of a workspace. Every member reads and adds series; overwriting or deleting stored
 * bars (mode=merge|replace, DELETE) and pushing live bars is for owners and admins, because other
 * members' backtests and live strategies depend on those bars.
 */
@Injectable()
export class MarketDataService {
  private readonly imported: Counter<'source'>;
  private readonly live: Counter;

  constructor(
    private readonly access: WorkspaceAccess,
    private readonly repo: BarsRepository,
    private readonly importer: BarsImporter,
    private readonly publisher: LiveBarPublisher,
    metrics: ServiceMetrics,
  ) {
    this.imported = metrics.counter('trading_market_bars_imported_total', 'Bars stored by imports, by source (csv, sample)', ['source']);
    this.live = metrics.counter('trading_live_bars_published_total', 'Live bars stored and published');
  }

  async list(ws: string, caller: AuthenticatedUser): Promise<SeriesSummary[]> {
    await this.access.member(ws, caller.id);
    return this.repo.listSeries(ws);
  }

  async series(ws: string, caller: AuthenticatedUser, symbol: string, tf: Timeframe): Promise<SeriesSummary> {
    await this.access.member(ws, caller.id);
    return this.existing(ws, symbol, tf);
  }

  async bars(ws: string, caller: AuthenticatedUser, symbol: string, tf: Timeframe, query: BarsQueryDto): Promise<BarsPageDto> {
    await this.access.member(ws, caller.id);
    const from = toTime(query.from, 'from');
    const to = toTime(query.to, 'to');
    if (from !== undefined && to !== undefined && from > to) {
      throw new BadRequestException(`from (${new Date(from).toISOString()}) is after to (${new Date(to).toISOString()})`);
    }
    const series = await this.existing(ws, symbol, tf);
    const limit = query.limit ?? 1_000;
    // One extra row tells whether there is a next page, and where it starts.
    const rows = await this.repo.range(ws, symbol, tf, from ?? series.first, to ?? series.last, limit + 1);
    const nextFrom = rows.length > limit ? rows[limit].time : null;
    return { symbol, timeframe: tf, bars: rows.slice(0, limit), nextFrom };
  }

  async importCsv(ws: string, caller: AuthenticatedUser, symbol: string, tf: Timeframe, body: unknown, mode: ImportMode = 'reject'): Promise<ImportResultDto> {
    this.requireMode(await this.access.member(ws, caller.id), mode);
    if (typeof body !== 'string') throw new UnsupportedMediaTypeException('Send the CSV as the request body with Content-Type text/csv');
    const parsed = parseBarsCsv(body, tf);
    if (!parsed.ok) throw new UnprocessableEntityException({ message: parsed.message, errors: parsed.errors });
    const outcome = await this.importer.import(ws, symbol, tf, single(parsed.bars), mode, 'CSV');
    return this.done(outcome, 'csv');
  }

  /** The built-in feed: a deterministic random walk, stored like any import. */
  async sample(ws: string, caller: AuthenticatedUser, dto: SampleDto, mode: ImportMode = 'reject'): Promise<ImportResultDto> {
    this.requireMode(await this.access.member(ws, caller.id), mode);
    const step = timeframeMs(dto.timeframe);
    const requested = toTime(dto.from, 'from');
    // Default: the series ends with the last completed bar, so it is "recent" data.
    const from = requested !== undefined ? Math.ceil(requested / step) * step : Math.max(0, Math.floor(Date.now() / step) * step - dto.bars * step);
    const to = from + (dto.bars - 1) * step;
    if (to > MAX_BAR_TIME) throw new BadRequestException(`${dto.bars} ${dto.timeframe} bars from ${new Date(from).toISOString()} would run past the year 9999`);
    const seed = dto.seed ?? randomInt(0, 2 ** 32 - 1);
    const adapter = new SampleFeedAdapter({ seed, startPrice: dto.startPrice ?? 100, volatility: dto.volatility ?? 0.3 });
    const outcome = await this.importFromFeed(ws, dto.symbol, dto.timeframe, adapter, from, to, mode);
    return { ...this.done(outcome, adapter.name), seed };
  }

  /** Any feed adapter's bars in [from, to], validated and stored all or nothing. */
  importFromFeed(ws: string, symbol: string, tf: Timeframe, adapter: MarketFeedAdapter, from: number, to: number, mode: ImportMode): Promise<ImportOutcome> {
    return this.importer.import(ws, symbol, tf, barsAsColumns(adapter.fetchBars(symbol, tf, from, to)), mode, `${adapter.name} feed`);
  }

  /** Stores one live bar (upsert: a forming bar is re-sent) and publishes it to live runners. */
  async pushLive(ws: string, caller: AuthenticatedUser, symbol: string, tf: Timeframe, dto: LiveBarDto): Promise<LiveBarResultDto> {
    WorkspaceAccess.requireManager(await this.access.member(ws, caller.id), 'push live bars');
    const bar: Bar = { time: toTime(dto.time, 'time') as number, open: dto.open, high: dto.high, low: dto.low, close: dto.close, volume: dto.volume ?? 0 };
    const problem = barProblem(bar, timeframeMs(tf));
    if (problem) throw new BadRequestException(`Invalid bar: ${problem}`);
    const created = await this.importer.upsertOne(ws, symbol, tf, bar);
    const receivers = await this.publisher.publish(symbol, tf, bar, ws);
    this.live.inc();
    return { symbol, timeframe: tf, bar, created, receivers };
  }

  async remove(ws: string, caller: AuthenticatedUser, symbol: string, tf: Timeframe): Promise<void> {
    WorkspaceAccess.requireManager(await this.access.member(ws, caller.id), 'delete market data');
    if (!(await this.repo.deleteSeries(ws, symbol, tf))) throw this.notFound(symbol, tf);
  }

  private async existing(ws: string, symbol: string, tf: Timeframe): Promise<SeriesSummary> {
    const series = await this.repo.findSeries(ws, symbol, tf);
    if (!series) throw this.notFound(symbol, tf);
    return series;
  }

  private notFound(symbol: string, tf: Timeframe): NotFoundException {
    return new NotFoundException(`No ${tf} market data for symbol ${symbol} in this workspace`);
  }

  private requireMode(member: Awaited<ReturnType<WorkspaceAccess['member']>>, mode: ImportMode): void {
    if (mode !== 'reject') WorkspaceAccess.requireManager(member, `import with mode=${mode} (it overwrites stored bars)`);
  }

  private done(outcome: ImportOutcome, source: string): ImportResultDto {
    this.imported.inc({ source }, outcome.inserted + outcome.updated);
    return { ...outcome, source };
  }
}

async function* single<T>(value: T): AsyncIterable<T> {
  yield value;
}
