import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ServiceName } from './catalog';
import { renderNginxConf } from './nginx';
import { findBinary, requireBinary, runSync, spawnOwned, stopOwned, waitForHttp, type OwnedProcess } from './process-util';

/**
 * The gateway for native runs (`npm run up`, the native stack test): the same generated NGINX
 * config as compose, with upstreams on localhost ports, run as a foreground nginx inside its
 * own prefix directory (config, pid, logs, buffers) so it needs neither root paths nor port 80.
 */
export interface LocalGatewayOptions {
  /** HTTP port of the gateway. */
  port: number;
  /** Local port of every service to route; catalog prefixes of the others answer 503. */
  upstreams: Partial<Record<ServiceName, number>>;
  /** Directory the config, pid file, logs and temp buffers go to (created if missing). */
  prefixDir: string;
  /** Listen address; 127.0.0.1 unless you want the gateway reachable from elsewhere. */
  host?: string;
  /** Optional HTTPS listener with PEM files. */
  tls?: { port: number; certificate: string; key: string };
  /** Upstream host of the services (default 127.0.0.1). */
  upstreamHost?: string;
}

export interface LocalGatewayFiles {
  confPath: string;
  accessLog: string;
  errorLog: string;
}

export function renderLocalGateway(options: LocalGatewayOptions): LocalGatewayFiles {
  const host = options.host ?? '127.0.0.1';
  const dirs = { logs: join(options.prefixDir, 'logs'), temp: join(options.prefixDir, 'temp') };
  mkdirSync(dirs.logs, { recursive: true });
  mkdirSync(dirs.temp, { recursive: true });
  // Workers of a root master run as nobody and must be able to buffer bodies here.
  chmodSync(options.prefixDir, 0o755);
  chmodSync(dirs.temp, 0o1777);
  const files = {
    confPath: join(options.prefixDir, 'nginx.conf'),
    accessLog: join(dirs.logs, 'access.log'),
    errorLog: join(dirs.logs, 'error.log'),
  };
  const services = Object.keys(options.upstreams) as ServiceName[];
  const config = renderNginxConf({
    services,
    upstream: (s) => `${options.upstreamHost ?? '127.0.0.1'}:${options.upstreams[s]}`,
    listen: `${host}:${options.port}`,
    tls: options.tls
      ? { listen: `${host}:${options.tls.port}`, certificate: options.tls.certificate, key: options.tls.key }
      : null,
    user: null,
    pidPath: join(options.prefixDir, 'nginx.pid'),
    errorLog: files.errorLog,
    accessLog: files.accessLog,
    tempDir: dirs.temp,
    header: '# Rendered by tools/infra/src/gateway.ts for a native run; see docker/nginx/nginx.conf.',
  });
  writeFileSync(files.confPath, config);
  return files;
}

export interface RunningGateway extends LocalGatewayFiles {
  url: string;
  port: number;
  pid: number;
  /** Access log lines written so far (JSON, one request a line). */
  accessLogLines(): string[];
  stop(): Promise<void>;
}

/** Path of nginx (NGINX_BIN, PATH or /usr/sbin), or null: `npm run up` then skips the gateway. */
export function findNginx(): string | null {
  return findBinary('nginx', 'NGINX_BIN');
}

export async function startNginx(options: LocalGatewayOptions & { timeoutMs?: number }): Promise<RunningGateway> {
  const nginx = requireBinary('nginx', 'NGINX_BIN');
  const files = renderLocalGateway(options);
  const args = ['-p', options.prefixDir, '-c', files.confPath, '-e', files.errorLog];
  const test = runSync(nginx, [...args, '-t', '-q']);
  if (test.code !== 0) throw new Error(`nginx rejected ${files.confPath}:\n${test.output}`);
  const proc: OwnedProcess = spawnOwned(nginx, [...args, '-g', 'daemon off;']);
  const url = `http://${options.host ?? '127.0.0.1'}:${options.port}`;
  await waitForHttp(`${url}/health`, proc, 'nginx', options.timeoutMs ?? 10_000);
  return {
    ...files,
    url,
    port: options.port,
    pid: proc.child.pid ?? -1,
    accessLogLines: () => readFileSync(files.accessLog, 'utf8').split('\n').filter(Boolean),
    // SIGQUIT lets workers finish in-flight requests; stopOwned escalates if they hang.
    stop: () => stopOwned(proc, 'SIGQUIT'),
  };
}
