import { liveBarChannel, parseLiveBar } from './live-bars.channel';

describe('live bar contract', () => {
  const bar = { symbol: 'AAPL', timeframe: '1m', time: 1_704_164_400_000, open: 1, high: 2, low: 0.5, close: 1.5, volume: 3 };

  it('names channels with the prefix, timeframe and symbol', () => {
    expect(liveBarChannel('t1:', '1m', 'AAPL')).toBe('t1:trading:bars:1m:AAPL');
    expect(liveBarChannel('', '1d', 'BTC/USD')).toBe('trading:bars:1d:BTC/USD');
  });

  it('parses valid messages (string, Buffer or object) and keeps the workspace when present', () => {
    expect(parseLiveBar(JSON.stringify(bar))).toEqual(bar);
    expect(parseLiveBar(Buffer.from(JSON.stringify({ ...bar, workspaceId: 'w' })))).toEqual({ ...bar, workspaceId: 'w' });
    expect(parseLiveBar({ ...bar, extra: 1 })).toEqual(bar);
  });

  it('returns null for anything that is not a valid bar', () => {
    expect(parseLiveBar('{nope')).toBeNull();
    expect(parseLiveBar('null')).toBeNull();
    expect(parseLiveBar({ ...bar, symbol: 'aapl' })).toBeNull();
    expect(parseLiveBar({ ...bar, timeframe: '2m' })).toBeNull();
    expect(parseLiveBar({ ...bar, high: 1.2 })).toBeNull();
    expect(parseLiveBar({ ...bar, time: bar.time + 1 })).toBeNull();
    expect(parseLiveBar({ ...bar, close: '1.5' })).toBeNull();
  });
});
