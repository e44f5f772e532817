import { parse } from 'yaml';
import { parseScrapeJobs } from './drift';
import { renderDockerPrometheusConfig, renderPrometheusConfig } from './prometheus';

describe('scrape config rendering', () => {
  it('has one tier=service job per deployed service and the exporters', () => {
    const jobs = parseScrapeJobs(renderDockerPrometheusConfig(['auth', 'user', 'board']));
    expect(jobs['board-service']).toEqual({ targets: ['board-service:8000'], path: '/metrics', tier: 'service' });
    expect(jobs['postgres-exporter']?.targets).toEqual(['postgres-exporter:9187']);
    expect(jobs['redis-exporter']?.targets).toEqual(['redis-exporter:9121']);
    expect(jobs['node-exporter']?.targets).toEqual(['node-exporter:9100']);
  });

  it('keeps the scrape timeout within a short test interval', () => {
    const yml = renderPrometheusConfig({ services: ['user'], target: () => '127.0.0.1:1', self: '127.0.0.1:2', ruleFiles: [], scrapeInterval: '1s' });
    const config = parse(yml) as { global: Record<string, string> };
    expect(config.global['scrape_timeout']).toBe('1s');
    expect(parseScrapeJobs(yml)['user-service']?.targets).toEqual(['127.0.0.1:1']);
  });
});
