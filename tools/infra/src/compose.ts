import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { DOCKER_DIR } from './catalog';
import { requireBinary, runSync } from './process-util';

/**
 * The compose stacks (file combinations, as tools/infra/stack.sh runs them) and a typed view of
 * the merged configuration that `docker-compose config` prints. Debian's docker-compose
 * validates and merges the files offline, without a Docker engine.
 */
export const COMPOSE_STACKS = {
  data: ['compose.data.yml'],
  core: ['compose.core.yml'],
  dev: ['compose.core.yml', 'compose.dev.yml'],
  full: ['compose.core.yml', 'compose.full.yml'],
  'full-dev': ['compose.core.yml', 'compose.full.yml', 'compose.dev.yml'],
} as const;
export type StackName = keyof typeof COMPOSE_STACKS;

export interface ComposeService {
  image?: string;
  build?: { target?: string; args?: Record<string, string> };
  command?: string[] | string;
  environment?: Record<string, string | null>;
  depends_on?: Record<string, { condition?: string }> | string[];
  healthcheck?: { test?: unknown; disable?: boolean };
  secrets?: (string | { source: string })[];
  networks?: Record<string, unknown> | string[];
  restart?: string;
  deploy?: { resources?: { limits?: { memory?: string } } };
  mem_limit?: string;
  expose?: (string | number)[];
  ports?: (string | { target: number })[];
}

export interface ComposeModel {
  services: Record<string, ComposeService>;
  networks?: Record<string, { name?: string } | null>;
  volumes?: Record<string, { name?: string } | null>;
  secrets?: Record<string, { file?: string } | null>;
}

/** Runs `docker-compose config` on a stack with docker/.env.example as the environment. */
export function composeConfig(files: readonly string[], extraArgs: string[] = []): { code: number; output: string } {
  const bin = requireBinary('docker-compose', 'DOCKER_COMPOSE_BIN');
  const args = ['--project-name', 'wealist', '--env-file', join(DOCKER_DIR, '.env.example')];
  for (const f of files) args.push('-f', resolve(DOCKER_DIR, f));
  // A clean environment: only .env.example decides the interpolated values.
  const env = { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: process.env['HOME'] ?? '/tmp' };
  return runSync(bin, [...args, 'config', ...extraArgs], env);
}

export function loadStack(stack: StackName): ComposeModel {
  const { code, output } = composeConfig(COMPOSE_STACKS[stack]);
  if (code !== 0) throw new Error(`docker-compose config failed for ${stack}:\n${output}`);
  return parse(output) as ComposeModel;
}

export function dependsOn(service: ComposeService): Record<string, string | undefined> {
  const deps = service.depends_on ?? {};
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((d) => [d, undefined]));
  return Object.fromEntries(Object.entries(deps).map(([name, d]) => [name, d?.condition]));
}

export function secretNames(service: ComposeService): string[] {
  return (service.secrets ?? []).map((s) => (typeof s === 'string' ? s : s.source));
}

export function networkNames(service: ComposeService): string[] {
  const n = service.networks ?? [];
  return Array.isArray(n) ? n : Object.keys(n);
}

/** Container-side ports of `ports:` entries ("127.0.0.1:8080:8080/tcp" -> 8080). */
export function containerPorts(service: ComposeService): number[] {
  return (service.ports ?? []).map((p) => (typeof p === 'string' ? Number(/(\d+)(?:\/\w+)?$/.exec(p)?.[1]) : p.target));
}

export function commandLine(service: ComposeService): string {
  return Array.isArray(service.command) ? service.command.join(' ') : (service.command ?? '');
}

/** A one-shot container (init, migrations): runs to completion instead of being health-checked. */
export function isJob(service: ComposeService): boolean {
  return service.restart === 'no';
}

export function memoryLimit(service: ComposeService): string | undefined {
  return service.deploy?.resources?.limits?.memory ?? service.mem_limit;
}
