import { commonEnvSpec, databaseEnvSpec, env, loadEnv, type EnvOf } from '@wealist/config';
import { eventsEnvSpec } from '@wealist/events';

export const TRADING_ENV_SPEC = {
  ...commonEnvSpec('trading'),
  ...databaseEnvSpec('trading'),
  // trading.signal events go through the outbox; without these the relay would never run.
  ...eventsEnvSpec(),
  // CSV uploads of market data can be larger than JSON bodies; this is the whole request limit.
  BODY_LIMIT_BYTES: env.int({ default: 52_428_800, min: 1024, max: 524_288_000 }),
  /** Heap limit of each strategy isolate (backtest or live). */
  SANDBOX_MEMORY_MB: env.int({ default: 128, min: 16, max: 2_048 }),
  /** Wall-clock limit of one call into the isolate (one batch of bars, one live bar). */
  SANDBOX_CALL_TIMEOUT_MS: env.int({ default: 5_000, min: 10, max: 120_000 }),
  /** Bars handed to the isolate per crossing; one crossing per bar costs 40-75x. */
  SANDBOX_BATCH_BARS: env.int({ default: 5_000, min: 1, max: 100_000 }),
  /** Backtests run at once by this instance; more are queued in PostgreSQL. */
  BACKTEST_CONCURRENCY: env.int({ default: 2, min: 1, max: 32 }),
  BACKTEST_POLL_MS: env.int({ default: 500, min: 20, max: 60_000 }),
  /** Most bars one backtest may read (all symbols together). */
  BACKTEST_MAX_BARS: env.int({ default: 5_000_000, min: 1_000, max: 100_000_000 }),
  /** CPU seconds a single backtest may spend in user code, by plan tier. */
  BACKTEST_CPU_SECONDS_FREE: env.int({ default: 20, min: 1, max: 86_400 }),
  BACKTEST_CPU_SECONDS_PREMIUM: env.int({ default: 120, min: 1, max: 86_400 }),
  BACKTEST_CPU_SECONDS_ENTERPRISE: env.int({ default: 600, min: 1, max: 86_400 }),
  /** Queued or running backtests a workspace may have at once, by plan tier. */
  BACKTEST_QUEUE_FREE: env.int({ default: 3, min: 1, max: 1_000 }),
  BACKTEST_QUEUE_PREMIUM: env.int({ default: 10, min: 1, max: 1_000 }),
  BACKTEST_QUEUE_ENTERPRISE: env.int({ default: 50, min: 1, max: 1_000 }),
  /** Redis lease of one instance on one live strategy; renewed at a third of it, taken over after it lapses. */
  LIVE_LEASE_MS: env.int({ default: 15_000, min: 300, max: 600_000 }),
  /** Closed bars per symbol handed to a live strategy at start so its indicators are warm. */
  LIVE_WARMUP_BARS: env.int({ default: 500, min: 0, max: 100_000 }),
};
export type TradingConfig = EnvOf<typeof TRADING_ENV_SPEC>;

export function loadTradingConfig(source: NodeJS.ProcessEnv = process.env): TradingConfig {
  return loadEnv(TRADING_ENV_SPEC, source);
}
