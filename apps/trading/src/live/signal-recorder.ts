import { Injectable } from '@nestjs/common';
import { OutboxWriter, TradingEvents } from '@wealist/events';
import type { Signal } from '@wealist/trading-sdk';
import { LiveSignalsRepository, type LiveSignalRow } from './live-signals.repository';
import { LiveStrategiesRepository, type LiveStrategyRow } from './live-strategies.repository';

const MAX_SIGNALS_PER_BAR = 20;
const MAX_NAME = 100;
const MAX_DATA_BYTES = 8_192;

/**
 * Stores the signals of one bar and records a `trading.signal` event for each in the same
 * transaction. The row lock on the live strategy makes this wait for a stop or kill switch in
 * flight; once stopped, nothing more is stored (or pushed, or notified).
 */
@Injectable()
export class SignalRecorder {
  constructor(
    private readonly live: LiveStrategiesRepository,
    private readonly signals: LiveSignalsRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  async record(strategy: LiveStrategyRow, symbol: string, barTime: number, signals: Signal[]): Promise<LiveSignalRow[]> {
    if (signals.length === 0) return [];
    return this.live.transaction(async (m) => {
      if (!(await this.live.lockActive(m, strategy.id))) return [];
      const stored: LiveSignalRow[] = [];
      // A runaway strategy must not flood users with notifications: extra signals of a bar are dropped.
      for (const s of signals.slice(0, MAX_SIGNALS_PER_BAR)) {
        const row = await this.signals.insert(m, {
          liveStrategyId: strategy.id,
          workspaceId: strategy.workspaceId,
          symbol: typeof s.symbol === 'string' && s.symbol ? s.symbol : symbol,
          name: String(s.name ?? 'signal').slice(0, MAX_NAME),
          data: boundedData(s.data),
          barTime: new Date(Number.isFinite(s.time) ? s.time : barTime),
        });
        await this.outbox.record(m, TradingEvents.signal, {
          signalId: row.id,
          liveStrategyId: strategy.id,
          workspaceId: strategy.workspaceId,
          strategyName: strategy.strategyName,
          symbol: row.symbol,
          name: row.name,
          barTime: row.barTime.toISOString(),
          data: row.data,
          recipientIds: [strategy.activatedBy],
        });
        stored.push(row);
      }
      return stored;
    });
  }
}

function boundedData(data: unknown): Record<string, unknown> {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return {};
  const json = JSON.stringify(data);
  return json.length > MAX_DATA_BYTES ? { truncated: true, bytes: json.length } : (JSON.parse(json) as Record<string, unknown>);
}
