import { parse } from 'yaml';
import {
  AUTH_STATE_REDIS_DB,
  composeName,
  databasesSpec,
  dbPasswordSecret,
  EVENT_BUS_REDIS_DB,
  EXPORTERS,
  migrateName,
  MONITORING_SERVICES,
  SERVICE_CATALOG,
  type ServiceName,
} from './catalog';
import { commandLine, containerPorts, dependsOn, networkNames, secretNames, type ComposeModel, type ComposeService } from './compose';

/**
 * Compares the infrastructure with the service catalog and lists every disagreement: compose
 * services, ports, databases, roles, Redis DB numbers, gateway routes and scrape targets.
 * An empty list means compose, NGINX and Prometheus match the catalog for `services`.
 */
export interface DriftInput {
  services: readonly ServiceName[];
  core: ComposeModel;
  dev: ComposeModel;
  data: ComposeModel;
  nginxConf: string;
  prometheusYml: string;
  dashboards: readonly string[];
}

export interface NginxRoute {
  prefix: string;
  upstream: string | null;
  websocket: boolean;
}

export function parseNginx(conf: string): { upstreams: Record<string, string>; routes: NginxRoute[] } {
  const upstreams: Record<string, string> = {};
  for (const m of conf.matchAll(/upstream\s+(\S+)\s*\{\s*server\s+([^\s;]+)/g)) upstreams[m[1]] = m[2];
  const routes: NginxRoute[] = [];
  for (const m of conf.matchAll(/location ~ \^(\S+?)\(\?:\/\|\$\) \{([^}]*)\}/g)) {
    routes.push({
      prefix: m[1].replace(/\\(.)/g, '$1'),
      upstream: /proxy_pass http:\/\/([^;/]+);/.exec(m[2])?.[1] ?? null,
      websocket: m[2].includes('proxy_set_header Upgrade $http_upgrade;'),
    });
  }
  return { upstreams, routes };
}

export function parseScrapeJobs(yml: string): Record<string, { targets: string[]; path: string; tier?: string }> {
  const config = parse(yml) as {
    scrape_configs: { job_name: string; metrics_path?: string; static_configs: { targets: string[]; labels?: { tier?: string } }[] }[];
  };
  return Object.fromEntries(
    config.scrape_configs.map((j) => [
      j.job_name,
      { targets: j.static_configs.flatMap((s) => s.targets), path: j.metrics_path ?? '/metrics', tier: j.static_configs[0]?.labels?.tier },
    ]),
  );
}

function checkServiceCompose(s: ServiceName, input: DriftInput, problems: string[]): void {
  const entry = SERVICE_CATALOG[s];
  const name = composeName(s);
  const svc: ComposeService | undefined = input.core.services[name];
  if (!svc) {
    problems.push(`compose.core.yml has no service ${name}`);
    return;
  }
  const env = svc.environment ?? {};
  const expect = (what: string, actual: unknown, wanted: unknown) => {
    if (String(actual) !== String(wanted)) problems.push(`${name}: ${what} is ${String(actual)}, catalog says ${String(wanted)}`);
  };
  expect('build arg APP', svc.build?.args?.['APP'], s);
  expect('PORT', env['PORT'], entry.port);
  if (svc.expose && !svc.expose.map(String).includes(String(entry.port))) problems.push(`${name}: expose does not list ${entry.port}`);
  expect('AUTH_REDIS_DB', env['AUTH_REDIS_DB'], AUTH_STATE_REDIS_DB);
  expect('BUS_REDIS_DB', env['BUS_REDIS_DB'], EVENT_BUS_REDIS_DB);
  // The service's own Redis DB comes from the catalog in code; a DB in the URL would fight it.
  const redisUrl = new URL(env['REDIS_URL'] ?? 'redis://missing');
  if (redisUrl.hostname !== 'redis' || !['', '/'].includes(redisUrl.pathname)) {
    problems.push(`${name}: REDIS_URL must point at redis without a DB number`);
  }
  if (dependsOn(svc)['redis'] !== 'service_healthy') problems.push(`${name}: must depend on redis being healthy`);
  for (const net of ['frontend', 'backend', 'database']) {
    if (!networkNames(svc).includes(net)) problems.push(`${name}: not on the ${net} network`);
  }
  if (dependsOn(input.core.services['nginx'] ?? {})[name] !== 'service_healthy') problems.push(`nginx does not wait for ${name}`);

  const dev = input.dev.services[name];
  if (!dev || !commandLine(dev).includes(`${s}:serve`)) problems.push(`compose.dev.yml does not run "nx run ${s}:serve" for ${name}`);
  for (const [file, c] of [['compose.core.yml', svc], ['compose.dev.yml', dev]] as const) {
    for (const port of c ? containerPorts(c) : []) if (port !== entry.port) problems.push(`${file}: ${name} publishes container port ${port}, catalog says ${entry.port}`);
  }

  if (!entry.database) {
    if (Object.keys(env).some((k) => k.startsWith('DATABASE_'))) problems.push(`${name}: has DATABASE_* but no database in the catalog`);
    return;
  }
  const job = input.core.services[migrateName(s)];
  for (const [label, c] of [[name, svc], [migrateName(s), job]] as const) {
    if (!c) {
      problems.push(`compose.core.yml has no ${label} job`);
      continue;
    }
    const e = c.environment ?? {};
    expect(`${label} DATABASE_NAME`, e['DATABASE_NAME'], entry.database.name);
    expect(`${label} DATABASE_USER`, e['DATABASE_USER'], entry.database.role);
    expect(`${label} DATABASE_HOST`, e['DATABASE_HOST'], 'postgres');
    expect(`${label} DATABASE_PASSWORD_FILE`, e['DATABASE_PASSWORD_FILE'], `/run/secrets/${dbPasswordSecret(s)}`);
    if (!secretNames(c).includes(dbPasswordSecret(s))) problems.push(`${label}: secret ${dbPasswordSecret(s)} not mounted`);
  }
  if (job && !commandLine(job).includes('migrate')) problems.push(`${migrateName(s)} does not run migrate`);
  if (dependsOn(svc)[migrateName(s)] !== 'service_completed_successfully') problems.push(`${name} does not wait for ${migrateName(s)}`);
  const devJob = input.dev.services[migrateName(s)];
  if (!devJob || !commandLine(devJob).includes(`${s}:migrate`)) problems.push(`compose.dev.yml does not run "nx run ${s}:migrate"`);
  for (const [file, model] of [['compose.core.yml', input.core], ['compose.data.yml', input.data]] as const) {
    if (!secretNames(model.services['postgres'] ?? {}).includes(dbPasswordSecret(s))) {
      problems.push(`${file}: postgres does not get ${dbPasswordSecret(s)}`);
    }
  }
}

