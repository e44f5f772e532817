import { transformSync, type TransformFailure } from 'esbuild';
import { StrategyError, type CompiledStrategy } from './sandbox.types';

export type StrategyLanguage = 'typescript' | 'javascript';

/**
 * Transpiles a strategy to the CommonJS-style script the isolate runs (types stripped, no type
 * checking: the isolate is what enforces safety, types only help the author). Syntax errors
 * come back as a StrategyError('compile') with the line and column of the user's source.
 */
export function compileStrategy(source: string, language: StrategyLanguage): CompiledStrategy {
  try {
    const out = transformSync(source, {
      loader: language === 'typescript' ? 'ts' : 'js',
      format: 'cjs',
      target: 'es2022',
      sourcemap: 'external',
      sourcefile: language === 'typescript' ? 'strategy.ts' : 'strategy.js',
      sourcesContent: false,
      logLevel: 'silent',
    });
    return { code: out.code, sourceMap: out.map };
  } catch (err) {
    const failure = (err as Partial<TransformFailure>).errors?.[0];
    if (!failure) throw err;
    const loc = failure.location;
    throw new StrategyError('compile', failure.text, loc ? { line: loc.line, column: loc.column + 1 } : undefined);
  }
}
