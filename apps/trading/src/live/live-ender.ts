import { Injectable } from '@nestjs/common';
import { PaperOrdersRepository } from '../broker/paper-orders.repository';
import { TradingPushChannel } from '../realtime/trading-push.channel';
import { LiveControlChannel } from './live-control.channel';
import { LiveStrategiesRepository, type LiveError, type LiveStrategyRow } from './live-strategies.repository';

/**
 * Ends live strategies: status and the cancellation of their open paper orders in one
 * transaction, then every runner is told and the workspace's sockets hear `live-strategy.stopped`.
 */
@Injectable()
export class LiveEnder {
  constructor(
    private readonly live: LiveStrategiesRepository,
    private readonly orders: PaperOrdersRepository,
    private readonly control: LiveControlChannel,
    private readonly push: TradingPushChannel,
  ) {}

  /** Ends what is still active of `where`; returns what it ended (already ended ones are left alone). */
  async end(where: { id: string } | { workspaceId: string }, status: 'stopped' | 'failed', error: LiveError | null = null): Promise<LiveStrategyRow[]> {
    const ended = await this.live.transaction(async (m) => {
      const rows = await this.live.end(m, where, status, error);
      await this.orders.cancelOpenOfStrategies(
        m,
        rows.map((r) => r.id),
      );
      return rows;
    });
    await this.control.stopped(ended.map((r) => r.id));
    for (const row of ended) {
      await this.push.publish({
        workspaceId: row.workspaceId,
        event: 'live-strategy.stopped',
        data: { liveStrategyId: row.id, workspaceId: row.workspaceId, status: row.status, error: row.error, stoppedAt: row.stoppedAt?.toISOString() ?? null },
      });
    }
    return ended;
  }
}
