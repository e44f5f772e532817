import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { OrderSide, OrderType } from '@wealist/trading-sdk';
import type { DataSource, EntityManager } from 'typeorm';
import type { BrokerFill, BrokerOrder, BrokerOrderStatus } from './broker.types';

interface OrderRow {
  id: string;
  seq: string;
  accountId: string;
  symbol: string;
  side: OrderSide;
  type: OrderType;
  qty: number;
  limitPrice: number | null;
  stopPrice: number | null;
  status: BrokerOrderStatus;
  createdAt: Date;
  fillPrice: number | null;
  commission: number | null;
  filledAt: Date | null;
  liveStrategyId: string | null;
  localId: number | null;
}

export type StoredOrder = BrokerOrder & { seq: number };

const ORDER_COLUMNS = `id, seq, account_id AS "accountId", symbol, side, type, qty, limit_price AS "limitPrice", stop_price AS "stopPrice",
  status, created_at AS "createdAt", fill_price AS "fillPrice", commission, filled_at AS "filledAt",
  live_strategy_id AS "liveStrategyId", local_id AS "localId"`;

function toOrder(r: OrderRow): StoredOrder {
  return { ...r, seq: Number(r.seq), createdAt: r.createdAt.getTime(), filledAt: r.filledAt ? r.filledAt.getTime() : null };
}

export type NewOrder = Pick<BrokerOrder, 'accountId' | 'symbol' | 'side' | 'type' | 'qty' | 'limitPrice' | 'stopPrice' | 'createdAt' | 'liveStrategyId' | 'localId'>;

/** Paper orders and fills; every write runs in the caller's transaction under the account lock. */
@Injectable()
export class PaperOrdersRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insert(m: EntityManager, o: NewOrder): Promise<StoredOrder> {
    const [row] = (await m.query(
      `INSERT INTO paper_orders (account_id, symbol, side, type, qty, limit_price, stop_price, status, created_at, live_strategy_id, local_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'open', $8, $9, $10) RETURNING ${ORDER_COLUMNS}`,
      [o.accountId, o.symbol, o.side, o.type, o.qty, o.limitPrice, o.stopPrice, new Date(o.createdAt), o.liveStrategyId, o.localId],
    )) as OrderRow[];
    return toOrder(row);
  }

  async find(accountId: string, id: string, m?: EntityManager, lock = false): Promise<StoredOrder | null> {
    const rows = (await (m ?? this.db.manager).query(
      `SELECT ${ORDER_COLUMNS} FROM paper_orders WHERE account_id = $1 AND id = $2${lock ? ' FOR UPDATE' : ''}`,
      [accountId, id],
    )) as OrderRow[];
    return rows[0] ? toOrder(rows[0]) : null;
  }

  /** Newest first; `before` is the seq cursor of the previous page. */
  async list(accountId: string, before: number | null, limit: number, status?: BrokerOrderStatus): Promise<StoredOrder[]> {
    const rows = (await this.db.query(
      `SELECT ${ORDER_COLUMNS} FROM paper_orders
       WHERE account_id = $1 AND ($2::bigint IS NULL OR seq < $2) AND ($3::varchar IS NULL OR status = $3)
       ORDER BY seq DESC LIMIT $4`,
      [accountId, before, status ?? null, limit],
    )) as OrderRow[];
    return rows.map(toOrder);
  }

  async open(accountId: string): Promise<StoredOrder[]> {
    const rows = (await this.db.query(`SELECT ${ORDER_COLUMNS} FROM paper_orders WHERE account_id = $1 AND status = 'open' ORDER BY seq`, [accountId])) as OrderRow[];
    return rows.map(toOrder);
  }

  /** Open orders of `symbol` decided before `barTime`, in placement order, locked for filling. */
  async fillable(m: EntityManager, accountId: string, symbol: string, barTime: number): Promise<StoredOrder[]> {
    const rows = (await m.query(
      `SELECT ${ORDER_COLUMNS} FROM paper_orders WHERE account_id = $1 AND symbol = $2 AND status = 'open' AND created_at < $3
       ORDER BY seq FOR UPDATE`,
      [accountId, symbol, new Date(barTime)],
    )) as OrderRow[];
    return rows.map(toOrder);
  }

  /** Accounts with open orders of `symbol` (the ones a bar may fill), of one workspace when given. */
  async accountsWithOpenOrders(symbol: string, workspaceId?: string): Promise<string[]> {
    const rows = (await this.db.query(
      `SELECT DISTINCT o.account_id AS id FROM paper_orders o JOIN paper_accounts a ON a.id = o.account_id
       WHERE o.symbol = $1 AND o.status = 'open' AND ($2::uuid IS NULL OR a.workspace_id = $2)`,
      [symbol, workspaceId ?? null],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  async markFilled(m: EntityManager, fill: BrokerFill): Promise<void> {
    await m.query(`UPDATE paper_orders SET status = 'filled', fill_price = $2, commission = $3, filled_at = $4 WHERE id = $1`, [
      fill.orderId,
      fill.price,
      fill.commission,
      new Date(fill.barTime),
    ]);
    await m.query(
      `INSERT INTO paper_fills (account_id, order_id, symbol, side, qty, price, commission, realized_pnl, bar_time) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [fill.accountId, fill.orderId, fill.symbol, fill.side, fill.qty, fill.price, fill.commission, fill.realizedPnl, new Date(fill.barTime)],
    );
  }

  async cancel(m: EntityManager, id: string): Promise<StoredOrder> {
    const [rows] = (await m.query(`UPDATE paper_orders SET status = 'cancelled', cancelled_at = now() WHERE id = $1 RETURNING ${ORDER_COLUMNS}`, [id])) as [OrderRow[], number];
    return toOrder(rows[0]);
  }

  /** Cancels every open order the given live strategies placed; returns how many. */
  async cancelOpenOfStrategies(m: EntityManager, liveStrategyIds: string[]): Promise<number> {
    if (liveStrategyIds.length === 0) return 0;
    const [, count] = (await m.query(
      `UPDATE paper_orders SET status = 'cancelled', cancelled_at = now() WHERE live_strategy_id = ANY($1::uuid[]) AND status = 'open'`,
      [liveStrategyIds],
    )) as [unknown, number];
    return count;
  }

  /** Broker order ids of a live strategy's local order ids (for its cancels). */
  async idsOfLocal(liveStrategyId: string, localIds: number[]): Promise<{ id: string; accountId: string }[]> {
    if (localIds.length === 0) return [];
    return this.db.query(`SELECT id, account_id AS "accountId" FROM paper_orders WHERE live_strategy_id = $1 AND local_id = ANY($2::int[])`, [liveStrategyId, localIds]);
  }
}
