// The code that runs inside a strategy's isolate before the user's code: the SDK, the backtest
// session and the live runner, plus the entry points the host calls. It is bundled into one
// script (tools/build/isolate-runtime.js). The host takes references to the entry points and
// deletes them from the global object before user code runs; then every built-in is frozen so
// user code cannot change what the engine relies on (prototype pollution) or fake results.
import * as sdk from '../index';
import type { Bar, LiveAccountView, SessionOptions, Strategy, StrategyParams } from '../index';
import { harden, pollutionCheck } from './harden';

interface BacktestConfig extends SessionOptions {
  maxResultBytes: number;
}
interface LiveConfig {
  symbols: string[];
  params: StrategyParams;
  history: Record<string, Bar[]>;
}
type Factory = (module: { exports: unknown }, exports: unknown, require: (name: string) => unknown) => void;

const SDK_NAME = '@wealist/trading-sdk';
const frozenSdk = Object.freeze({ ...sdk });
let strategy: Strategy | undefined;
let session: sdk.BacktestSession | undefined;
let live: sdk.LiveRunner | undefined;
let maxResultBytes = 0;
let checkPollution: () => void = () => undefined;

/** The only module a strategy can import; anything else fails like a missing module would. */
function sdkRequire(name: string): unknown {
  if (name === SDK_NAME) return frozenSdk;
  throw new Error(`Cannot import '${String(name)}': strategies can only import '${SDK_NAME}'`);
}

function resolveStrategy(exported: unknown): Strategy {
  const candidates = [exported, (exported as { default?: unknown } | null)?.default];
  for (const c of candidates) {
    if (c && typeof (c as Strategy).onBar === 'function') return c as Strategy;
  }
  throw new TypeError('the strategy must export an onBar(ctx) function (export default { onBar(ctx) { ... } } or export function onBar)');
}

function load(factory: Factory): void {
  delete (globalThis as { __wl_load?: unknown }).__wl_load;
  harden(globalThis, [frozenSdk]);
  checkPollution = pollutionCheck();
  const module = { exports: {} as unknown };
  factory.call(undefined, module, module.exports, sdkRequire);
  checkPollution();
  strategy = resolveStrategy(module.exports);
}

const api = {
  backtestStart(configJson: string): void {
    const config = JSON.parse(configJson) as BacktestConfig;
    maxResultBytes = config.maxResultBytes;
    session = new sdk.BacktestSession(strategy as Strategy, config);
  },
  /** One batch: rows of 7 numbers (symbol index, time, open, high, low, close, volume). */
  backtestPush(buffer: ArrayBuffer): number {
    const s = session as sdk.BacktestSession;
    const rows = new Float64Array(buffer);
    for (let i = 0; i < rows.length; i += 7) s.push(rows[i], rows[i + 1], rows[i + 2], rows[i + 3], rows[i + 4], rows[i + 5], rows[i + 6]);
    checkPollution();
    return s.barsProcessed;
  },
  backtestFinish(): string {
    const result = (session as sdk.BacktestSession).finish();
    checkPollution();
    const json = JSON.stringify(result, (_k, v: unknown) => (v === Infinity ? 'Infinity' : v));
    if (json.length > maxResultBytes) throw new RangeError(`the backtest result is ${json.length} bytes, more than the ${maxResultBytes} allowed`);
    return json;
  },
  liveStart(configJson: string): void {
    const config = JSON.parse(configJson) as LiveConfig;
    live = new sdk.LiveRunner(strategy as Strategy, config);
  },
  liveBar(inputJson: string): string {
    const input = JSON.parse(inputJson) as { symbol: string; bar: Bar; account: LiveAccountView };
    const step = (live as sdk.LiveRunner).onBar(input.symbol, input.bar, input.account);
    checkPollution();
    return JSON.stringify(step);
  },
};

Object.defineProperty(globalThis, '__wl_api', { value: api, configurable: true });
Object.defineProperty(globalThis, '__wl_load', { value: load, configurable: true });
