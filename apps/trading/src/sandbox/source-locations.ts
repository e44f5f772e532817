import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import type { CompiledStrategy, SourceLocation } from './sandbox.types';

/** The file name user code is compiled under inside the isolate; the runtime's is runtime.js. */
export const STRATEGY_FILENAME = 'strategy.js';

const FRAME = /strategy\.js:(\d+):(\d+)/;
const maps = new WeakMap<CompiledStrategy, TraceMap>();

/**
 * Where in the user's source an isolate error happened: the first stack frame in the user's
 * script (an SDK call rejecting bad arguments points at the user's call), mapped back through
 * the transpiler's source map.
 */
export function locateInSource(stack: string | undefined, strategy: CompiledStrategy): SourceLocation | undefined {
  const m = stack ? FRAME.exec(stack) : null;
  if (!m) return undefined;
  let map = maps.get(strategy);
  if (!map) {
    map = new TraceMap(strategy.sourceMap);
    maps.set(strategy, map);
  }
  const pos = originalPositionFor(map, { line: Number(m[1]), column: Number(m[2]) - 1 });
  if (pos.line === null) return undefined;
  return { line: pos.line, column: pos.column + 1 };
}
