import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { SERVICE_CONFIG } from '@wealist/config';
import { ServiceMetrics } from '@wealist/telemetry';
import { randomUUID } from 'node:crypto';
import { BarsRepository } from '../market-data/bars.repository';
import { ROW_WIDTH } from '../sandbox/sandboxed-backtest';
import { StrategyError } from '../sandbox/sandbox.types';
import { StrategySandbox } from '../sandbox/strategy-sandbox';
import { StrategyVersionsRepository } from '../strategies/strategy-versions.repository';
import type { TradingConfig } from '../trading.config';
import { BacktestsRepository, type BacktestRow } from './backtests.repository';
import { cpuBudgetMs } from './plan-limits';

/** Progress is written (and cancellation read) at most this often per job. */
const PROGRESS_EVERY_MS = 250;

/**
 * Runs queued backtests, up to BACKTEST_CONCURRENCY at once per instance. Each run has its own
 * isolate on its own thread, so a slow job occupies one slot and never the event loop; jobs of
 * workspaces with fewer running jobs are claimed first.
 */
@Injectable()
export class BacktestWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('BacktestWorker');
  private readonly id = `worker-${randomUUID()}`;
  private readonly running = new Map<string, AbortController>();
  private timer: NodeJS.Timeout | undefined;
  private claiming = false;
  private stopping = false;
  private readonly runs;

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: TradingConfig,
    private readonly backtests: BacktestsRepository,
    private readonly versions: StrategyVersionsRepository,
    private readonly bars: BarsRepository,
    private readonly sandbox: StrategySandbox,
    metrics: ServiceMetrics,
  ) {
    this.runs = metrics.counter('trading_backtests_total', 'Backtests finished by this instance, by outcome', ['status']);
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.poke(), this.config.BACKTEST_POLL_MS);
    this.timer.unref();
    this.poke();
  }

  /** Looks for work now (after an enqueue on this instance) instead of at the next poll. */
  poke(): void {
    if (this.claiming || this.stopping) return;
    this.claiming = true;
    void this.fill()
      .catch((err: unknown) => this.logger.error(`claiming backtests failed: ${String(err)}`))
      .finally(() => (this.claiming = false));
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    // Long runs are not waited for: they are stopped and put back in the queue for another instance.
    for (const controller of this.running.values()) controller.abort('shutdown');
    const deadline = Date.now() + 5_000;
    while (this.running.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  }

  private async fill(): Promise<void> {
    await this.backtests.failExhausted();
    while (!this.stopping && this.running.size < this.config.BACKTEST_CONCURRENCY) {
      const job = await this.backtests.claim(this.id);
      if (!job) return;
      const controller = new AbortController();
      this.running.set(job.id, controller);
      void this.run(job, controller).finally(() => {
        this.running.delete(job.id);
        this.poke();
      });
    }
  }

  private async run(job: BacktestRow, controller: AbortController): Promise<void> {
    let barsDone = 0;
    let cpuMs = 0;
    try {
      const version = await this.versions.findInWorkspace(job.workspace_id, job.strategy_version_id);
      if (!version) throw new StrategyError('runtime', 'the strategy version no longer exists');
      let lastWrite = 0;
      const outcome = await this.sandbox.backtest(
        version.compiled,
        {
          symbols: job.symbols,
          capital: job.capital,
          params: job.params as Record<string, number | string | boolean>,
          commission: job.commission,
          slippage: job.slippage,
          periodsPerYear: 'observed',
          expectedBars: job.bars_total,
        },
        this.batches(job),
        {
          cpuBudgetMs: cpuBudgetMs(this.config, job.plan_tier),
          signal: controller.signal,
          onProgress: async (bars, cpu) => {
            barsDone = bars;
            cpuMs = cpu;
            if (Date.now() - lastWrite < PROGRESS_EVERY_MS) return;
            lastWrite = Date.now();
            const state = await this.backtests.progress(job.id, this.id, bars, cpu);
            if (state.cancel || state.lost) controller.abort(state.cancel ? 'cancelled' : 'lost');
          },
        },
      );
      const { metrics, ...rest } = outcome.result;
      await this.backtests.finish(job.id, this.id, { status: 'succeeded', barsDone: outcome.result.totals.bars, cpuMs: outcome.cpuMs, metrics, result: rest });
      this.runs.inc({ status: 'succeeded' });
    } catch (err) {
      if (controller.signal.reason === 'shutdown') {
        await this.backtests.release(job.id, this.id);
        return;
      }
      const failure = err instanceof StrategyError ? err : null;
      if (!failure) this.logger.error(`backtest ${job.id} failed: ${err instanceof Error ? err.message : String(err)}`);
      const status = failure?.kind === 'cancelled' ? 'cancelled' : 'failed';
      const error = failure ? failure.toJSON() : { kind: 'internal', message: 'the backtest failed on our side; it can be started again' };
      await this.backtests.finish(job.id, this.id, { status, barsDone, cpuMs, error });
      this.runs.inc({ status });
    }
  }

  /** Bars from PostgreSQL in batches, laid out as the rows the isolate reads (symbol index first). */
  private async *batches(job: BacktestRow): AsyncGenerator<Float64Array> {
    const index = new Map(job.symbols.map((s, i) => [s, i]));
    for await (const rows of this.bars.streamMerged(job.workspace_id, job.symbols, job.timeframe, Number(job.from_ms), Number(job.to_ms), this.config.SANDBOX_BATCH_BARS)) {
      const out = new Float64Array(rows.length * ROW_WIDTH);
      rows.forEach((r, i) => out.set([index.get(r.symbol) as number, r.time, r.open, r.high, r.low, r.close, r.volume], i * ROW_WIDTH));
      yield out;
    }
  }
}
