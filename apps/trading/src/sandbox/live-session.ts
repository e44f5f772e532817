import type { Bar } from '@wealist/trading-sdk';
import type { LiveAccountView, LiveSession, LiveSessionOptions, LiveStepResult } from './sandbox.types';
import type { StrategyIsolate } from './strategy-isolate';

/** A strategy on live bars: its own isolate, one crossing per bar (live bars come one at a time). */
export class IsolateLiveSession implements LiveSession {
  private constructor(private readonly isolate: StrategyIsolate) {}

  static async start(isolate: StrategyIsolate, options: Omit<LiveSessionOptions, 'strategy'>): Promise<IsolateLiveSession> {
    try {
      await isolate.call('liveStart', [JSON.stringify({ symbols: options.symbols, params: options.params, history: options.history })]);
      return new IsolateLiveSession(isolate);
    } catch (err) {
      isolate.dispose();
      throw err;
    }
  }

  async onBar(symbol: string, bar: Bar, account: LiveAccountView): Promise<LiveStepResult> {
    const json = await this.isolate.call<string>('liveBar', [JSON.stringify({ symbol, bar, account })]);
    return JSON.parse(json) as LiveStepResult;
  }

  cpuTimeMs(): number {
    return this.isolate.cpuTimeMs();
  }

  dispose(): void {
    this.isolate.dispose();
  }
}
