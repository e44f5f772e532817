import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOCKER_DIR, type ServiceName } from './catalog';
import { requireBinary, spawnOwned, stopOwned, waitForHttp } from './process-util';
import { renderPrometheusConfig } from './prometheus';

/**
 * A native Prometheus with the repository's scrape config rendered for localhost targets and
 * the committed alert rules loaded, storing its TSDB in a directory the caller owns.
 */
export interface LocalPrometheusOptions {
  port: number;
  /** Local port of every service to scrape. */
  targets: Partial<Record<ServiceName, number>>;
  /** Exporter jobs (name -> `host:port`), if any run natively. */
  exporters?: Record<string, string>;
  dataDir: string;
  scrapeInterval?: string;
}

export interface PrometheusTarget {
  job: string;
  health: 'up' | 'down' | 'unknown';
  scrapeUrl: string;
  lastError: string;
}

export interface RunningPrometheus {
  url: string;
  configPath: string;
  targets(): Promise<PrometheusTarget[]>;
  stop(): Promise<void>;
}

export function renderLocalPrometheus(options: LocalPrometheusOptions): string {
  mkdirSync(join(options.dataDir, 'tsdb'), { recursive: true });
  const configPath = join(options.dataDir, 'prometheus.yml');
  const services = Object.keys(options.targets) as ServiceName[];
  writeFileSync(
    configPath,
    renderPrometheusConfig({
      services,
      target: (s) => `127.0.0.1:${options.targets[s]}`,
      exporters: options.exporters,
      self: `127.0.0.1:${options.port}`,
      ruleFiles: [join(DOCKER_DIR, 'prometheus/rules/*.yml')],
      scrapeInterval: options.scrapeInterval ?? '5s',
      header: '# Rendered by tools/infra/src/prometheus-process.ts for a native run; see docker/prometheus/prometheus.yml.',
    }),
  );
  return configPath;
}

export async function startPrometheus(options: LocalPrometheusOptions & { timeoutMs?: number }): Promise<RunningPrometheus> {
  const binary = requireBinary('prometheus', 'PROMETHEUS_BIN');
  const configPath = renderLocalPrometheus(options);
  const url = `http://127.0.0.1:${options.port}`;
  const proc = spawnOwned(binary, [
    `--config.file=${configPath}`,
    `--storage.tsdb.path=${join(options.dataDir, 'tsdb')}`,
    `--web.listen-address=127.0.0.1:${options.port}`,
    '--log.level=warn',
  ]);
  await waitForHttp(`${url}/-/ready`, proc, 'prometheus', options.timeoutMs ?? 20_000);
  return {
    url,
    configPath,
    async targets() {
      const res = await fetch(`${url}/api/v1/targets?state=active`);
      const body = (await res.json()) as {
        data: { activeTargets: { labels: { job: string }; health: PrometheusTarget['health']; scrapeUrl: string; lastError: string }[] };
      };
      return body.data.activeTargets.map((t) => ({ job: t.labels.job, health: t.health, scrapeUrl: t.scrapeUrl, lastError: t.lastError }));
    },
    stop: () => stopOwned(proc, 'SIGTERM', 10_000),
  };
}
