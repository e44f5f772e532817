import type { Bar, LiveAccountView, LiveStepResult, StrategyParams } from '@wealist/trading-sdk';

/** A strategy version as the sandbox runs it: transpiled JavaScript plus the map back to the user's source. */
export interface CompiledStrategy {
  /** CommonJS-style script: assigns `module.exports` (default export or named `onBar`/`init`). */
  code: string;
  /** Source map (JSON) from `code` to the source the user saved; used to report line/column. */
  sourceMap: string;
}

/** Where an error of user code happened, in the coordinates of the source the user wrote (1-based). */
export interface SourceLocation {
  line: number;
  column: number;
}

export type SandboxErrorKind = 'compile' | 'runtime' | 'timeout' | 'memory' | 'cpu-budget' | 'output-limit' | 'cancelled';

/** An error caused by (or stopping) user code; safe to show to the user: no host paths or stacks. */
export class StrategyError extends Error {
  constructor(
    readonly kind: SandboxErrorKind,
    message: string,
    readonly location?: SourceLocation,
  ) {
    super(message);
    this.name = 'StrategyError';
  }

  toJSON(): { kind: SandboxErrorKind; message: string; line?: number; column?: number } {
    return { kind: this.kind, message: this.message, ...this.location };
  }
}

// The live step types belong to the SDK (the same runner runs inside the isolate).
export type { LiveAccountView, LiveStepResult } from '@wealist/trading-sdk';

export interface LiveSessionOptions {
  strategy: CompiledStrategy;
  params: StrategyParams;
  symbols: string[];
  /** Closed bars per symbol before going live (oldest first), so indicators are warm. */
  history: Record<string, Bar[]>;
}

/** One running strategy on live bars; one isolate per session. */
export interface LiveSession {
  onBar(symbol: string, bar: Bar, account: LiveAccountView): Promise<LiveStepResult>;
  /** CPU time spent in user code so far (ms). */
  cpuTimeMs(): number;
  dispose(): void;
}
