import type { TradingConfig } from '../trading.config';

type Tier = 'free' | 'premium' | 'enterprise';
const tierOf = (t: string): Tier => (t === 'premium' || t === 'enterprise' ? t : 'free');

/** CPU time one backtest may spend in the sandbox, by the plan tier of whoever started it. */
export function cpuBudgetMs(config: TradingConfig, tier: string): number {
  const seconds = { free: config.BACKTEST_CPU_SECONDS_FREE, premium: config.BACKTEST_CPU_SECONDS_PREMIUM, enterprise: config.BACKTEST_CPU_SECONDS_ENTERPRISE }[tierOf(tier)];
  return seconds * 1000;
}

/** Backtests a workspace may have queued or running at once, by plan tier. */
export function queueLimit(config: TradingConfig, tier: string): number {
  return { free: config.BACKTEST_QUEUE_FREE, premium: config.BACKTEST_QUEUE_PREMIUM, enterprise: config.BACKTEST_QUEUE_ENTERPRISE }[tierOf(tier)];
}
