import { BadRequestException, HttpException, HttpStatus, Inject, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import type { AuthenticatedUser } from '@wealist/auth-guard';
import { SERVICE_CONFIG } from '@wealist/config';
import { WorkspaceAccess } from '../access/workspace-access.service';
import { BarsRepository } from '../market-data/bars.repository';
import { normalizeSymbol } from '../market-data/market-data.types';
import { parseQueryTime } from '../market-data/time.parser';
import { resolveParams } from '../strategies/params-schema';
import { StrategyVersionsRepository } from '../strategies/strategy-versions.repository';
import type { TradingConfig } from '../trading.config';
import { BacktestWorker } from './backtest.worker';
import { BacktestsRepository, type BacktestRow } from './backtests.repository';
import type { BacktestDto, CreateBacktestDto } from './dto/backtest.dto';
import { queueLimit } from './plan-limits';

@Injectable()
export class BacktestsService {
  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: TradingConfig,
    private readonly access: WorkspaceAccess,
    private readonly backtests: BacktestsRepository,
    private readonly versions: StrategyVersionsRepository,
    private readonly bars: BarsRepository,
    private readonly worker: BacktestWorker,
  ) {}

  /** Validates everything a run needs up front, then queues it: 202 and the job to poll. */
  async create(workspaceId: string, caller: AuthenticatedUser, dto: CreateBacktestDto): Promise<BacktestDto> {
    await this.access.member(workspaceId, caller.id);
    const from = time('from', dto.from);
    const to = time('to', dto.to);
    if (from > to) throw new BadRequestException(`from (${new Date(from).toISOString()}) is after to (${new Date(to).toISOString()})`);
    const symbols = dto.symbols.map((s) => {
      const symbol = normalizeSymbol(s);
      if (!symbol) throw new BadRequestException(`symbol "${String(s).slice(0, 40)}" is invalid`);
      return symbol;
    });
    const version = await this.versions.findInWorkspace(workspaceId, dto.strategyVersionId);
    if (!version) throw new NotFoundException('Strategy version not found');
    if (version.archived) throw new UnprocessableEntityException('The strategy is archived: unarchive it to run backtests');
    const params = resolveParams(version.paramsSchema, dto.params ?? {});
    const missing = await this.bars.missingSymbols(workspaceId, symbols, dto.timeframe);
    if (missing.length > 0) {
      throw new UnprocessableEntityException(`Unknown symbol${missing.length > 1 ? 's' : ''} ${missing.join(', ')}: no ${dto.timeframe} bars in this workspace (import a CSV or generate sample data)`);
    }
    const total = await this.bars.count(workspaceId, symbols, dto.timeframe, from, to);
    if (total === 0) throw new UnprocessableEntityException(`No ${dto.timeframe} bars of ${symbols.join(', ')} between from and to`);
    if (total > this.config.BACKTEST_MAX_BARS) throw new UnprocessableEntityException(`The range holds ${total} bars, more than the ${this.config.BACKTEST_MAX_BARS} one backtest may read`);
    const limit = queueLimit(this.config, caller.planTier);
    if ((await this.backtests.activeCount(workspaceId)) >= limit) {
      throw Object.assign(new HttpException(`The workspace already has ${limit} backtests queued or running (the ${caller.planTier} plan's limit)`, HttpStatus.TOO_MANY_REQUESTS), {
        headers: { 'Retry-After': '10' },
      });
    }
    const row = await this.backtests.insert({
      workspace_id: workspaceId,
      strategy_id: version.strategyId,
      strategy_version_id: version.id,
      created_by: caller.id,
      plan_tier: caller.planTier,
      symbols,
      timeframe: dto.timeframe,
      from_ms: from,
      to_ms: to,
      capital: dto.capital,
      commission: { ...dto.commission },
      slippage: { ...dto.slippage },
      params,
      bars_total: total,
    });
    this.worker.poke();
    return toDto(row);
  }

  async get(workspaceId: string, id: string, caller: AuthenticatedUser): Promise<BacktestDto & { result?: unknown }> {
    await this.access.member(workspaceId, caller.id);
    const row = await this.backtests.find(workspaceId, id, true);
    if (!row) throw new NotFoundException('Backtest not found');
    return { ...toDto(row), result: row.result ?? null };
  }

  async list(workspaceId: string, caller: AuthenticatedUser, strategyId: string | undefined): Promise<BacktestDto[]> {
    await this.access.member(workspaceId, caller.id);
    return (await this.backtests.list(workspaceId, strategyId, 200)).map(toDto);
  }

  async cancel(workspaceId: string, id: string, caller: AuthenticatedUser): Promise<BacktestDto> {
    await this.access.member(workspaceId, caller.id);
    const existing = await this.backtests.find(workspaceId, id);
    if (!existing) throw new NotFoundException('Backtest not found');
    if (existing.status !== 'queued' && existing.status !== 'running') return toDto(existing); // already over: nothing to stop
    return toDto((await this.backtests.requestCancel(workspaceId, id)) as BacktestRow);
  }
}

function time(name: string, value: unknown): number {
  const t = typeof value === 'number' ? (Number.isSafeInteger(value) && value >= 0 ? value : null) : typeof value === 'string' ? parseQueryTime(value) : null;
  if (t === null) throw new BadRequestException(`${name} must be epoch milliseconds or an ISO-8601 date`);
  return t;
}

function toDto(r: BacktestRow): BacktestDto {
  return {
    id: r.id,
    workspaceId: r.workspace_id,
    strategyId: r.strategy_id,
    strategyVersionId: r.strategy_version_id,
    createdBy: r.created_by,
    status: r.status,
    progress: r.status === 'succeeded' ? 1 : r.bars_total > 0 ? Math.min(1, r.bars_done / r.bars_total) : 0,
    barsTotal: r.bars_total,
    barsDone: r.bars_done,
    cpuMs: Math.round(r.cpu_ms),
    symbols: r.symbols,
    timeframe: r.timeframe,
    from: new Date(Number(r.from_ms)).toISOString(),
    to: new Date(Number(r.to_ms)).toISOString(),
    capital: r.capital,
    commission: r.commission,
    slippage: r.slippage,
    params: r.params,
    error: r.error,
    metrics: r.metrics,
    createdAt: r.created_at.toISOString(),
    startedAt: r.started_at?.toISOString() ?? null,
    finishedAt: r.finished_at?.toISOString() ?? null,
  };
}
