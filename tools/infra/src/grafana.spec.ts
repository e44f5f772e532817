import { renderDashboards } from './grafana';

describe('grafana dashboards', () => {
  it('has one dashboard per service plus the infrastructure one, with unique uids and panel ids', () => {
    const files = renderDashboards(['auth', 'user', 'video']);
    expect(Object.keys(files).sort()).toEqual(['infrastructure.json', 'service-auth.json', 'service-user.json', 'service-video.json']);
    const dashboards = Object.values(files).map((f) => JSON.parse(f) as { uid: string; panels: { id: number; targets: { expr: string }[] }[] });
    expect(new Set(dashboards.map((d) => d.uid)).size).toBe(dashboards.length);
    for (const d of dashboards) expect(new Set(d.panels.map((p) => p.id)).size).toBe(d.panels.length);
  });

  it('queries the service by its Prometheus job and its metrics from libs/telemetry', () => {
    const video = JSON.parse(renderDashboards(['video'])['service-video.json']) as { panels: { targets: { expr: string }[] }[] };
    const exprs = video.panels.flatMap((p) => p.targets.map((t) => t.expr)).join('\n');
    expect(exprs).toContain('http_requests_total{job="video-service"');
    expect(exprs).toContain('http_request_duration_seconds_bucket{job="video-service"}');
    expect(exprs).toContain('{compose_service="video-service"}');
  });
});
