import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOCKER_DIR, IMPLEMENTED_SERVICES, SERVICE_NAMES, type ServiceName } from '../src/catalog';
import { loadStack } from '../src/compose';
import { checkDrift, type DriftInput } from '../src/drift';
import { outdatedFiles } from '../src/generate';

// The catalog in libs/config is the single source of ports, databases, roles, Redis DBs and
// routes. These tests fail when compose, the gateway or the scrape config disagree with it.
function input(services: readonly ServiceName[]): DriftInput {
  return {
    services,
    core: loadStack('core'),
    dev: loadStack('dev'),
    data: loadStack('data'),
    nginxConf: readFileSync(join(DOCKER_DIR, 'nginx/nginx.conf'), 'utf8'),
    prometheusYml: readFileSync(join(DOCKER_DIR, 'prometheus/prometheus.yml'), 'utf8'),
    dashboards: readdirSync(join(DOCKER_DIR, 'grafana/dashboards')),
  };
}

describe('infrastructure vs the service catalog', () => {
  const current = input(IMPLEMENTED_SERVICES);

  it('generated files (gateway, scrape config, dashboards) are up to date', () => {
    // Fix with: npx nx run infra:generate
    expect(outdatedFiles()).toEqual([]);
  });

  it('compose, nginx and prometheus agree with the catalog for every implemented service', () => {
    expect(checkDrift(current)).toEqual([]);
  });

  // The next catalog service that has no app yet stands in for "a service was just added".
  const next = SERVICE_NAMES.find((s) => !IMPLEMENTED_SERVICES.includes(s));
  (next ? it : it.skip)(`adding ${next ?? 'a service'} to IMPLEMENTED_SERVICES without its infrastructure fails`, () => {
    const added = [...IMPLEMENTED_SERVICES, next as ServiceName];
    const problems = checkDrift({ ...current, services: added });
    const name = `${next}-service`;
    expect(problems).toEqual(
      expect.arrayContaining([
        `compose.core.yml has no service ${name}`,
        expect.stringMatching(new RegExp(`^nginx: upstream ${name} is undefined`)),
        expect.stringMatching(new RegExp(`^prometheus: job ${name} must scrape`)),
        `grafana: no dashboard service-${next}.json`,
      ]),
    );
    expect(outdatedFiles(added).length).toBeGreaterThan(0);
  });

  it('catches a wrong port, role or Redis DB in compose', () => {
    const core = structuredClone(current.core);
    const user = core.services['user-service'];
    user.environment = { ...user.environment, PORT: '9999', DATABASE_USER: 'postgres', BUS_REDIS_DB: '0' };
    const dev = structuredClone(current.dev);
    dev.services['user-service'].ports = ['127.0.0.1:8081:8081/tcp'];
    const problems = checkDrift({ ...current, core, dev });
    expect(problems).toEqual(
      expect.arrayContaining([
        'user-service: PORT is 9999, catalog says 8080',
        'user-service: user-service DATABASE_USER is postgres, catalog says user_user',
        'user-service: BUS_REDIS_DB is 0, catalog says 6',
        'compose.dev.yml: user-service publishes container port 8081, catalog says 8080',
      ]),
    );
  });

  it('catches a gateway route pointing at the wrong service', () => {
    const nginxConf = current.nginxConf.replace('proxy_pass http://user-service;', 'proxy_pass http://auth-service;');
    expect(checkDrift({ ...current, nginxConf })).toContain('nginx: /api/users is not routed to user-service');
  });
});
