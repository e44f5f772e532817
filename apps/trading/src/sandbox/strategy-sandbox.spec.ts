import { runBacktest, Sma, type Bar, type Strategy } from '@wealist/trading-sdk';
import { ROW_WIDTH } from './sandboxed-backtest';
import { StrategyError } from './sandbox.types';
import { compileStrategy } from './strategy-compiler';
import STRATEGY_RUNTIME_SOURCE from './strategy-runtime.source';
import { StrategySandbox } from './strategy-sandbox';

const DAY = 86_400_000;
const sandbox = new StrategySandbox(STRATEGY_RUNTIME_SOURCE, { SANDBOX_MEMORY_MB: 64, SANDBOX_CALL_TIMEOUT_MS: 1_000 });

/** A deterministic zig-zag walk, so crossovers happen. */
function series(n: number): Bar[] {
  return Array.from({ length: n }, (_, i) => {
    const close = 100 + 10 * Math.sin(i / 7) + i * 0.01;
    const open = close - 0.5 * Math.cos(i);
    return { time: i * DAY, open, high: Math.max(open, close) + 1, low: Math.min(open, close) - 1, close, volume: 1_000 };
  });
}

function rows(bars: Bar[], batch = 50): Float64Array[] {
  const out: Float64Array[] = [];
  for (let i = 0; i < bars.length; i += batch) {
    const chunk = bars.slice(i, i + batch);
    const a = new Float64Array(chunk.length * ROW_WIDTH);
    chunk.forEach((b, j) => a.set([0, b.time, b.open, b.high, b.low, b.close, b.volume], j * ROW_WIDTH));
    out.push(a);
  }
  return out;
}

const CROSSOVER_TS = `import { Sma, type Strategy } from '@wealist/trading-sdk';

interface State { fast: Sma; slow: Sma }

const strategy: Strategy<{ fast: number; slow: number }> = {
  init(ctx) {
    ctx.state.fast = new Sma(ctx.params.fast);
    ctx.state.slow = new Sma(ctx.params.slow);
  },
  onBar(ctx) {
    const s = ctx.state as unknown as State;
    const f = s.fast.update(ctx.bar.close);
    const l = s.slow.update(ctx.bar.close);
    if (f === undefined || l === undefined) return;
    const qty = ctx.position().qty;
    if (f > l && qty <= 0) ctx.targetPosition(10);
    else if (f < l && qty >= 0) ctx.targetPosition(-10);
  },
};
export default strategy;
`;

const run = (source: string, bars = series(300), extra: Partial<Parameters<StrategySandbox['backtest']>[3]> = {}) =>
  sandbox.backtest(compileStrategy(source, 'typescript'), { symbols: ['X'], capital: 10_000, params: { fast: 5, slow: 20 }, periodsPerYear: 252 }, rows(bars), {
    cpuBudgetMs: 5_000,
    ...extra,
  }).then((o) => o.result);

