import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CONFIG } from '@wealist/config';
import type { Bar } from '@wealist/trading-sdk';
import { BarsRepository } from '../market-data/bars.repository';
import { StrategyError, type LiveSession } from '../sandbox/sandbox.types';
import { StrategySandbox } from '../sandbox/strategy-sandbox';
import { StrategyVersionsRepository } from '../strategies/strategy-versions.repository';
import type { TradingConfig } from '../trading.config';
import type { LiveStrategyRow } from './live-strategies.repository';

export interface OpenedSession {
  session: LiveSession;
  /** Time of the last warm-up bar per symbol: live bars up to it were already seen. */
  warmedUpTo: Record<string, number>;
}

/** A sandboxed session for a live strategy: its version's code, its params, warm-up bars of the workspace. */
@Injectable()
export class LiveSessionFactory {
  constructor(
    private readonly versions: StrategyVersionsRepository,
    private readonly bars: BarsRepository,
    private readonly sandbox: StrategySandbox,
    @Inject(SERVICE_CONFIG) private readonly config: Pick<TradingConfig, 'LIVE_WARMUP_BARS'>,
  ) {}

  /** Throws StrategyError when the user's code does not load or its start-up throws. */
  async open(row: LiveStrategyRow): Promise<OpenedSession> {
    const version = await this.versions.findInWorkspace(row.workspaceId, row.strategyVersionId);
    if (!version) throw new StrategyError('compile', 'The strategy version no longer exists');
    const history: Record<string, Bar[]> = {};
    const warmedUpTo: Record<string, number> = {};
    for (const symbol of row.symbols) {
      history[symbol] = await this.bars.recent(row.workspaceId, symbol, row.timeframe, this.config.LIVE_WARMUP_BARS);
      const last = history[symbol].at(-1);
      if (last) warmedUpTo[symbol] = last.time;
    }
    const session = await this.sandbox.startLive({ strategy: version.compiled, params: row.params, symbols: row.symbols, history });
    return { session, warmedUpTo };
  }
}
