import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CommissionSpec, SlippageSpec } from '@wealist/trading-sdk';
import type { DataSource, EntityManager } from 'typeorm';

export interface PaperAccountRow {
  id: string;
  workspaceId: string;
  name: string;
  currency: string;
  initialCash: number;
  cash: number;
  realizedPnl: number;
  commission: CommissionSpec;
  slippage: SlippageSpec;
  createdBy: string;
  createdAt: Date;
}

export interface PaperPositionRow {
  symbol: string;
  qty: number;
  avgPrice: number;
  lastPrice: number;
}

const ACCOUNT_COLUMNS = `id, workspace_id AS "workspaceId", name, currency, initial_cash AS "initialCash", cash,
  realized_pnl AS "realizedPnl", commission, slippage, created_by AS "createdBy", created_at AS "createdAt"`;

/** Paper accounts and their positions (raw SQL: the broker works under row locks). */
@Injectable()
export class PaperAccountsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  async create(data: Pick<PaperAccountRow, 'workspaceId' | 'name' | 'currency' | 'initialCash' | 'commission' | 'slippage' | 'createdBy'>): Promise<PaperAccountRow> {
    const [row] = (await this.db.query(
      `INSERT INTO paper_accounts (workspace_id, name, currency, initial_cash, cash, commission, slippage, created_by)
       VALUES ($1, $2, $3, $4, $4, $5::jsonb, $6::jsonb, $7) RETURNING ${ACCOUNT_COLUMNS}`,
      [data.workspaceId, data.name, data.currency, data.initialCash, JSON.stringify(data.commission), JSON.stringify(data.slippage), data.createdBy],
    )) as PaperAccountRow[];
    return row;
  }

  async find(id: string, m?: EntityManager): Promise<PaperAccountRow | null> {
    const rows = (await (m ?? this.db.manager).query(`SELECT ${ACCOUNT_COLUMNS} FROM paper_accounts WHERE id = $1`, [id])) as PaperAccountRow[];
    return rows[0] ?? null;
  }

  async findInWorkspace(workspaceId: string, id: string): Promise<PaperAccountRow | null> {
    const account = await this.find(id);
    return account?.workspaceId === workspaceId ? account : null;
  }

  /**
   * Accounts with their positions from one snapshot: read apart, a fill committing in between
   * would pair the cash from before it with the position from after it.
   */
  async withPositions(where: { id: string } | { workspaceId: string }): Promise<{ account: PaperAccountRow; positions: PaperPositionRow[] }[]> {
    return this.db.transaction('REPEATABLE READ', async (m) => {
      const accounts = (await m.query(
        `SELECT ${ACCOUNT_COLUMNS} FROM paper_accounts WHERE ${'id' in where ? 'id' : 'workspace_id'} = $1 ORDER BY created_at, id`,
        ['id' in where ? where.id : where.workspaceId],
      )) as PaperAccountRow[];
      const out: { account: PaperAccountRow; positions: PaperPositionRow[] }[] = [];
      for (const account of accounts) out.push({ account, positions: await this.positions(account.id, m) });
      return out;
    });
  }

  /** Serializes every change of one account's cash, orders and positions. */
  async lock(m: EntityManager, id: string): Promise<PaperAccountRow | null> {
    const rows = (await m.query(`SELECT ${ACCOUNT_COLUMNS} FROM paper_accounts WHERE id = $1 FOR UPDATE`, [id])) as PaperAccountRow[];
    return rows[0] ?? null;
  }

  async updateBalances(m: EntityManager, id: string, cash: number, realizedPnl: number): Promise<void> {
    await m.query(`UPDATE paper_accounts SET cash = $2, realized_pnl = $3 WHERE id = $1`, [id, cash, realizedPnl]);
  }

  positions(accountId: string, m?: EntityManager): Promise<PaperPositionRow[]> {
    return (m ?? this.db.manager).query(
      `SELECT symbol, qty, avg_price AS "avgPrice", last_price AS "lastPrice" FROM paper_positions WHERE account_id = $1 AND qty <> 0 ORDER BY symbol`,
      [accountId],
    );
  }

  async position(m: EntityManager, accountId: string, symbol: string): Promise<PaperPositionRow | null> {
    const rows = (await m.query(
      `SELECT symbol, qty, avg_price AS "avgPrice", last_price AS "lastPrice" FROM paper_positions WHERE account_id = $1 AND symbol = $2`,
      [accountId, symbol],
    )) as PaperPositionRow[];
    return rows[0] ?? null;
  }

  /** A flat position is deleted, so listings only show what is held. */
  async savePosition(m: EntityManager, accountId: string, p: PaperPositionRow): Promise<void> {
    if (p.qty === 0) {
      await m.query(`DELETE FROM paper_positions WHERE account_id = $1 AND symbol = $2`, [accountId, p.symbol]);
      return;
    }
    await m.query(
      `INSERT INTO paper_positions (account_id, symbol, qty, avg_price, last_price) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (account_id, symbol) DO UPDATE SET qty = $3, avg_price = $4, last_price = $5, updated_at = now()`,
      [accountId, p.symbol, p.qty, p.avgPrice, p.lastPrice],
    );
  }

  /** Marks positions of `symbol` at a bar's close: of one account, of one workspace, or of every account holding it. */
  async markPrice(symbol: string, price: number, accountId?: string, workspaceId?: string): Promise<void> {
    await this.db.query(
      `UPDATE paper_positions p SET last_price = $2, updated_at = now() FROM paper_accounts a
       WHERE a.id = p.account_id AND p.symbol = $1 AND ($3::uuid IS NULL OR p.account_id = $3) AND ($4::uuid IS NULL OR a.workspace_id = $4)`,
      [symbol, price, accountId ?? null, workspaceId ?? null],
    );
  }
}
