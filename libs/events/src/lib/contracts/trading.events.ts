import { domainEvent, serviceStream } from '../event.contract';

/** Stream of everything the trading service publishes. Consumers: notification (group `notification`). */
export const TRADING_EVENTS_STREAM = serviceStream('trading');

/** A live strategy emitted a signal on a live bar; one event per stored signal. */
export interface TradingSignalEvent {
  signalId: string;
  liveStrategyId: string;
  workspaceId: string;
  /** Name of the strategy the live run is a version of. */
  strategyName: string;
  symbol: string;
  /** The name the strategy gave the signal, e.g. `golden-cross`. */
  name: string;
  /** ISO open time of the bar the signal was raised on. */
  barTime: string;
  data: Record<string, unknown>;
  /** Who is told: the user who activated the live strategy. */
  recipientIds: string[];
}

export const TradingEvents = {
  signal: domainEvent<TradingSignalEvent>('trading.signal', TRADING_EVENTS_STREAM),
} as const;
