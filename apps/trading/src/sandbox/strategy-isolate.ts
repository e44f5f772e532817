import ivm from 'isolated-vm';
import { StrategyError, type CompiledStrategy } from './sandbox.types';
import { locateInSource, STRATEGY_FILENAME } from './source-locations';

export interface IsolateLimits {
  memoryMb: number;
  /** Wall-clock limit of one call into the isolate. */
  callTimeoutMs: number;
}

type EntryPoint = 'backtestStart' | 'backtestPush' | 'backtestFinish' | 'liveStart' | 'liveBar';
const ENTRY_POINTS: readonly EntryPoint[] = ['backtestStart', 'backtestPush', 'backtestFinish', 'liveStart', 'liveBar'];

/**
 * One isolate running one strategy: the SDK runtime first, then the user's script. Isolates
 * have their own heap and thread: no require, process, timers, file system or network exist
 * there, calls run off the service's event loop, and disposing one ends it at once.
 */
export class StrategyIsolate {
  private constructor(
    private readonly isolate: ivm.Isolate,
    private readonly entry: Record<EntryPoint, ivm.Reference<(...args: unknown[]) => unknown>>,
    readonly strategy: CompiledStrategy,
    private readonly limits: IsolateLimits,
  ) {}

  static async create(runtimeSource: string, strategy: CompiledStrategy, limits: IsolateLimits): Promise<StrategyIsolate> {
    const isolate = new ivm.Isolate({ memoryLimit: limits.memoryMb });
    try {
      const context = await isolate.createContext();
      const runtime = await isolate.compileScript(runtimeSource, { filename: 'runtime.js' });
      await runtime.run(context, { timeout: limits.callTimeoutMs });
      const api = (await context.global.get('__wl_api', { reference: true })) as ivm.Reference<Record<string, unknown>>;
      const entry = {} as Record<EntryPoint, ivm.Reference<(...args: unknown[]) => unknown>>;
      for (const name of ENTRY_POINTS) entry[name] = (await api.get(name, { reference: true })) as ivm.Reference<(...args: unknown[]) => unknown>;
      // User code must not find the entry points: the host holds the only references now.
      await context.eval('delete globalThis.__wl_api', { timeout: limits.callTimeoutMs });
      const self = new StrategyIsolate(isolate, entry, strategy, limits);
      await self.guard(async () => {
        // The wrapper sits on its own line (lineOffset -1): stack lines are the script's lines.
        // Strict mode: writes to frozen built-ins throw instead of failing silently.
        const script = await isolate.compileScript(`__wl_load(function (module, exports, require) { 'use strict';\n${strategy.code}\n});`, {
          filename: STRATEGY_FILENAME,
          lineOffset: -1,
        });
        await script.run(context, { timeout: limits.callTimeoutMs });
      });
      return self;
    } catch (err) {
      if (!isolate.isDisposed) isolate.dispose();
      throw err;
    }
  }

  /** Calls an entry point with copyable arguments (strings, numbers, ArrayBuffers); returns a copy. */
  call<T>(name: EntryPoint, args: unknown[], timeoutMs = this.limits.callTimeoutMs): Promise<T> {
    return this.guard(
      () =>
        this.entry[name].apply(undefined, args, {
          arguments: { copy: true },
          result: { copy: true },
          timeout: Math.max(1, Math.floor(timeoutMs)),
        }) as Promise<T>,
    );
  }

  get callTimeoutMs(): number {
    return this.limits.callTimeoutMs;
  }

  /** CPU time spent in this isolate so far. */
  cpuTimeMs(): number {
    return this.isolate.isDisposed ? 0 : Number(this.isolate.cpuTime) / 1e6;
  }

  get disposed(): boolean {
    return this.isolate.isDisposed;
  }

  dispose(): void {
    if (!this.isolate.isDisposed) this.isolate.dispose();
  }

  /** Runs `fn` and turns whatever the isolate threw into a StrategyError the user can read. */
  private async guard<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw this.toStrategyError(err);
    }
  }

  private toStrategyError(err: unknown): StrategyError {
    if (err instanceof StrategyError) return err;
    const message = err instanceof Error ? err.message : String(err);
    if (/memory limit/i.test(message)) return new StrategyError('memory', `the strategy used more than ${this.limits.memoryMb} MB of memory`);
    if (/timed out/i.test(message)) return new StrategyError('timeout', `a call into the strategy ran longer than ${this.limits.callTimeoutMs} ms`);
    if (/isolate is disposed/i.test(message)) return new StrategyError('cancelled', 'the strategy was stopped');
    if (err instanceof SyntaxError && !locateInSource(err.stack, this.strategy)) return new StrategyError('compile', message);
    const name = err instanceof Error && err.name !== 'Error' ? `${err.name}: ` : '';
    return new StrategyError('runtime', `${name}${message}`, err instanceof Error ? locateInSource(err.stack, this.strategy) : undefined);
  }
}
