import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { DOCKER_DIR, IMPLEMENTED_SERVICES, REPO_ROOT, type ServiceName } from './catalog';
import { renderDashboards } from './grafana';
import { renderDockerNginxConf } from './nginx';
import { renderDockerPrometheusConfig } from './prometheus';

/**
 * The files under docker/ that are rendered from the catalog (absolute path -> contents).
 * `npx nx run infra:generate` writes them; the drift test fails when they are stale.
 */
export function generatedFiles(services: readonly ServiceName[] = IMPLEMENTED_SERVICES): Record<string, string> {
  const files: Record<string, string> = {
    [join(DOCKER_DIR, 'nginx/nginx.conf')]: renderDockerNginxConf(services),
    [join(DOCKER_DIR, 'prometheus/prometheus.yml')]: renderDockerPrometheusConfig(services),
  };
  for (const [name, body] of Object.entries(renderDashboards(services))) {
    files[join(DOCKER_DIR, 'grafana/dashboards', name)] = body;
  }
  return files;
}

/** Dashboards of services that left the catalog would otherwise linger in Grafana. */
function staleDashboards(expected: Record<string, string>): string[] {
  const dir = join(DOCKER_DIR, 'grafana/dashboards');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.startsWith('service-') && f.endsWith('.json'))
    .map((f) => join(dir, f))
    .filter((f) => !(f in expected));
}

/** Paths (relative to the repo) whose committed contents differ from what the catalog renders. */
export function outdatedFiles(services: readonly ServiceName[] = IMPLEMENTED_SERVICES): string[] {
  const expected = generatedFiles(services);
  const differing = Object.entries(expected)
    .filter(([path, body]) => !existsSync(path) || readFileSync(path, 'utf8') !== body)
    .map(([path]) => path);
  return [...differing, ...staleDashboards(expected)].map((p) => relative(REPO_ROOT, p));
}

export function writeGeneratedFiles(services: readonly ServiceName[] = IMPLEMENTED_SERVICES): string[] {
  const expected = generatedFiles(services);
  for (const [path, body] of Object.entries(expected)) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, body);
  }
  for (const stale of staleDashboards(expected)) rmSync(stale);
  return Object.keys(expected).map((p) => relative(REPO_ROOT, p));
}

if (require.main === module) {
  if (process.argv.includes('--check')) {
    const outdated = outdatedFiles();
    if (outdated.length > 0) {
      console.error(`Out of date with the service catalog (run "npx nx run infra:generate"):\n  ${outdated.join('\n  ')}`);
      process.exit(1);
    }
    console.log('Generated infrastructure files match the service catalog.');
  } else {
    for (const file of writeGeneratedFiles()) console.log(`wrote ${file}`);
  }
}
