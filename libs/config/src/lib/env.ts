import { readFileSync } from 'node:fs';

/**
 * A small typed environment validator. Each variable is declared once with its parser; loading
 * collects every problem and throws one error that names each offending variable, so a bad
 * deployment fails at start with a message an operator can act on.
 */
export interface EnvVar<T> {
  readonly kind: string;
  readonly secret: boolean;
  readonly hasDefault: boolean;
  readonly example: string;
  parse(raw: string | undefined): T;
}

export type EnvSpec = Record<string, EnvVar<unknown>>;
export type EnvOf<S extends EnvSpec> = { readonly [K in keyof S]: S[K] extends EnvVar<infer T> ? T : never };

export class EnvValidationError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid environment: ${problems.join('; ')}`);
    this.name = 'EnvValidationError';
  }
}

/** Thrown by a parser; the loader prefixes the variable name. */
class Invalid extends Error {}

interface Common<T> {
  default?: T;
  optional?: boolean;
  secret?: boolean;
  example?: string;
}

function variable<T>(kind: string, opts: Common<T>, convert: (raw: string) => T): EnvVar<T> {
  const hasDefault = opts.default !== undefined || opts.optional === true;
  return {
    kind,
    secret: opts.secret ?? false,
    hasDefault,
    example: opts.example ?? (opts.default !== undefined ? String(opts.default) : ''),
    parse(raw) {
      if (raw === undefined || raw === '') {
        if (opts.default !== undefined) return opts.default;
        if (opts.optional) return undefined as T;
        throw new Invalid('is required');
      }
      return convert(raw);
    },
  };
}

export const env = {
  string(opts: Common<string> & { minLength?: number } = {}): EnvVar<string> {
    return variable('string', opts, (raw) => {
      if (opts.minLength !== undefined && raw.length < opts.minLength) {
        throw new Invalid(`must be at least ${opts.minLength} characters long`);
      }
      return raw;
    });
  },
  optionalString(opts: Omit<Common<string>, 'default' | 'optional'> = {}): EnvVar<string | undefined> {
    return variable<string | undefined>('string', { ...opts, optional: true }, (raw) => raw);
  },
  int(opts: Common<number> & { min?: number; max?: number } = {}): EnvVar<number> {
    const min = opts.min ?? Number.MIN_SAFE_INTEGER;
    const max = opts.max ?? Number.MAX_SAFE_INTEGER;
    return variable('integer', opts, (raw) => {
      if (!/^-?\d+$/.test(raw.trim())) throw new Invalid(`must be an integer (got "${raw}")`);
      const value = Number(raw);
      if (value < min || value > max) throw new Invalid(`must be between ${min} and ${max} (got ${value})`);
      return value;
    });
  },
  port(opts: Common<number> = {}): EnvVar<number> {
    return env.int({ ...opts, min: 1, max: 65535 });
  },
  bool(opts: Common<boolean> = {}): EnvVar<boolean> {
    return variable('boolean', opts, (raw) => {
      const v = raw.trim().toLowerCase();
      if (['1', 'true', 'yes', 'on'].includes(v)) return true;
      if (['0', 'false', 'no', 'off'].includes(v)) return false;
      throw new Invalid(`must be true or false (got "${raw}")`);
    });
  },
  oneOf<const V extends string>(values: readonly V[], opts: Common<V> = {}): EnvVar<V> {
    return variable('enum', opts, (raw) => {
      if (!(values as readonly string[]).includes(raw)) {
        throw new Invalid(`must be one of ${values.join(', ')} (got "${raw}")`);
      }
      return raw as V;
    });
  },
  url(opts: Common<string> & { protocols?: readonly string[] } = {}): EnvVar<string> {
    return variable('url', opts, (raw) => {
      let parsed: URL;
      try {
        parsed = new URL(raw);
      } catch {
        throw new Invalid(`must be a URL (got "${raw}")`);
      }
      if (opts.protocols && !opts.protocols.includes(parsed.protocol.replace(/:$/, ''))) {
        throw new Invalid(`must use ${opts.protocols.join(' or ')} (got "${parsed.protocol}")`);
      }
      return raw.replace(/\/$/, '');
    });
  },
  optionalUrl(opts: { protocols?: readonly string[]; example?: string } = {}): EnvVar<string | undefined> {
    const inner = env.url({ ...opts, optional: true });
    return { ...inner, parse: (raw) => inner.parse(raw) as string | undefined };
  },
  list(opts: Common<readonly string[]> = {}): EnvVar<readonly string[]> {
    return variable('list', { ...opts, example: opts.example ?? (opts.default ?? []).join(',') }, (raw) =>
      raw
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    );
  },
};

/** Reads `NAME`, or the contents of the file named by `NAME_FILE` (Docker secrets). */
export function readRaw(name: string, source: NodeJS.ProcessEnv): string | undefined {
  const file = source[`${name}_FILE`];
  if (file) {
    try {
      return readFileSync(file, 'utf8').trim();
    } catch {
      throw new Invalid(`could not be read from ${name}_FILE (${file})`);
    }
  }
  const value = source[name];
  // Multi-line values such as PEM keys are often passed with literal "\n".
  return value?.includes('\\n') && value.includes('-----BEGIN') ? value.replace(/\\n/g, '\n') : value;
}

export function loadEnv<S extends EnvSpec>(spec: S, source: NodeJS.ProcessEnv = process.env): EnvOf<S> {
  const problems: string[] = [];
  const out: Record<string, unknown> = {};
  for (const [name, variableSpec] of Object.entries(spec)) {
    try {
      out[name] = variableSpec.parse(readRaw(name, source));
    } catch (err) {
      if (!(err instanceof Invalid)) throw err;
      problems.push(`${name} ${err.message}`);
    }
  }
  if (problems.length > 0) throw new EnvValidationError(problems);
  return Object.freeze(out) as EnvOf<S>;
}
