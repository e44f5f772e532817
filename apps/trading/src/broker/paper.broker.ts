import { ConflictException, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { commissionModel, fillPrice, slippageModel, validateOrder, type Bar } from '@wealist/trading-sdk';
import type { EntityManager } from 'typeorm';
import { normalizeSymbol } from '../market-data/market-data.types';
import type { AccountSnapshot, Broker, BrokerFill, BrokerOrder, PositionSnapshot, SubmitOrder } from './broker.types';
import { PaperAccountsRepository, type PaperAccountRow, type PaperPositionRow } from './paper-accounts.repository';
import { applyFill } from './paper-fill';
import { PaperOrdersRepository } from './paper-orders.repository';

/**
 * The default broker: simulated fills on live bars with the backtest's rules (fill.rules,
 * cost.model, Portfolio), so a strategy behaves the same in a backtest and in paper trading.
 * Every change of an account happens in one transaction holding that account's row lock.
 */
@Injectable()
export class PaperBroker implements Broker {
  readonly kind = 'paper' as const;

  constructor(
    private readonly accounts: PaperAccountsRepository,
    private readonly orders: PaperOrdersRepository,
  ) {}

  async submitOrder(accountId: string, order: SubmitOrder): Promise<BrokerOrder> {
    const type = order.type ?? 'market';
    try {
      validateOrder({ ...order, type });
    } catch (err) {
      throw new UnprocessableEntityException(err instanceof Error ? err.message : String(err));
    }
    const symbol = normalizeSymbol(order.symbol);
    if (!symbol) throw new UnprocessableEntityException(`invalid symbol "${order.symbol}"`);
    return this.accounts.transaction(async (m) => {
      await this.lockAccount(m, accountId);
      // A stopped (or killed) strategy places nothing more, even if its runner has not heard yet.
      if (order.liveStrategyId && !(await this.isActive(m, order.liveStrategyId))) throw new ConflictException('Live strategy is not active');
      return this.orders.insert(m, {
        accountId,
        symbol,
        side: order.side,
        type,
        qty: order.qty,
        limitPrice: type === 'limit' ? (order.limitPrice ?? null) : null,
        stopPrice: type === 'stop' ? (order.stopPrice ?? null) : null,
        createdAt: order.decidedAt,
        liveStrategyId: order.liveStrategyId ?? null,
        localId: order.localId ?? null,
      });
    });
  }

  async cancelOrder(accountId: string, orderId: string): Promise<BrokerOrder> {
    return this.accounts.transaction(async (m) => {
      await this.lockAccount(m, accountId);
      const order = await this.orders.find(accountId, orderId, m, true);
      if (!order) throw new NotFoundException('Order not found');
      return order.status === 'open' ? this.orders.cancel(m, orderId) : order;
    });
  }

  openOrders(accountId: string): Promise<BrokerOrder[]> {
    return this.orders.open(accountId);
  }

  async positions(accountId: string): Promise<PositionSnapshot[]> {
    return (await this.accounts.positions(accountId)).map(snapshotOf);
  }

  async account(accountId: string): Promise<AccountSnapshot> {
    const [found] = await this.accounts.withPositions({ id: accountId });
    if (!found) throw new NotFoundException('Paper account not found');
    return summarize(found.account, found.positions);
  }

  async onBar(symbol: string, bar: Bar, accountId?: string): Promise<BrokerFill[]> {
    const fills: BrokerFill[] = [];
    const accountIds = accountId ? [accountId] : await this.orders.accountsWithOpenOrders(symbol);
    for (const id of accountIds) fills.push(...(await this.fillAccount(id, symbol, bar)));
    await this.accounts.markPrice(symbol, bar.close, accountId);
    return fills;
  }

  /**
   * A bar for every account of the workspace that pushed it (or of all, for a service-wide feed):
   * manual orders fill even on accounts no live strategy trades.
   */
  async onFeedBar(symbol: string, bar: Bar, workspaceId?: string): Promise<BrokerFill[]> {
    const fills: BrokerFill[] = [];
    for (const id of await this.orders.accountsWithOpenOrders(symbol, workspaceId)) fills.push(...(await this.fillAccount(id, symbol, bar)));
    await this.accounts.markPrice(symbol, bar.close, undefined, workspaceId);
    return fills;
  }

  /** Fills what the bar reaches of one account's open orders of `symbol`, oldest first. */
  private fillAccount(accountId: string, symbol: string, bar: Bar): Promise<BrokerFill[]> {
    return this.accounts.transaction(async (m) => {
      const account = await this.accounts.lock(m, accountId);
      if (!account) return [];
      const pending = await this.orders.fillable(m, accountId, symbol, bar.time);
      if (pending.length === 0) return [];
      const commission = commissionModel(account.commission);
      const slippage = slippageModel(account.slippage);
      const stored = await this.accounts.position(m, accountId, symbol);
      let cash = account.cash;
      let realizedPnl = account.realizedPnl;
      let position = { symbol, qty: stored?.qty ?? 0, avgPrice: stored?.avgPrice ?? 0 };
      const fills: BrokerFill[] = [];
      for (const order of pending) {
        const sdkOrder = { ...order, id: 0, limitPrice: order.limitPrice ?? undefined, stopPrice: order.stopPrice ?? undefined };
        const raw = fillPrice(sdkOrder, bar);
        if (raw === undefined) continue;
        const price = slippage.apply(order.side, raw);
        const fee = commission.commission(order.qty, price);
        const outcome = applyFill(cash, position, { symbol, side: order.side, qty: order.qty, price, commission: fee, time: bar.time });
        cash = outcome.cash;
        position = outcome.position;
        realizedPnl += outcome.realized - fee;
        const fill: BrokerFill = { orderId: order.id, accountId, symbol, side: order.side, qty: order.qty, price, commission: fee, realizedPnl: outcome.realized, barTime: bar.time };
        await this.orders.markFilled(m, fill);
        fills.push(fill);
      }
      if (fills.length === 0) return [];
      await this.accounts.savePosition(m, accountId, { ...position, lastPrice: bar.close });
      await this.accounts.updateBalances(m, accountId, cash, realizedPnl);
      return fills;
    });
  }

  private async lockAccount(m: EntityManager, accountId: string): Promise<PaperAccountRow> {
    const account = await this.accounts.lock(m, accountId);
    if (!account) throw new NotFoundException('Paper account not found');
    return account;
  }

  private async isActive(m: EntityManager, liveStrategyId: string): Promise<boolean> {
    // FOR SHARE waits for a kill switch in flight, so nothing slips in after it commits.
    const rows = (await m.query(`SELECT status FROM live_strategies WHERE id = $1 FOR SHARE`, [liveStrategyId])) as { status: string }[];
    return rows[0]?.status === 'active';
  }
}

function snapshotOf(p: PaperPositionRow): PositionSnapshot {
  return { symbol: p.symbol, qty: p.qty, avgPrice: p.avgPrice, lastPrice: p.lastPrice, unrealizedPnl: p.qty * (p.lastPrice - p.avgPrice) };
}

/** Equity marks positions at their last price: cash + sum(qty * last) = initial + realized + unrealized. */
export function summarize(account: PaperAccountRow, positions: PaperPositionRow[]): AccountSnapshot {
  const snapshots = positions.map(snapshotOf);
  const unrealizedPnl = snapshots.reduce((sum, p) => sum + p.unrealizedPnl, 0);
  const equity = account.cash + snapshots.reduce((sum, p) => sum + p.qty * p.lastPrice, 0);
  return { accountId: account.id, currency: account.currency, cash: account.cash, equity, realizedPnl: account.realizedPnl, unrealizedPnl, positions: snapshots };
}
