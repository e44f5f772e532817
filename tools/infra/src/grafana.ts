import { composeName, IMPLEMENTED_SERVICES, type ServiceName } from './catalog';

/**
 * Grafana dashboards as generated JSON: one per deployed service (rate, errors, duration,
 * process health, logs) built from the same metric names libs/telemetry exports, plus one for
 * the infrastructure. Generating them keeps a new service's dashboard one catalog entry away.
 */
type Datasource = 'prometheus' | 'loki';

interface Panel {
  title: string;
  type: 'timeseries' | 'stat' | 'logs';
  exprs: { expr: string; legend?: string }[];
  unit?: string;
  datasource?: Datasource;
  width?: number;
  height?: number;
}

function layout(panels: Panel[]): object[] {
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  return panels.map((p, id) => {
    const w = p.width ?? 12;
    const h = p.height ?? 8;
    if (x + w > 24) {
      x = 0;
      y += rowHeight;
      rowHeight = 0;
    }
    const gridPos = { x, y, w, h };
    x += w;
    rowHeight = Math.max(rowHeight, h);
    const datasource = { type: p.datasource ?? 'prometheus', uid: p.datasource ?? 'prometheus' };
    return {
      id: id + 1,
      title: p.title,
      type: p.type,
      datasource,
      gridPos,
      fieldConfig: { defaults: { unit: p.unit ?? 'short' }, overrides: [] },
      options: p.type === 'logs' ? { showTime: true, wrapLogMessage: true } : {},
      targets: p.exprs.map((e, i) => ({
        refId: String.fromCharCode(65 + i),
        datasource,
        expr: e.expr,
        ...(e.legend ? { legendFormat: e.legend } : {}),
      })),
    };
  });
}

function dashboard(uid: string, title: string, tags: string[], panels: Panel[]): string {
  const body = {
    uid,
    title,
    tags: ['wealist', ...tags],
    timezone: 'browser',
    schemaVersion: 38,
    version: 1,
    refresh: '30s',
    time: { from: 'now-1h', to: 'now' },
    panels: layout(panels),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}

export function renderServiceDashboard(service: ServiceName): string {
  const job = `job="${composeName(service)}"`;
  const rate = (filter = '') => `sum(rate(http_requests_total{${job}${filter}}[$__rate_interval]))`;
  const quantile = (q: number) =>
    `histogram_quantile(${q}, sum by (le) (rate(http_request_duration_seconds_bucket{${job}}[$__rate_interval])))`;
  return dashboard(`wealist-${service}`, `Service: ${service}`, ['service'], [
    { title: 'Up', type: 'stat', width: 6, height: 4, exprs: [{ expr: `up{${job}}` }] },
    { title: 'Requests / s', type: 'stat', width: 6, height: 4, unit: 'reqps', exprs: [{ expr: rate() }] },
    { title: '5xx ratio', type: 'stat', width: 6, height: 4, unit: 'percentunit', exprs: [{ expr: `${rate(',status_code=~"5.."')} / ${rate()}` }] },
    { title: 'p99 latency', type: 'stat', width: 6, height: 4, unit: 's', exprs: [{ expr: quantile(0.99) }] },
    {
      title: 'Request rate by status',
      type: 'timeseries',
      unit: 'reqps',
      exprs: [{ expr: `sum by (status_code) (rate(http_requests_total{${job}}[$__rate_interval]))`, legend: '{{status_code}}' }],
    },
    {
      title: 'Errors (4xx / 5xx)',
      type: 'timeseries',
      unit: 'reqps',
      exprs: [
        { expr: rate(',status_code=~"4.."'), legend: '4xx' },
        { expr: rate(',status_code=~"5.."'), legend: '5xx' },
      ],
    },
    {
      title: 'Duration quantiles',
      type: 'timeseries',
      unit: 's',
      exprs: [0.5, 0.95, 0.99].map((q) => ({ expr: quantile(q), legend: `p${q * 100}` })),
    },
    {
      title: 'Busiest routes',
      type: 'timeseries',
      unit: 'reqps',
      exprs: [{ expr: `topk(10, sum by (method, route) (rate(http_requests_total{${job}}[$__rate_interval])))`, legend: '{{method}} {{route}}' }],
    },
    {
      title: 'Process memory and event loop lag',
      type: 'timeseries',
      exprs: [
        { expr: `process_resident_memory_bytes{${job}}`, legend: 'RSS bytes' },
        { expr: `nodejs_eventloop_lag_p99_seconds{${job}}`, legend: 'event loop lag p99 (s)' },
      ],
    },
    {
      title: 'Logs',
      type: 'logs',
      datasource: 'loki',
      exprs: [{ expr: `{compose_service="${composeName(service)}"}` }],
    },
  ]);
}

export function renderInfrastructureDashboard(): string {
  return dashboard('wealist-infrastructure', 'Infrastructure', ['infrastructure'], [
    { title: 'Targets up', type: 'timeseries', width: 24, exprs: [{ expr: 'up', legend: '{{job}}' }] },
    {
      title: 'PostgreSQL connections by database',
      type: 'timeseries',
      exprs: [
        { expr: 'sum by (datname) (pg_stat_activity_count)', legend: '{{datname}}' },
        { expr: 'max(pg_settings_max_connections)', legend: 'max_connections' },
      ],
    },
    {
      title: 'Redis memory',
      type: 'timeseries',
      unit: 'bytes',
      exprs: [
        { expr: 'redis_memory_used_bytes', legend: 'used' },
        { expr: 'redis_memory_max_bytes', legend: 'maxmemory' },
      ],
    },
    {
      title: 'Redis keys by DB',
      type: 'timeseries',
      exprs: [{ expr: 'sum by (db) (redis_db_keys)', legend: '{{db}}' }],
    },
    {
      title: 'Redis evictions and clients',
      type: 'timeseries',
      exprs: [
        { expr: 'rate(redis_evicted_keys_total[$__rate_interval])', legend: 'evicted/s' },
        { expr: 'redis_connected_clients', legend: 'clients' },
      ],
    },
    {
      title: 'Host CPU busy',
      type: 'timeseries',
      unit: 'percentunit',
      exprs: [{ expr: '1 - avg(rate(node_cpu_seconds_total{mode="idle"}[$__rate_interval]))', legend: 'cpu' }],
    },
    {
      title: 'Host memory available',
      type: 'timeseries',
      unit: 'bytes',
      exprs: [{ expr: 'node_memory_MemAvailable_bytes', legend: 'available' }],
    },
  ]);
}

/** docker/grafana/dashboards/<file> -> contents. */
export function renderDashboards(services: readonly ServiceName[] = IMPLEMENTED_SERVICES): Record<string, string> {
  return {
    'infrastructure.json': renderInfrastructureDashboard(),
    ...Object.fromEntries(services.map((s) => [`service-${s}.json`, renderServiceDashboard(s)])),
  };
}
