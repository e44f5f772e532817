// `npm run bench:trading`: one run prints
//  1. bars/s of an SMA(20/50) crossover over 1,000,000 bars run in the sandbox (isolated-vm,
//     bars crossing in batches) against the same strategy as plain JS in this process, and the
//     ratio (goal >= 0.5x);
//  2. the absolute time of those 1M sandboxed bars including isolate creation (goal <= 250 ms);
//  3. the sandboxed rate against backtrader's published 14.7k bars/s on CPython (goal >= 100x).
// Both sides run the same BacktestSession (fills, portfolio, equity, metrics) and strategy.
import { BacktestSession, Sma, type Strategy } from '@wealist/trading-sdk';
import { ROW_WIDTH, RESULT_LIMITS } from '../src/sandbox/sandboxed-backtest';
import { compileStrategy } from '../src/sandbox/strategy-compiler';
import { StrategySandbox } from '../src/sandbox/strategy-sandbox';
import { join } from 'node:path';

// The runtime bundler is a build script (tools/build), not a library; the service gets the same
// bundle through its webpack loader.
const { bundleIsolateRuntime } = require(join(__dirname, '../../../tools/build/isolate-runtime.js')) as { bundleIsolateRuntime(): string };

const BARS = Number(process.env['BENCH_BARS'] ?? 1_000_000);
const BATCH = Number(process.env['BENCH_BATCH'] ?? 10_000);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 5);
const BACKTRADER_BARS_PER_S = 14_700;
const PARAMS = { fast: 20, slow: 50 };

const SOURCE = `import { Sma } from '@wealist/trading-sdk';
export default {
  init(ctx) {
    ctx.state.fast = new Sma(ctx.params.fast);
    ctx.state.slow = new Sma(ctx.params.slow);
  },
  onBar(ctx) {
    const f = ctx.state.fast.update(ctx.bar.close);
    const s = ctx.state.slow.update(ctx.bar.close);
    if (f === undefined || s === undefined) return;
    const qty = ctx.position().qty;
    if (f > s && qty <= 0) ctx.targetPosition(100);
    else if (f < s && qty >= 0) ctx.targetPosition(-100);
  },
};`;

const plain: Strategy<typeof PARAMS> = {
  init(ctx) {
    ctx.state['fast'] = new Sma(ctx.params.fast);
    ctx.state['slow'] = new Sma(ctx.params.slow);
  },
  onBar(ctx) {
    const f = (ctx.state['fast'] as Sma).update(ctx.bar.close);
    const s = (ctx.state['slow'] as Sma).update(ctx.bar.close);
    if (f === undefined || s === undefined) return;
    const qty = ctx.position().qty;
    if (f > s && qty <= 0) ctx.targetPosition(100);
    else if (f < s && qty >= 0) ctx.targetPosition(-100);
  },
};

/** A seeded random walk of minute bars, already in the batch layout the service streams. */
function batches(): Float64Array[] {
  let seed = 42;
  const rand = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31) - 0.5;
  const out: Float64Array[] = [];
  let price = 100;
  for (let i = 0; i < BARS; i += BATCH) {
    const n = Math.min(BATCH, BARS - i);
    const rows = new Float64Array(n * ROW_WIDTH);
    for (let j = 0; j < n; j++) {
      const open = price;
      const close = Math.max(1, open * (1 + rand() * 0.004));
      price = close;
      rows.set([0, (i + j) * 60_000, open, Math.max(open, close) * 1.001, Math.min(open, close) * 0.999, close, 1_000], j * ROW_WIDTH);
    }
    out.push(rows);
  }
  return out;
}

function runPlain(data: Float64Array[]): number {
  const session = new BacktestSession(plain, { symbols: ['SYM'], capital: 1_000_000, params: PARAMS, periodsPerYear: 252 * 390, expectedBars: BARS, ...RESULT_LIMITS });
  for (const rows of data) for (let i = 0; i < rows.length; i += ROW_WIDTH) session.push(rows[i], rows[i + 1], rows[i + 2], rows[i + 3], rows[i + 4], rows[i + 5], rows[i + 6]);
  return session.finish().totals.trades;
}

async function main(): Promise<void> {
  const data = batches();
  const sandbox = new StrategySandbox(bundleIsolateRuntime(), { SANDBOX_MEMORY_MB: 256, SANDBOX_CALL_TIMEOUT_MS: 10_000 });
  const compiled = compileStrategy(SOURCE, 'javascript');
  const runSandboxed = async () => {
    const r = await sandbox.backtest(compiled, { symbols: ['SYM'], capital: 1_000_000, params: PARAMS, periodsPerYear: 252 * 390, expectedBars: BARS }, data, { cpuBudgetMs: 60_000 });
    return r.result.totals.trades;
  };
  // Warm both paths once (JIT of the host code), then take the best of a few rounds each.
  const tradesPlain = runPlain(data);
  const tradesBox = await runSandboxed();
  if (tradesPlain !== tradesBox) throw new Error(`results differ: ${tradesPlain} vs ${tradesBox} trades`);
  let bestPlain = Infinity;
  let bestBox = Infinity;
  for (let r = 0; r < ROUNDS; r++) {
    let t = performance.now();
    runPlain(data);
    bestPlain = Math.min(bestPlain, performance.now() - t);
    t = performance.now();
    await runSandboxed(); // includes isolate creation, runtime and strategy compilation
    bestBox = Math.min(bestBox, performance.now() - t);
  }
  const rate = (ms: number) => (BARS / ms) * 1000;
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  console.log(`SMA(${PARAMS.fast}/${PARAMS.slow}) crossover, ${fmt(BARS)} bars, batches of ${fmt(BATCH)}, ${tradesBox} trades, best of ${ROUNDS}`);
  console.log(`  plain JS in process : ${bestPlain.toFixed(0)} ms  ${fmt(rate(bestPlain))} bars/s`);
  console.log(`  sandboxed (isolate) : ${bestBox.toFixed(0)} ms  ${fmt(rate(bestBox))} bars/s  (incl. isolate creation; goal <= 250 ms)`);
  console.log(`  sandboxed / plain   : ${(rate(bestBox) / rate(bestPlain)).toFixed(2)}x (goal >= 0.5x)`);
  console.log(`  vs backtrader 14.7k bars/s: ${(rate(bestBox) / BACKTRADER_BARS_PER_S).toFixed(0)}x (goal >= 100x)`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
