import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { SERVICE_CONFIG, type CommonEnv } from '@wealist/config';
import { REDIS_CLIENT } from '@wealist/redis';
import type { Bar } from '@wealist/trading-sdk';
import type { Redis } from 'ioredis';
import { barProblem, isTimeframe, normalizeSymbol, timeframeMs, type Timeframe } from './market-data.types';

/**
 * Live bars on Redis pub/sub (DB 5), the contract between feeds and live strategy runners:
 * channel `{REDIS_KEY_PREFIX}trading:bars:{timeframe}:{symbol}`, message JSON
 * `{ symbol, timeframe, time, open, high, low, close, volume }` plus `workspaceId` when the bar
 * was pushed through a workspace's endpoint (absent for a service-wide feed). A bar may be sent
 * again with the same time while it forms; the last one wins.
 */
export interface LiveBar extends Bar {
  symbol: string;
  timeframe: Timeframe;
  /** The workspace whose endpoint pushed the bar; consumers of other workspaces should ignore it. */
  workspaceId?: string;
}

/** Channels ignore ioredis' keyPrefix, so the prefix (test namespace, deployment) is added here. */
export function liveBarChannel(prefix: string, timeframe: string, symbol: string): string {
  return `${prefix}trading:bars:${timeframe}:${symbol}`;
}

/** Pattern for PSUBSCRIBE to every live bar under a prefix. */
export function liveBarPattern(prefix: string): string {
  return `${prefix}trading:bars:*`;
}

/** A live bar from a channel message, or null when it is not one (bad JSON, bad field, inconsistent OHLC). */
export function parseLiveBar(raw: unknown): LiveBar | null {
  let value: unknown = raw;
  if (typeof raw === 'string' || Buffer.isBuffer(raw)) {
    try {
      value = JSON.parse(raw.toString()) as unknown;
    } catch {
      return null;
    }
  }
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  const symbol = normalizeSymbol(v['symbol']);
  if (!symbol || symbol !== v['symbol'] || !isTimeframe(v['timeframe'])) return null;
  const bar = { time: v['time'], open: v['open'], high: v['high'], low: v['low'], close: v['close'], volume: v['volume'] } as Bar;
  if (barProblem(bar, timeframeMs(v['timeframe'])) !== null) return null;
  const workspaceId = typeof v['workspaceId'] === 'string' ? v['workspaceId'] : undefined;
  return { symbol, timeframe: v['timeframe'], ...bar, ...(workspaceId ? { workspaceId } : {}) };
}

/** Publishes validated live bars; storing them is the caller's business (see MarketDataService.pushLive). */
@Injectable()
export class LiveBarPublisher {
  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    @Inject(SERVICE_CONFIG) private readonly config: CommonEnv,
  ) {}

  /** Validates and publishes one bar; resolves with the number of subscribers that got it. 400 for a bad bar. */
  async publish(symbol: string, timeframe: string, bar: Bar, workspaceId?: string): Promise<number> {
    const normalized = normalizeSymbol(symbol);
    if (!normalized) throw new BadRequestException(`symbol "${String(symbol).slice(0, 40)}" is invalid`);
    if (!isTimeframe(timeframe)) throw new BadRequestException(`timeframe "${String(timeframe).slice(0, 10)}" is not one of 1m, 5m, 15m, 1h, 4h, 1d`);
    const { time, open, high, low, close, volume } = bar;
    const problem = barProblem({ time, open, high, low, close, volume }, timeframeMs(timeframe));
    if (problem) throw new BadRequestException(`Invalid live bar: ${problem}`);
    const message: LiveBar = { symbol: normalized, timeframe, time, open, high, low, close, volume, ...(workspaceId ? { workspaceId } : {}) };
    return this.redis.publish(liveBarChannel(this.config.REDIS_KEY_PREFIX, timeframe, normalized), JSON.stringify(message));
  }
}
