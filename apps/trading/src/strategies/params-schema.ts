import { UnprocessableEntityException } from '@nestjs/common';
import type { StrategyParams } from '@wealist/trading-sdk';

/** One parameter a strategy takes, with its default; values outside it are refused with 422. */
export interface ParamSpec {
  type: 'number' | 'integer' | 'boolean' | 'string';
  default: number | boolean | string;
  min?: number;
  max?: number;
  /** Allowed values of a string parameter. */
  enum?: string[];
  description?: string;
}
export type ParamsSchema = Record<string, ParamSpec>;

const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const TYPES = ['number', 'integer', 'boolean', 'string'] as const;
const MAX_PARAMS = 50;

/** Problems of a schema a user sent (empty when fine): names, types, defaults within bounds. */
export function schemaProblems(schema: unknown): string[] {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return ['paramsSchema must be an object of parameter specs'];
  const entries = Object.entries(schema as Record<string, unknown>);
  if (entries.length > MAX_PARAMS) return [`paramsSchema may declare at most ${MAX_PARAMS} parameters`];
  const problems: string[] = [];
  for (const [name, raw] of entries) {
    const at = `paramsSchema.${name}`;
    if (!NAME.test(name)) problems.push(`${at}: parameter names are identifiers (letters, digits, _)`);
    if (typeof raw !== 'object' || raw === null) {
      problems.push(`${at} must be an object with a type and a default`);
      continue;
    }
    const spec = raw as Partial<ParamSpec> & Record<string, unknown>;
    const unknownKeys = Object.keys(spec).filter((k) => !['type', 'default', 'min', 'max', 'enum', 'description'].includes(k));
    if (unknownKeys.length > 0) problems.push(`${at} has unknown keys: ${unknownKeys.join(', ')}`);
    if (!TYPES.includes(spec.type as (typeof TYPES)[number])) {
      problems.push(`${at}.type must be one of ${TYPES.join(', ')}`);
      continue;
    }
    for (const bound of ['min', 'max'] as const) {
      if (spec[bound] !== undefined && (typeof spec[bound] !== 'number' || !Number.isFinite(spec[bound]))) problems.push(`${at}.${bound} must be a finite number`);
    }
    if (typeof spec.min === 'number' && typeof spec.max === 'number' && spec.min > spec.max) problems.push(`${at}.min is greater than its max`);
    if (spec.enum !== undefined && (!Array.isArray(spec.enum) || spec.enum.length === 0 || spec.enum.some((v) => typeof v !== 'string'))) {
      problems.push(`${at}.enum must be a non-empty list of strings`);
    }
    if (spec.description !== undefined && (typeof spec.description !== 'string' || spec.description.length > 500)) problems.push(`${at}.description must be a string of at most 500 characters`);
    if (!('default' in spec)) problems.push(`${at}.default is required`);
    else {
      const p = valueProblem(name, spec as ParamSpec, spec.default, 'default');
      if (p) problems.push(`${at}: ${p}`);
    }
  }
  return problems;
}

/** The params a run uses: defaults of the schema overlaid by `given`; 422 naming every bad one. */
export function resolveParams(schema: ParamsSchema, given: Record<string, unknown> = {}): StrategyParams {
  const problems: string[] = [];
  const out: StrategyParams = {};
  for (const name of Object.keys(given)) if (!(name in schema)) problems.push(`unknown parameter "${name}" (the strategy declares: ${Object.keys(schema).join(', ') || 'none'})`);
  for (const [name, spec] of Object.entries(schema)) {
    const value = name in given ? given[name] : spec.default;
    const p = valueProblem(name, spec, value, 'value');
    if (p) problems.push(p);
    else out[name] = value as number | string | boolean;
  }
  if (problems.length > 0) throw new UnprocessableEntityException({ message: `params: ${problems.join('; ')}`, errors: problems.map((message) => ({ field: 'params', message })) });
  return out;
}

function valueProblem(name: string, spec: ParamSpec, value: unknown, what: string): string | undefined {
  const ok =
    spec.type === 'boolean'
      ? typeof value === 'boolean'
      : spec.type === 'string'
        ? typeof value === 'string' && value.length <= 200
        : typeof value === 'number' && Number.isFinite(value) && (spec.type === 'number' || Number.isInteger(value));
  if (!ok) return `${name}: ${what} ${JSON.stringify(value) ?? 'undefined'} is not ${spec.type === 'integer' ? 'an integer' : `a ${spec.type}`}`;
  if (typeof value === 'number') {
    if (spec.min !== undefined && value < spec.min) return `${name}: ${what} ${value} is below the minimum ${spec.min}`;
    if (spec.max !== undefined && value > spec.max) return `${name}: ${what} ${value} is above the maximum ${spec.max}`;
  }
  if (typeof value === 'string' && spec.enum && !spec.enum.includes(value)) return `${name}: ${what} "${value}" is not one of ${spec.enum.join(', ')}`;
  return undefined;
}
