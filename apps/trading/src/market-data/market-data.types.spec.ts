import { barProblem, findGaps, normalizeSymbol, timeframeMs, TIMEFRAMES } from './market-data.types';
import { parseCsvTime, parseIsoTime, parseQueryTime } from './time.parser';

describe('market data basics', () => {
  it('knows the timeframes and their length', () => {
    expect(TIMEFRAMES).toEqual(['1m', '5m', '15m', '1h', '4h', '1d']);
    expect(TIMEFRAMES.map(timeframeMs)).toEqual([60_000, 300_000, 900_000, 3_600_000, 14_400_000, 86_400_000]);
    expect(() => timeframeMs('2m')).toThrow(/unknown timeframe/);
  });

  it('normalizes symbols and refuses bad ones', () => {
    expect(normalizeSymbol('  brk.b ')).toBe('BRK.B');
    expect(normalizeSymbol('btc/usd')).toBe('BTC/USD');
    expect(normalizeSymbol('-X')).toBeNull();
    expect(normalizeSymbol('A'.repeat(33))).toBeNull();
    expect(normalizeSymbol('A B')).toBeNull();
    expect(normalizeSymbol(42)).toBeNull();
  });

  it('checks OHLC consistency, positivity and alignment', () => {
    const bar = { time: 60_000, open: 10, high: 12, low: 9, close: 11, volume: 0 };
    expect(barProblem(bar, 60_000)).toBeNull();
    expect(barProblem({ ...bar, high: 10.5 }, 60_000)).toMatch(/high/);
    expect(barProblem({ ...bar, low: 10.5 }, 60_000)).toMatch(/low/);
    expect(barProblem({ ...bar, open: 0, low: 0 }, 60_000)).toMatch(/positive/);
    expect(barProblem({ ...bar, volume: NaN }, 60_000)).toMatch(/volume/);
    expect(barProblem({ ...bar, time: 90_000 }, 60_000)).toMatch(/aligned/);
  });

  it('reports gaps at the timeframe spacing without filling them', () => {
    const m = 60_000;
    expect(findGaps([0, m, 4 * m, 5 * m, 7 * m], m)).toEqual({
      gaps: [
        { from: 2 * m, to: 3 * m, missingBars: 2 },
        { from: 6 * m, to: 6 * m, missingBars: 1 },
      ],
      total: 2,
      missingBars: 3,
    });
    expect(findGaps([0, 2 * m, 4 * m], m, 1)).toMatchObject({ gaps: [{ from: m }], total: 2 });
  });

  it('parses times: ISO as UTC, epoch seconds vs ms by magnitude, query times as ms only', () => {
    expect(parseIsoTime('2024-01-02T03:04:05.5Z')).toBe(Date.UTC(2024, 0, 2, 3, 4, 5, 500));
    expect(parseIsoTime('2024-01-02T03:04')).toBe(Date.UTC(2024, 0, 2, 3, 4));
    expect(parseIsoTime('2024-01-02T03:00-0130')).toBe(Date.UTC(2024, 0, 2, 4, 30));
    expect(parseIsoTime('2024-02-30')).toBeNull();
    expect(parseIsoTime('2024-01-02T24:00')).toBeNull();
    expect(parseCsvTime('1704164400')).toBe(1_704_164_400_000);
    expect(parseCsvTime('1704164400000')).toBe(1_704_164_400_000);
    expect(parseCsvTime('-5')).toBeNull();
    expect(parseQueryTime('1704164400')).toBe(1_704_164_400);
    expect(parseQueryTime('2024-01-02')).toBe(Date.UTC(2024, 0, 2));
    expect(parseQueryTime('yesterday')).toBeNull();
  });
});
