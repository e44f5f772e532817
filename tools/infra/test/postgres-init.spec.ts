import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { adminQuery } from '@wealist/testing';
import { DOCKER_DIR } from '../src/catalog';
import { runSync } from '../src/process-util';

// Runs docker/postgres/init/10-service-databases.sh against the local cluster, as the postgres
// image would on first start, with names unique to this run so parallel runs never collide.
const SCRIPT = join(DOCKER_DIR, 'postgres/init/10-service-databases.sh');
const tag = randomBytes(3).toString('hex');
const services = ['alpha', 'beta'].map((s) => ({ service: `${s}${tag}`, database: `t_init_${s}_${tag}_db`, role: `t_init_${s}_${tag}_user` }));
const secrets = mkdtempSync(join(tmpdir(), 'pg-init-secrets-'));

function runInit(): { code: number; output: string } {
  const admin = new URL(process.env['TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  return runSync('bash', [SCRIPT], {
    PATH: process.env['PATH'],
    PGHOST: admin.hostname,
    PGPORT: admin.port || '5432',
    PGPASSWORD: decodeURIComponent(admin.password),
    POSTGRES_USER: decodeURIComponent(admin.username || 'postgres'),
    SECRETS_DIR: secrets,
    // The local cluster is shared with other test files: leave its postgres database alone.
    LOCK_POSTGRES_DB: 'no',
    WEALIST_DATABASES: services.map((s) => `${s.service}:${s.database}:${s.role}`).join(' '),
  });
}

async function canConnect(role: string, database: string): Promise<string> {
  const admin = new URL(process.env['TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  const client = new Client({ host: admin.hostname, port: Number(admin.port || 5432), user: role, password: 'pw', database });
  try {
    await client.connect();
    return 'connected';
  } catch (err) {
    return (err as Error).message;
  } finally {
    await client.end().catch(() => undefined);
  }
}

describe('postgres init script', () => {
  beforeAll(() => {
    for (const s of services) writeFileSync(join(secrets, `${s.service}_db_password`), `pw-${s.service}\n`);
  });

  afterAll(async () => {
    for (const s of services) {
      await adminQuery(`DROP DATABASE IF EXISTS ${s.database} WITH (FORCE)`);
      await adminQuery(`DROP ROLE IF EXISTS ${s.role}`);
    }
    rmSync(secrets, { recursive: true, force: true });
  });

  it('creates each database owned by its own role, and is idempotent', async () => {
    const first = runInit();
    expect(first).toEqual({ code: 0, output: expect.stringContaining(`database ${services[1].database} ready`) });
    expect(runInit().code).toBe(0);
    const rows = await adminQuery<{ datname: string; owner: string }>(
      `SELECT datname, pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = ANY($1) ORDER BY datname`,
      [services.map((s) => s.database)],
    );
    expect(rows).toEqual(services.map((s) => ({ datname: s.database, owner: s.role })));
    const [role] = await adminQuery<{ rolsuper: boolean; rolcreatedb: boolean; has_password: boolean }>(
      'SELECT rolsuper, rolcreatedb, rolpassword IS NOT NULL AS has_password FROM pg_authid WHERE rolname = $1',
      [services[0].role],
    );
    expect(role).toEqual({ rolsuper: false, rolcreatedb: false, has_password: true });
  });

  it('lets a role into its own database only (CONNECT revoked from PUBLIC)', async () => {
    const [a, b] = services;
    expect(await canConnect(a.role, a.database)).toBe('connected');
    expect(await canConnect(a.role, b.database)).toMatch(/permission denied for database/);
    expect(await canConnect(b.role, a.database)).toMatch(/permission denied for database/);
  });

  it('refuses to run without a password for a role', () => {
    rmSync(join(secrets, `${services[1].service}_db_password`));
    const result = runInit();
    expect(result.code).not.toBe(0);
    expect(result.output).toContain(`missing password for ${services[1].role}`);
  });
});
