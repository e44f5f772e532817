import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CONFIG } from '@wealist/config';
import type { TradingConfig } from '../trading.config';
import { IsolateLiveSession } from './live-session';
import { runSandboxedBacktest, type SandboxedBacktestConfig, type SandboxedBacktestHooks, type SandboxedBacktestOutcome } from './sandboxed-backtest';
import type { CompiledStrategy, LiveSession, LiveSessionOptions } from './sandbox.types';
import { StrategyIsolate, type IsolateLimits } from './strategy-isolate';

export const STRATEGY_RUNTIME = Symbol('STRATEGY_RUNTIME');

/** Live strategies answer each bar quickly or not at all: a stuck one must not delay its account. */
const LIVE_CALL_TIMEOUT_MS = 1_000;

/** Where user strategies run: every backtest and every live strategy gets its own isolate. */
@Injectable()
export class StrategySandbox {
  private readonly limits: IsolateLimits;

  constructor(
    @Inject(STRATEGY_RUNTIME) private readonly runtimeSource: string,
    @Inject(SERVICE_CONFIG) config: Pick<TradingConfig, 'SANDBOX_MEMORY_MB' | 'SANDBOX_CALL_TIMEOUT_MS'>,
  ) {
    this.limits = { memoryMb: config.SANDBOX_MEMORY_MB, callTimeoutMs: config.SANDBOX_CALL_TIMEOUT_MS };
  }

  /** Loads the strategy once in a throwaway isolate: syntax errors, top-level throws, missing onBar. */
  async check(strategy: CompiledStrategy): Promise<void> {
    const isolate = await StrategyIsolate.create(this.runtimeSource, strategy, { ...this.limits, callTimeoutMs: Math.min(this.limits.callTimeoutMs, 2_000) });
    isolate.dispose();
  }

  async backtest(
    strategy: CompiledStrategy,
    config: SandboxedBacktestConfig,
    batches: AsyncIterable<Float64Array> | Iterable<Float64Array>,
    hooks: SandboxedBacktestHooks,
  ): Promise<SandboxedBacktestOutcome> {
    const isolate = await StrategyIsolate.create(this.runtimeSource, strategy, this.limits);
    return runSandboxedBacktest(isolate, config, batches, hooks);
  }

  async startLive(options: LiveSessionOptions): Promise<LiveSession> {
    const isolate = await StrategyIsolate.create(this.runtimeSource, options.strategy, {
      ...this.limits,
      callTimeoutMs: Math.min(this.limits.callTimeoutMs, LIVE_CALL_TIMEOUT_MS),
    });
    return IsolateLiveSession.start(isolate, options);
  }
}
