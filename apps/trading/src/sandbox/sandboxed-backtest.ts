import type { BacktestResult, CommissionSpec, SlippageSpec, StrategyParams } from '@wealist/trading-sdk';
import { StrategyError } from './sandbox.types';
import type { StrategyIsolate } from './strategy-isolate';

/** Columns of one row in a batch crossing into the isolate. */
export const ROW_WIDTH = 7; // symbol index, time, open, high, low, close, volume

export interface SandboxedBacktestConfig {
  symbols: string[];
  capital: number;
  params: StrategyParams;
  commission?: CommissionSpec;
  slippage?: SlippageSpec;
  periodsPerYear: number | 'observed';
  /** Bars the run will feed (sizes the isolate's columns once). */
  expectedBars?: number;
}

export interface SandboxedBacktestHooks {
  /** Bars processed and CPU time spent so far, after each batch. */
  onProgress?(bars: number, cpuMs: number): void | Promise<void>;
  signal?: AbortSignal;
  /** CPU time the run may spend in the isolate (CPU budget of the plan tier). */
  cpuBudgetMs: number;
}

export interface SandboxedBacktestOutcome {
  result: BacktestResult;
  /** CPU time the run spent in the isolate. */
  cpuMs: number;
}

export const RESULT_LIMITS = { maxCurvePoints: 2_000, maxListed: 1_000, maxSignalBytes: 4_096, maxResultBytes: 8 * 1024 * 1024 };

/**
 * Feeds batches of bars (Float64Array rows of ROW_WIDTH) through the backtest session inside
 * the isolate: one crossing per batch, not per bar. Stops with a StrategyError when user code
 * fails, the CPU budget is spent or the run is cancelled; the isolate is disposed either way.
 */
export async function runSandboxedBacktest(
  isolate: StrategyIsolate,
  config: SandboxedBacktestConfig,
  batches: AsyncIterable<Float64Array> | Iterable<Float64Array>,
  hooks: SandboxedBacktestHooks,
): Promise<SandboxedBacktestOutcome> {
  const abort = () => isolate.dispose();
  hooks.signal?.addEventListener('abort', abort, { once: true });
  const remaining = () => hooks.cpuBudgetMs - isolate.cpuTimeMs();
  const overBudget = () => new StrategyError('cpu-budget', `the backtest used more than its CPU budget of ${hooks.cpuBudgetMs / 1000} s`);
  const call = async <T>(name: Parameters<StrategyIsolate['call']>[0], args: unknown[]): Promise<T> => {
    if (hooks.signal?.aborted) throw new StrategyError('cancelled', 'the backtest was cancelled');
    // A call may not outlast the budget left: an endless loop stops when the budget is spent.
    const left = remaining();
    let value: T;
    try {
      value = await isolate.call<T>(name, args, Math.min(isolate.callTimeoutMs, Math.max(1, left)));
    } catch (err) {
      if (hooks.signal?.aborted) throw new StrategyError('cancelled', 'the backtest was cancelled');
      if (err instanceof StrategyError && err.kind === 'timeout' && left < isolate.callTimeoutMs) throw overBudget();
      throw err;
    }
    if (remaining() < 0) throw overBudget();
    return value;
  };
  try {
    await call('backtestStart', [JSON.stringify({ ...config, ...RESULT_LIMITS })]);
    for await (const batch of batches) {
      const bars = await call<number>('backtestPush', [batch.buffer.byteLength === batch.byteLength ? batch.buffer : batch.slice().buffer]);
      await hooks.onProgress?.(bars, isolate.cpuTimeMs());
    }
    const json = await call<string>('backtestFinish', []);
    const result = JSON.parse(json, (_k, v: unknown) => (v === 'Infinity' ? Infinity : v)) as BacktestResult;
    return { result, cpuMs: isolate.cpuTimeMs() };
  } finally {
    hooks.signal?.removeEventListener('abort', abort);
    isolate.dispose();
  }
}
