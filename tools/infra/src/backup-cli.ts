import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { backup, composeArgs, readManifest, restore, type Target } from './backup';
import { REPO_ROOT } from './catalog';

/**
 * tools/infra/backup.sh and restore.sh. By default they work on the running compose project
 * (`docker compose exec` into postgres/redis); `--local` uses the machine's client tools with
 * the PG* variables and REDIS_URL instead (native runs).
 *
 *   backup.sh [--local] [--out DIR] [--no-redis]
 *   restore.sh DIR [--local] [--no-owner] [--with-redis]
 */
const USAGE = 'usage: backup.sh [--local] [--out DIR] [--no-redis] | restore.sh DIR [--local] [--no-owner] [--with-redis]';

const OPTIONS = {
  local: { type: 'boolean', default: false },
  out: { type: 'string' },
  'no-redis': { type: 'boolean', default: false },
  'no-owner': { type: 'boolean', default: false },
  'with-redis': { type: 'boolean', default: false },
  project: { type: 'string', default: 'wealist' },
} as const;

function parseCli() {
  try {
    return parseArgs({ allowPositionals: true, options: OPTIONS });
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    process.exit(2);
  }
}

const { values, positionals } = parseCli();

function target(): Target {
  if (!values.local) return { kind: 'compose', project: values.project };
  const pgEnv = Object.fromEntries(Object.entries(process.env).filter(([k, v]) => k.startsWith('PG') && v !== undefined)) as Record<string, string>;
  return { kind: 'local', pgEnv, redisUrl: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379' };
}

function docker(args: string[]): void {
  const result = spawnSync('docker', args, { stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`docker ${args.join(' ')} failed`);
}

/** Replaces Redis's dump.rdb while Redis is stopped; on start it loads the snapshot. */
function restoreComposeRedis(t: Extract<Target, { kind: 'compose' }>, rdb: string): void {
  const base = composeArgs(t);
  docker([...base, 'stop', 'redis']);
  docker([...base, 'run', '--rm', '--no-deps', '-v', `${rdb}:/backup.rdb:ro`, '--entrypoint', 'sh', 'redis', '-c', 'cp /backup.rdb /data/dump.rdb']);
  docker([...base, 'start', 'redis']);
}

async function main(): Promise<void> {
  const [commandName, dir] = positionals;
  if (commandName === 'backup') {
    const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
    const outDir = resolve(values.out ?? `${REPO_ROOT}/.wealist/backups/${stamp}`);
    const manifest = await backup({ target: target(), outDir, redis: !values['no-redis'] });
    for (const db of manifest.databases) console.log(`${db.database}: ${db.bytes} bytes`);
    if (manifest.redis) console.log(`redis: ${manifest.redis.bytes} bytes`);
    console.log(`backup written to ${outDir}`);
  } else if (commandName === 'restore' && dir) {
    const fromDir = resolve(dir);
    const t = target();
    const restored = await restore({ target: t, fromDir, noOwner: values['no-owner'] });
    console.log(`restored ${restored.join(', ')}`);
    const manifest = readManifest(fromDir);
    if (values['with-redis'] && manifest.redis) {
      if (t.kind !== 'compose') throw new Error('restore a local Redis by stopping it and copying redis.rdb to its dump file');
      restoreComposeRedis(t, resolve(fromDir, manifest.redis.file));
      console.log('restored redis');
    }
  } else {
    console.error(USAGE);
    process.exit(2);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
