import { HealthRegistry } from './health.registry';

describe('HealthRegistry', () => {
  it('is ready when every indicator passes and names the failing ones otherwise', async () => {
    const registry = new HealthRegistry();
    registry.register({ name: 'postgres', check: async () => undefined });
    expect(await registry.report()).toEqual({ ready: true, checks: { postgres: { status: 'up' } }, failing: [] });
    registry.register({ name: 'redis', check: async () => Promise.reject(new Error('ECONNREFUSED')) });
    const report = await registry.report();
    expect(report.ready).toBe(false);
    expect(report.failing).toEqual(['redis']);
    expect(report.checks['redis']).toEqual({ status: 'down', error: 'ECONNREFUSED' });
  });

  it('reports not ready once shutdown has begun', async () => {
    const registry = new HealthRegistry();
    registry.markShuttingDown();
    expect((await registry.report()).failing).toEqual(['shutdown']);
  });
});
