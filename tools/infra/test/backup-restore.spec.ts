import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import {
  adminQuery,
  cleanRedis,
  createTestDatabase,
  generateTestKeys,
  runBuiltService,
  TEST_REDIS_URL,
  testNamespace,
  testServiceEnv,
  type TestDatabase,
} from '@wealist/testing';
import { backup, restore, type Target } from '../src/backup';
import { IMPLEMENTED_SERVICES, SERVICE_CATALOG, serviceDatabases } from '../src/catalog';

// Backup with the machine's pg_dump/redis-cli (the --local mode of tools/infra/backup.sh) of a
// database migrated by the real user service, then restore into a fresh database.
jest.setTimeout(120_000);

async function snapshot(database: string): Promise<Record<string, unknown>> {
  const tables = await adminQuery<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
    [],
    database,
  );
  const out: Record<string, unknown> = {};
  for (const { table_name } of tables) {
    const [row] = await adminQuery<{ rows: unknown }>(
      `SELECT coalesce(json_agg(t ORDER BY t::text), '[]'::json) AS rows FROM "${table_name}" t`,
      [],
      database,
    );
    out[table_name] = row.rows;
  }
  return out;
}

describe('backup and restore', () => {
  const namespace = testNamespace('infra-backup');
  let db: TestDatabase;
  let restoredName: string;
  let dir: string;
  let target: Target;

  beforeAll(async () => {
    db = await createTestDatabase('infra_backup');
    restoredName = `${db.name}_restored`;
    dir = mkdtempSync(join(tmpdir(), 'wealist-backup-'));
    const env = { ...testServiceEnv(namespace, await generateTestKeys()), ...db.env };
    const migrated = await runBuiltService('user', env, 'migrate');
    expect(migrated.code).toBe(0);
    await adminQuery(
      `INSERT INTO users (email, name, plan_tier) VALUES ('ada@example.com', 'Ada', 'premium'), ('bob@example.com', 'Bob', 'free')`,
      [],
      db.name,
    );
    await adminQuery(
      `INSERT INTO oidc_identities (provider, subject, user_id) SELECT 'keycloak', 'sub-1', id FROM users WHERE email = 'ada@example.com'`,
      [],
      db.name,
    );
    target = {
      kind: 'local',
      pgEnv: { PGHOST: db.env['DATABASE_HOST'], PGPORT: db.env['DATABASE_PORT'], PGUSER: db.env['DATABASE_USER'], PGPASSWORD: db.env['DATABASE_PASSWORD'] },
      redisUrl: TEST_REDIS_URL,
    };
    const redis = new Redis(TEST_REDIS_URL, { db: 0, keyPrefix: namespace });
    await redis.set('probe', 'backed-up');
    redis.disconnect();
  });

  afterAll(async () => {
    await db?.drop();
    if (restoredName) await adminQuery(`DROP DATABASE IF EXISTS ${restoredName} WITH (FORCE)`);
    if (dir) rmSync(dir, { recursive: true, force: true });
    await cleanRedis(namespace, [0]);
  });

  it('dumps every service database of the catalog by default', () => {
    const expected = IMPLEMENTED_SERVICES.flatMap((service) => {
      const database = SERVICE_CATALOG[service].database;
      return database ? [{ service, database: database.name, role: database.role }] : [];
    });
    expect(expected.map((d) => d.database)).toContain('user_db');
    expect(serviceDatabases()).toEqual(expected);
  });

  it('gives back the same rows after backup and restore into a fresh database', async () => {
    const manifest = await backup({ target, outDir: dir, databases: [{ service: 'user', database: db.name, role: 'user_user' }] });
    expect(manifest.databases).toEqual([expect.objectContaining({ database: db.name, file: `${db.name}.dump` })]);
    expect(manifest.databases[0].bytes).toBeGreaterThan(1000);
    // An RDB file starts with the magic "REDIS" and its format version.
    expect(readFileSync(join(dir, 'redis.rdb')).subarray(0, 5).toString()).toBe('REDIS');

    const original = await snapshot(db.name);
    expect((original['users'] as unknown[]).length).toBe(2);
    expect((original['oidc_identities'] as unknown[]).length).toBe(1);

    const rename = (name: string) => (name === db.name ? restoredName : name);
    expect(await restore({ target, fromDir: dir, rename, noOwner: true })).toEqual([restoredName]);
    expect(await snapshot(restoredName)).toEqual(original);

    // Restoring again replaces the contents instead of failing on existing objects.
    await adminQuery(`DELETE FROM oidc_identities`, [], restoredName);
    await restore({ target, fromDir: dir, rename, noOwner: true });
    expect(await snapshot(restoredName)).toEqual(original);
  });
});
