import { ServiceMetrics } from './metrics';

describe('ServiceMetrics', () => {
  it('counts requests by route template, method and status in its own registry', async () => {
    const a = new ServiceMetrics('a');
    const b = new ServiceMetrics('b');
    a.observe('GET', '/api/x/:id', 200, 0.01);
    a.observe('GET', '/api/x/:id', 200, 0.02);
    const text = await a.registry.metrics();
    expect(text).toContain('http_requests_total{method="GET",route="/api/x/:id",status_code="200",service="a"} 2');
    expect(text).toContain('http_request_duration_seconds_bucket{le="0.025",service="a",method="GET",route="/api/x/:id",status_code="200"} 2');
    expect(await b.registry.metrics()).not.toContain('route="/api/x/:id"');
  });
});