async function failure(p: Promise<unknown>): Promise<StrategyError> {
  const err = await p.then(
    () => new Error('expected the strategy to fail'),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(StrategyError);
  return err as StrategyError;
}

describe('strategy sandbox', () => {
  it('gives the same result as the strategy run as plain JS in the process', async () => {
    const bars = series(300);
    const plain: Strategy<{ fast: number; slow: number }> = {
      init(ctx) {
        ctx.state['fast'] = new Sma(ctx.params.fast);
        ctx.state['slow'] = new Sma(ctx.params.slow);
      },
      onBar(ctx) {
        const f = (ctx.state['fast'] as Sma).update(ctx.bar.close);
        const l = (ctx.state['slow'] as Sma).update(ctx.bar.close);
        if (f === undefined || l === undefined) return;
        const qty = ctx.position().qty;
        if (f > l && qty <= 0) ctx.targetPosition(10);
        else if (f < l && qty >= 0) ctx.targetPosition(-10);
      },
    };
    const expected = runBacktest(plain, { bars: { X: bars }, capital: 10_000, params: { fast: 5, slow: 20 } });
    const got = await run(CROSSOVER_TS, bars);
    expect(got.totals.trades).toBeGreaterThan(3);
    expect(got.metrics).toEqual(expected.metrics);
    expect(got.trades).toEqual(expected.trades);
    expect(got.equity).toEqual(expected.equity);
  });

  it('reports syntax errors with the line and column of the source', () => {
    const err = (() => {
      try {
        compileStrategy('export default {\n  onBar(ctx) {\n    const x = ;\n  },\n};\n', 'typescript');
      } catch (e) {
        return e as StrategyError;
      }
      throw new Error('expected a compile error');
    })();
    expect(err).toMatchObject({ kind: 'compile', location: { line: 3, column: 15 } });
  });

  it('reports runtime errors at the line and column of the TypeScript source', async () => {
    const source = `type Ctx = { bar: { close: number } };\ninterface Unused { a: string }\n\nexport default {\n  onBar(ctx: Ctx): void {\n    const missing: { value: number } | undefined = undefined;\n    if (ctx.bar.close > 0) console.log(missing!.value);\n  },\n};\n`;
    const err = await failure(run(source));
    expect(err.kind).toBe('runtime');
    expect(err.message).toMatch(/console is not defined|Cannot read properties of undefined/);
    expect(err.location?.line).toBe(7);
  });

  it('points SDK argument errors at the user call that caused them', async () => {
    const err = await failure(run(`export default {\n  onBar(ctx) {\n    ctx.buy(-5);\n  },\n};\n`));
    expect(err).toMatchObject({ kind: 'runtime', location: { line: 3 } });
    expect(err.message).toMatch(/qty must be a positive number/);
  });

  it.each([
    ['process through constructors', `export default { onBar() { const P = (function () {}).constructor('return process')(); P.exit(1); } };`, /process is not defined/],
    ['require of a Node module', `export default { onBar() { require('child_process').execSync('id'); } };`, /can only import '@wealist\/trading-sdk'/],
    ['an import statement', `import { readFileSync } from 'fs';\nexport default { onBar() { readFileSync('/etc/passwd'); } };`, /can only import/],
    ['timers', `export default { onBar() { setTimeout(() => 1, 10); } };`, /setTimeout is not defined/],
    ['fetch', `export default { onBar() { void fetch('http://127.0.0.1:5432'); } };`, /fetch is not defined/],
  ])('contains %s', async (_name, source, message) => {
    const err = await failure(run(source));
    expect(err.kind).toBe('runtime');
    expect(err.message).toMatch(message);
  });

  it('contains dynamic import()', async () => {
    const err = await failure(run(`let started = false;\nexport default { onBar() { if (!started) { started = true; import('fs').then(() => { throw new Error('escaped'); }); } throw new Error('import gave ' + typeof import('fs')); } };`));
    expect(err.kind).toBe('runtime');
    expect(err.message).not.toMatch(/escaped/);
  });

  it('stops an endless loop at the call timeout', async () => {
    const err = await failure(run(`export default { onBar() { for (;;) {} } };`));
    expect(err.kind).toBe('timeout');
  });

  it('stops a memory bomb at the heap limit', async () => {
    const err = await failure(run(`const keep: number[][] = [];\nexport default { onBar() { for (;;) keep.push(new Array(1e6).fill(1)); } };`));
    expect(err.kind).toBe('memory');
  });

  it('stops a run that spends more than its CPU budget, even across short calls', async () => {
    const err = await failure(run(`export default { onBar() { const end = Date.now() + 20; while (Date.now() < end) {} } };`, series(300), { cpuBudgetMs: 200 }));
    expect(err.kind).toBe('cpu-budget');
  });

  it('bounds huge outputs', async () => {
    const many = await run(`export default { onBar(ctx) { for (let i = 0; i < 50; i++) ctx.signal('s' + i, { i }); } };`);
    expect(many.totals.signals).toBe(300 * 50);
    expect(many.signals.length).toBe(1_000);
    const big = await failure(run(`export default { onBar(ctx) { ctx.signal('big', { blob: 'x'.repeat(200_000) }); } };`, series(300)));
    expect(big.kind).toBe('runtime');
    expect(big.message).toMatch(/more than the 4096 allowed/);
  });

  it('keeps built-ins locked: replacing them fails and the result stays the same', async () => {
    const tamperer = `${CROSSOVER_TS}\nconst refused: string[] = [];\nfor (const attack of [\n  () => { Array.prototype.push = function () { return 0; }; },\n  () => { (Math as any).max = () => 0; },\n  () => { (globalThis as any).JSON = { stringify: () => '{}' }; },\n  () => { (Sma.prototype as any).update = () => 1; },\n  () => { (Float64Array.prototype as any).set = () => undefined; },\n]) { try { attack(); } catch (e) { refused.push(String(e)); } }\nif (refused.length !== 5) throw new Error('a built-in was replaced: ' + refused.length);\n`;
    const [clean, tampered] = await Promise.all([run(CROSSOVER_TS), run(tamperer)]);
    expect(tampered.metrics).toEqual(clean.metrics);
  });

  it('stops a run that pollutes Object.prototype; other runs and the host are untouched', async () => {
    const polluter = `export default { onBar(ctx) { if (ctx.bar.time > 10 * 86400000) (Object.prototype as any).isAdmin = true; } };`;
    const [clean, polluted] = await Promise.all([run(CROSSOVER_TS), failure(run(polluter))]);
    expect(polluted).toMatchObject({ kind: 'runtime', message: expect.stringMatching(/built-in prototypes/) });
    expect(clean.totals.bars).toBe(300);
    expect(({} as Record<string, unknown>)['isAdmin']).toBeUndefined();
  });

  it('runs another backtest unaffected while one is stuck in a loop', async () => {
    const stuck = run(`export default { onBar() { for (;;) {} } };`);
    const fine = await run(CROSSOVER_TS);
    expect(fine.totals.bars).toBe(300);
    expect((await failure(stuck)).kind).toBe('timeout');
  });

  it('cancels a running backtest at once', async () => {
    const controller = new AbortController();
    const p = run(`export default { onBar() { const end = Date.now() + 5; while (Date.now() < end) {} } };`, series(300), { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect((await failure(p)).kind).toBe('cancelled');
  });

  it('runs live: orders, signals and positions from the broker view', async () => {
    const session = await sandbox.startLive({
      strategy: compileStrategy(`export default { onBar(ctx) { ctx.signal('seen', { n: ctx.history().length, qty: ctx.position().qty }); if (ctx.position().qty === 0) ctx.buy(3, { type: 'limit', limitPrice: 99 }); } };`, 'typescript'),
      params: {},
      symbols: ['X'],
      history: { X: series(5) },
    });
    try {
      const bar = series(6)[5];
      const step = await session.onBar('X', bar, { cash: 1_000, equity: 1_000, positions: [{ symbol: 'X', qty: 0, avgPrice: 0 }] });
      expect(step.orders).toEqual([expect.objectContaining({ localId: 1, symbol: 'X', side: 'buy', qty: 3, type: 'limit', limitPrice: 99 })]);
      expect(step.signals).toEqual([{ time: bar.time, symbol: 'X', name: 'seen', data: { n: 6, qty: 0 } }]);
      const held = await session.onBar('X', { ...bar, time: bar.time + DAY }, { cash: 700, equity: 1_000, positions: [{ symbol: 'X', qty: 3, avgPrice: 99 }] });
      expect(held.orders).toEqual([]);
      expect(held.signals[0].data).toEqual({ n: 7, qty: 3 });
      expect(session.cpuTimeMs()).toBeGreaterThan(0);
    } finally {
      session.dispose();
    }
  });

  it('refuses a strategy without onBar when checked', async () => {
    const err = await failure(sandbox.check(compileStrategy(`export const name = 'no handler';`, 'typescript')));
    expect(err.message).toMatch(/must export an onBar/);
  });
});