export function checkDrift(input: DriftInput): string[] {
  const problems: string[] = [];
  const names = input.services.map(composeName);
  for (const s of input.services) checkServiceCompose(s, input, problems);

  for (const svc of Object.keys(input.core.services)) {
    if (svc.endsWith('-service') && !names.includes(svc)) problems.push(`compose.core.yml runs ${svc}, which is not an implemented service`);
  }
  for (const [file, model] of [['compose.core.yml', input.core], ['compose.data.yml', input.data]] as const) {
    const words = (v: string | null | undefined) => (v ?? '').split(/\s+/).filter(Boolean).sort().join(' ');
    const spec = model.services['postgres']?.environment?.['WEALIST_DATABASES'];
    const wanted = databasesSpec(input.services);
    if (words(spec) !== words(wanted)) problems.push(`${file}: WEALIST_DATABASES is "${spec}", catalog says "${wanted}"`);
  }

  const nginx = parseNginx(input.nginxConf);
  for (const s of input.services) {
    const entry = SERVICE_CATALOG[s];
    const name = composeName(s);
    if (nginx.upstreams[name] !== `${name}:${entry.port}`) problems.push(`nginx: upstream ${name} is ${nginx.upstreams[name]}, expected ${name}:${entry.port}`);
    for (const [prefix, ws] of [...entry.httpPrefixes.map((p) => [p, false] as const), ...entry.wsPaths.map((p) => [p, true] as const)]) {
      const route = nginx.routes.find((r) => r.prefix === prefix);
      if (!route || route.upstream !== name) problems.push(`nginx: ${prefix} is not routed to ${name}`);
      else if (route.websocket !== ws) problems.push(`nginx: ${prefix} ${ws ? 'lacks' : 'should not have'} the WebSocket upgrade`);
    }
  }
  for (const up of Object.keys(nginx.upstreams)) if (!names.includes(up)) problems.push(`nginx: upstream ${up} is not an implemented service`);

  const jobs = parseScrapeJobs(input.prometheusYml);
  for (const s of input.services) {
    const name = composeName(s);
    const job = jobs[name];
    const target = `${name}:${SERVICE_CATALOG[s].port}`;
    if (!job || job.targets.join() !== target || job.path !== '/metrics' || job.tier !== 'service') {
      problems.push(`prometheus: job ${name} must scrape ${target}/metrics with tier=service`);
    }
    if (!input.dashboards.includes(`service-${s}.json`)) problems.push(`grafana: no dashboard service-${s}.json`);
  }
  for (const [job, j] of Object.entries(jobs)) {
    if (j.tier === 'service' && !names.includes(job)) problems.push(`prometheus: job ${job} is not an implemented service`);
  }
  for (const e of EXPORTERS) {
    if (jobs[e.name]?.targets.join() !== `${e.name}:${e.port}`) problems.push(`prometheus: exporter ${e.name} must be scraped at ${e.name}:${e.port}`);
  }
  return problems;
}

/** Apps and the gateway must come up whatever state the monitoring stack is in. */
export function monitoringDependencies(model: ComposeModel): string[] {
  const problems: string[] = [];
  for (const [name, svc] of Object.entries(model.services)) {
    if ((MONITORING_SERVICES as readonly string[]).includes(name)) continue;
    for (const dep of Object.keys(dependsOn(svc))) {
      if ((MONITORING_SERVICES as readonly string[]).includes(dep)) problems.push(`${name} depends on ${dep} (monitoring)`);
    }
  }
  return problems;
}
