import type { Bar } from '@wealist/trading-sdk';
import { barProblem, findGaps, timeframeMs, type Timeframe } from './market-data.types';
import { mulberry32, SampleFeedAdapter, type SampleFeedOptions } from './sample-feed.adapter';

async function collect(options: SampleFeedOptions, tf: Timeframe, from: number, count: number): Promise<Bar[]> {
  const out: Bar[] = [];
  const to = from + (count - 1) * timeframeMs(tf);
  for await (const batch of new SampleFeedAdapter(options).fetchBars('DEMO', tf, from, to)) out.push(...batch);
  return out;
}

describe('sample feed', () => {
  const from = Date.UTC(2024, 0, 1);

  it('mulberry32 is a pure function of the seed', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(mulberry32(43)()).not.toBe(xs[0]);
  });

  it('same seed → identical bars; another seed → other bars', async () => {
    const options = { seed: 7, startPrice: 100, volatility: 0.4, batchSize: 333 };
    const one = await collect(options, '1h', from, 2_000);
    expect(await collect(options, '1h', from, 2_000)).toEqual(one);
    expect((await collect({ ...options, seed: 8 }, '1h', from, 2_000)).map((b) => b.close)).not.toEqual(one.map((b) => b.close));
  });

  it('yields consistent, aligned, gapless bars starting at the price asked for', async () => {
    const bars = await collect({ seed: 1, startPrice: 50, volatility: 0.8, batchSize: 1_000 }, '5m', from + 1, 5_000);
    expect(bars).toHaveLength(4_999); // `from` is rounded up to the next 5-minute boundary
    expect(bars[0]).toMatchObject({ time: from + 300_000, open: 50 });
    expect(bars.map((b) => barProblem(b, 300_000)).filter(Boolean)).toEqual([]);
    expect(findGaps(bars.map((b) => b.time), 300_000).total).toBe(0);
    for (let i = 1; i < bars.length; i++) expect(bars[i].open).toBe(bars[i - 1].close);
    expect(bars.some((b) => b.close !== 50)).toBe(true);
    expect(bars.every((b) => Number.isInteger(b.volume) && b.volume >= 0)).toBe(true);
  });

  it('keeps prices positive under extreme volatility', async () => {
    const bars = await collect({ seed: 3, startPrice: 0.01, volatility: 5 }, '1d', from, 3_000);
    expect(bars.every((b) => b.low > 0 && barProblem(b, 86_400_000) === null)).toBe(true);
  });
});
