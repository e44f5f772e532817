import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOCKER_DIR, NETWORKS, REPO_ROOT, VOLUMES } from '../src/catalog';
import { COMPOSE_STACKS, composeConfig, dependsOn, isJob, loadStack, memoryLimit, type StackName } from '../src/compose';
import { monitoringDependencies } from '../src/drift';

// Debian's docker-compose validates against the compose schema, resolves extends, anchors and
// interpolation, and checks references (depends_on, networks, secrets) - all without an engine.
const stacks = Object.keys(COMPOSE_STACKS) as StackName[];

describe('compose files', () => {
  it.each(stacks)('the %s stack passes docker-compose config', (stack) => {
    const { code, output } = composeConfig(COMPOSE_STACKS[stack], ['-q']);
    // Unset variables are only a warning to docker-compose; treat them as failures too.
    const problems = output.split('\n').filter((l) => /error|invalid|not set/i.test(l));
    expect({ code, problems }).toEqual({ code: 0, problems: [] });
  });

  it('the validator is real: a dangling depends_on is rejected', () => {
    const dir = mkdtempSync(join(tmpdir(), 'compose-neg-'));
    try {
      const file = join(dir, 'broken.yml');
      writeFileSync(file, 'services:\n  a:\n    image: busybox\n    depends_on:\n      nothere: { condition: service_healthy }\n');
      const result = composeConfig([file]);
      expect(result.code).not.toBe(0);
      expect(result.output).toContain("depends on service 'nothere' which is undefined");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe.each(stacks)('%s stack', (stack) => {
    const model = loadStack(stack);
    const services = Object.entries(model.services);

    it('health-checks every long-running container and limits memory everywhere', () => {
      for (const [name, svc] of services) {
        const test = svc.healthcheck?.test;
        const disabled = svc.healthcheck?.disable === true || (Array.isArray(test) && test[0] === 'NONE');
        if (!isJob(svc)) expect({ name, healthcheck: Boolean(test) && !disabled }).toEqual({ name, healthcheck: true });
        expect({ name, memory: Boolean(memoryLimit(svc)) }).toEqual({ name, memory: true });
      }
    });

    it('waits for dependencies by condition, never by start order alone', () => {
      for (const [name, svc] of services) {
        for (const [dep, condition] of Object.entries(dependsOn(svc))) {
          const wanted = isJob(model.services[dep] ?? {}) ? 'service_completed_successfully' : 'service_healthy';
          expect({ name, dep, condition }).toEqual({ name, dep, condition: wanted });
        }
      }
    });

    it('never makes an app or the gateway wait on monitoring', () => {
      expect(monitoringDependencies(model)).toEqual([]);
    });

    it('uses the networks and volume names of seed 003', () => {
      for (const [key, net] of Object.entries(model.networks ?? {})) expect(net?.name).toBe(NETWORKS[key as keyof typeof NETWORKS]);
      for (const [key, vol] of Object.entries(model.volumes ?? {})) {
        expect({ key, name: vol?.name }).toEqual({ key, name: VOLUMES[key as keyof typeof VOLUMES] });
      }
    });

    it('takes secrets from files under docker/secrets', () => {
      for (const [name, secret] of Object.entries(model.secrets ?? {})) {
        expect({ name, file: secret?.file }).toEqual({ name, file: join(REPO_ROOT, 'docker/secrets', name) });
      }
    });
  });

  it('declares all four networks in the core stack and redis with the seed memory policy', () => {
    const core = loadStack('core');
    expect(Object.keys(core.networks ?? {}).sort()).toEqual(Object.keys(NETWORKS).sort());
    const full = loadStack('full');
    expect(Object.keys(full.volumes ?? {})).toEqual(expect.arrayContaining(Object.keys(VOLUMES)));
    const conf = readFileSync(join(REPO_ROOT, 'docker/redis/redis.conf'), 'utf8');
    expect(conf).toMatch(/^maxmemory 256mb$/m);
    expect(conf).toMatch(/^maxmemory-policy allkeys-lru$/m);
  });

  it('documents every variable the compose files read in docker/.env.example', () => {
    const compose = readdirSync(DOCKER_DIR).filter((f) => /^compose\..*\.yml$/.test(f));
    const used = new Set(compose.flatMap((f) => [...readFileSync(join(DOCKER_DIR, f), 'utf8').matchAll(/\$\{([A-Z][A-Z0-9_]*)/g)].map((m) => m[1])));
    const documented = new Set([...readFileSync(join(DOCKER_DIR, '.env.example'), 'utf8').matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]));
    // Image overrides (POSTGRES_IMAGE, ...) are optional knobs with pinned defaults.
    expect([...used].filter((v) => !v.endsWith('_IMAGE') && !documented.has(v))).toEqual([]);
  });

  it('commits no secret: docker/secrets and docker/certs hold only their ignore rules', () => {
    const tracked = execFileSync('git', ['ls-files', 'docker/secrets', 'docker/certs', 'docker/.env'], { cwd: REPO_ROOT, encoding: 'utf8' })
      .split('\n')
      .filter(Boolean);
    expect(tracked.every((f) => /\/(\.gitignore|README\.md)$/.test(f))).toBe(true);
    const ignored = execFileSync('git', ['check-ignore', 'docker/secrets/x', 'docker/certs/tls.key', 'docker/.env'], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(ignored.split('\n').filter(Boolean)).toHaveLength(3);
  });
});
