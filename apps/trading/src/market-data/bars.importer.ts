import { ConflictException, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Bar } from '@wealist/trading-sdk';
import type { DataSource, EntityManager } from 'typeorm';
import { emptyColumns, type BarColumns } from './csv.parser';
import { barProblem, findGaps, timeframeMs, type Gap, type Timeframe } from './market-data.types';

/**
 * What happens to bars that already exist at an imported time:
 * - reject (default): 409 naming the first clash, nothing stored, so a re-upload never silently
 *   rewrites history;
 * - merge: imported bars overwrite same-time bars, the rest of the series stays;
 * - replace: the series becomes exactly the imported bars.
 */
export const IMPORT_MODES = ['reject', 'merge', 'replace'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

export interface ImportOutcome {
  symbol: string;
  timeframe: Timeframe;
  /** Bars that did not exist before. */
  inserted: number;
  /** Existing bars overwritten (merge mode). */
  updated: number;
  /** Open time of the first and last imported bar (epoch ms). */
  first: number;
  last: number;
  /** Missing bars between consecutive imported ones (the first 100; gapCount counts all). */
  gaps: Gap[];
  gapCount: number;
  missingBars: number;
}

interface SeriesState {
  first: number | null;
  last: number | null;
  count: number;
}

/** Rows per INSERT: big enough that the round trips vanish, small enough for modest statements. */
const CHUNK = 20_000;
const UPSERT = `ON CONFLICT (workspace_id, symbol, timeframe, time) DO UPDATE SET
  open = EXCLUDED.open, high = EXCLUDED.high, low = EXCLUDED.low, close = EXCLUDED.close, volume = EXCLUDED.volume`;

function iso(time: number): string {
  return new Date(time).toISOString();
}

/** Writes bars: all-or-nothing imports and single live bars, with the series summary kept in step. */
@Injectable()
export class BarsImporter {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Stores batches of ascending bars in ONE transaction: any invalid bar, clash or failure rolls
   * back everything. Bars are checked here again, so a feed adapter cannot store what a CSV could not.
   */
  async import(workspaceId: string, symbol: string, timeframe: Timeframe, batches: AsyncIterable<BarColumns>, mode: ImportMode, source: string): Promise<ImportOutcome> {
    return this.db.transaction((m) => this.write(m, workspaceId, symbol, timeframe, batches, mode, source)).catch((err: unknown) => {
      // The series lock makes this unreachable in practice; if it happens it is a clash, not a 500.
      if ((err as { code?: string }).code === '23505') throw new ConflictException(`${symbol} ${timeframe} changed during the import; nothing was imported, try again`);
      throw err;
    });
  }

  private async write(m: EntityManager, workspaceId: string, symbol: string, timeframe: Timeframe, batches: AsyncIterable<BarColumns>, mode: ImportMode, source: string): Promise<ImportOutcome> {
    const step = timeframeMs(timeframe);
    const existing = await this.lockSeries(m, workspaceId, symbol, timeframe);
    if (mode === 'replace' && existing.count > 0) {
      await m.query(`DELETE FROM bars WHERE workspace_id = $1 AND symbol = $2 AND timeframe = $3`, [workspaceId, symbol, timeframe]);
      Object.assign(existing, { first: null, last: null, count: 0 });
    }
    const out: ImportOutcome = { symbol, timeframe, inserted: 0, updated: 0, first: -1, last: -1, gaps: [], gapCount: 0, missingBars: 0 };
    for await (const batch of batches) {
      for (let i = 0; i < batch.time.length; i += CHUNK) {
        const chunk = slice(batch, i, i + CHUNK);
        this.check(chunk, out.last, step, source);
        const gaps = findGaps(out.last < 0 ? chunk.time : [out.last, ...chunk.time], step, 100 - out.gaps.length);
        out.gaps.push(...gaps.gaps);
        out.gapCount += gaps.total;
        out.missingBars += gaps.missingBars;
        if (mode === 'reject') await this.rejectClash(m, workspaceId, symbol, timeframe, chunk, existing);
        const fresh = await this.insert(m, workspaceId, symbol, timeframe, chunk, mode === 'merge');
        out.inserted += fresh;
        out.updated += chunk.time.length - fresh;
        if (out.first < 0) out.first = chunk.time[0];
        out.last = chunk.time[chunk.time.length - 1];
      }
    }
    if (out.first < 0) throw new UnprocessableEntityException(`The ${source} delivered no bars for ${symbol} ${timeframe}; nothing was imported`);
    await m.query(
      `UPDATE market_series SET first_time = $4, last_time = $5, bar_count = $6, updated_at = now()
        WHERE workspace_id = $1 AND symbol = $2 AND timeframe = $3`,
      [workspaceId, symbol, timeframe, Math.min(existing.first ?? out.first, out.first), Math.max(existing.last ?? out.last, out.last), existing.count + out.inserted],
    );
    return out;
  }

  /** Upserts one bar (a live bar may be re-sent while it forms); true when it is a new bar. */
  async upsertOne(workspaceId: string, symbol: string, timeframe: Timeframe, bar: Bar): Promise<boolean> {
    return this.db.transaction(async (m) => {
      const existing = await this.lockSeries(m, workspaceId, symbol, timeframe);
      const columns = emptyColumns();
      pushBar(columns, bar);
      const fresh = (await this.insert(m, workspaceId, symbol, timeframe, columns, true)) === 1;
      await m.query(
        `UPDATE market_series SET first_time = $4, last_time = $5, bar_count = $6, updated_at = now()
          WHERE workspace_id = $1 AND symbol = $2 AND timeframe = $3`,
        [workspaceId, symbol, timeframe, Math.min(existing.first ?? bar.time, bar.time), Math.max(existing.last ?? bar.time, bar.time), existing.count + (fresh ? 1 : 0)],
      );
      return fresh;
    });
  }

  /** Creates the series row if needed and locks it: writers of one series take turns, never deadlock. */
  private async lockSeries(m: EntityManager, workspaceId: string, symbol: string, timeframe: Timeframe): Promise<SeriesState> {
    const [row] = (await m.query(
      `INSERT INTO market_series (workspace_id, symbol, timeframe) VALUES ($1, $2, $3)
        ON CONFLICT (workspace_id, symbol, timeframe) DO UPDATE SET updated_at = now()
        RETURNING first_time, last_time, bar_count`,
      [workspaceId, symbol, timeframe],
    )) as { first_time: string | null; last_time: string | null; bar_count: string }[];
    return {
      first: row.first_time === null ? null : Number(row.first_time),
      last: row.last_time === null ? null : Number(row.last_time),
      count: Number(row.bar_count),
    };
  }

  private check(chunk: BarColumns, previous: number, step: number, source: string): void {
    let prev = previous;
    for (let i = 0; i < chunk.time.length; i++) {
      const bar = { time: chunk.time[i], open: chunk.open[i], high: chunk.high[i], low: chunk.low[i], close: chunk.close[i], volume: chunk.volume[i] };
      const problem = barProblem(bar, step) ?? (bar.time <= prev ? `time ${iso(bar.time)} is not after the previous bar` : null);
      if (problem) throw new UnprocessableEntityException(`The ${source} delivered an invalid bar at ${Number.isFinite(bar.time) ? bar.time : '?'}: ${problem}`);
      prev = bar.time;
    }
  }

  private async rejectClash(m: EntityManager, workspaceId: string, symbol: string, timeframe: Timeframe, chunk: BarColumns, existing: SeriesState): Promise<void> {
    if (existing.count === 0 || existing.first === null || existing.last === null) return;
    const [lo, hi] = [chunk.time[0], chunk.time[chunk.time.length - 1]];
    if (hi < existing.first || lo > existing.last) return;
    const [clash] = (await m.query(
      `SELECT time FROM bars WHERE workspace_id = $1 AND symbol = $2 AND timeframe = $3 AND time = ANY($4::bigint[]) ORDER BY time LIMIT 1`,
      [workspaceId, symbol, timeframe, chunk.time],
    )) as { time: string }[];
    if (clash) {
      const time = Number(clash.time);
      throw new ConflictException(
        `${symbol} ${timeframe} already has a bar at ${iso(time)} (${time}); use ?mode=merge to overwrite overlapping bars or ?mode=replace to replace the whole series`,
      );
    }
  }

  /** Multi-row insert from arrays (unnest): one statement per chunk; returns how many rows are new. */
  private async insert(m: EntityManager, workspaceId: string, symbol: string, timeframe: Timeframe, c: BarColumns, upsert: boolean): Promise<number> {
    const [row] = (await m.query(
      `WITH ins AS (
         INSERT INTO bars (workspace_id, symbol, timeframe, time, open, high, low, close, volume)
         SELECT $1, $2, $3, * FROM unnest($4::bigint[], $5::float8[], $6::float8[], $7::float8[], $8::float8[], $9::float8[])
         ${upsert ? UPSERT : ''}
         RETURNING (xmax = 0) AS fresh)
       SELECT count(*) FILTER (WHERE fresh) AS fresh FROM ins`,
      [workspaceId, symbol, timeframe, c.time, c.open, c.high, c.low, c.close, c.volume],
    )) as { fresh: string }[];
    return Number(row.fresh);
  }
}

function pushBar(c: BarColumns, bar: Bar): void {
  c.time.push(bar.time);
  c.open.push(bar.open);
  c.high.push(bar.high);
  c.low.push(bar.low);
  c.close.push(bar.close);
  c.volume.push(bar.volume);
}

function slice(c: BarColumns, from: number, to: number): BarColumns {
  if (from === 0 && c.time.length <= to) return c;
  return { time: c.time.slice(from, to), open: c.open.slice(from, to), high: c.high.slice(from, to), low: c.low.slice(from, to), close: c.close.slice(from, to), volume: c.volume.slice(from, to) };
}

/** Bar batches of a feed as columns, for the importer. */
export async function* barsAsColumns(batches: AsyncIterable<Bar[]>): AsyncIterable<BarColumns> {
  for await (const batch of batches) {
    const columns = emptyColumns();
    for (const bar of batch) pushBar(columns, bar);
    yield columns;
  }
}
