import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOCKER_DIR, serviceDatabases, type ServiceDatabase } from './catalog';

/**
 * Backup and restore of the stack's state: a custom-format pg_dump of every service database
 * of the catalog and an RDB snapshot of Redis, with a manifest. Commands run either with the
 * local client tools (native runs, PG* variables) or inside the compose containers, so the
 * dump tools always match the server version.
 */
export type Target =
  | { kind: 'local'; pgEnv: Record<string, string>; redisUrl?: string }
  | { kind: 'compose'; project?: string };

export interface BackupManifest {
  createdAt: string;
  databases: (ServiceDatabase & { file: string; bytes: number })[];
  redis: { file: string; bytes: number } | null;
}

/** `docker compose` for the running project; postgres and redis are in compose.data.yml for every stack. */
export function composeArgs(target: Extract<Target, { kind: 'compose' }>): string[] {
  const envFile = join(DOCKER_DIR, '.env');
  return [
    'compose',
    '--project-name',
    target.project ?? 'wealist',
    ...(existsSync(envFile) ? ['--env-file', envFile] : []),
    '-f',
    join(DOCKER_DIR, 'compose.data.yml'),
  ];
}

/** The command that runs `tool args` against the target's container or local tools. */
function command(target: Target, container: 'postgres' | 'redis', tool: string, args: string[]): [string, string[], NodeJS.ProcessEnv] {
  if (target.kind === 'local') return [tool, args, { ...process.env, ...target.pgEnv }];
  const user = container === 'postgres' ? ['-U', 'postgres'] : [];
  return ['docker', [...composeArgs(target), 'exec', '-T', container, tool, ...user, ...args], process.env];
}

function run(cmd: [string, string[], NodeJS.ProcessEnv], io: { stdoutFile?: string; stdinFile?: string } = {}): Promise<string> {
  const [bin, args, env] = cmd;
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { env, stdio: [io.stdinFile ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let stdout = '';
    // stdio is 'pipe' for both, so the streams exist.
    const out = child.stdout as NodeJS.ReadableStream;
    (child.stderr as NodeJS.ReadableStream).on('data', (d: Buffer) => (stderr += d.toString()));
    // The dump is only complete once the file stream has flushed, not when the child exits.
    let written: Promise<void> = Promise.resolve();
    if (io.stdoutFile) {
      const file = createWriteStream(io.stdoutFile);
      out.pipe(file);
      written = new Promise((done, fail) => file.once('finish', done).once('error', fail));
    } else {
      out.on('data', (d: Buffer) => (stdout += d.toString()));
    }
    if (io.stdinFile && child.stdin) createReadStream(io.stdinFile).pipe(child.stdin);
    child.once('error', reject);
    child.once('close', (code) => {
      if (code !== 0) reject(new Error(`${bin} ${args.join(' ')} exited with ${code}:\n${stderr}`));
      else written.then(() => resolve(stdout), reject);
    });
  });
}

export async function backup(options: {
  target: Target;
  outDir: string;
  databases?: readonly ServiceDatabase[];
  redis?: boolean;
}): Promise<BackupManifest> {
  mkdirSync(options.outDir, { recursive: true });
  const manifest: BackupManifest = { createdAt: new Date().toISOString(), databases: [], redis: null };
  for (const db of options.databases ?? serviceDatabases()) {
    const file = `${db.database}.dump`;
    const path = join(options.outDir, file);
    await run(command(options.target, 'postgres', 'pg_dump', ['--format=custom', '--no-password', `--dbname=${db.database}`]), {
      stdoutFile: path,
    });
    manifest.databases.push({ ...db, file, bytes: statSync(path).size });
  }
  if (options.redis !== false) {
    const path = join(options.outDir, 'redis.rdb');
    if (options.target.kind === 'local') {
      if (!options.target.redisUrl) throw new Error('a local Redis backup needs redisUrl');
      await run(['redis-cli', ['-u', options.target.redisUrl, '--rdb', path], process.env]);
    } else {
      // redis-cli --rdb takes the snapshot over the replication protocol without blocking.
      await run(command(options.target, 'redis', 'sh', ['-c', 'redis-cli --rdb /tmp/backup.rdb >/dev/null && cat /tmp/backup.rdb']), {
        stdoutFile: path,
      });
    }
    manifest.redis = { file: 'redis.rdb', bytes: statSync(path).size };
  }
  writeFileSync(join(options.outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

export function readManifest(dir: string): BackupManifest {
  return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as BackupManifest;
}

/**
 * Restores every database of a backup. Each target database is created when missing and its
 * contents replaced (--clean) in a single transaction, so a failed restore changes nothing.
 * `noOwner` restores objects as the connecting user (into a cluster without the service roles).
 */
export async function restore(options: {
  target: Target;
  fromDir: string;
  rename?: (database: string) => string;
  noOwner?: boolean;
}): Promise<string[]> {
  const manifest = readManifest(options.fromDir);
  const restored: string[] = [];
  for (const db of manifest.databases) {
    const name = options.rename ? options.rename(db.database) : db.database;
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`refusing to restore into database name "${name}"`);
    const exists = await run(
      command(options.target, 'postgres', 'psql', ['--no-password', '-d', 'postgres', '-tA', '-c', `SELECT 1 FROM pg_database WHERE datname = '${name}'`]),
    );
    if (exists.trim() !== '1') {
      const owner = options.noOwner ? '' : ` OWNER ${db.role}`;
      await run(command(options.target, 'postgres', 'psql', ['--no-password', '-d', 'postgres', '-q', '-c', `CREATE DATABASE ${name}${owner}`]));
    }
    const args = ['--no-password', `--dbname=${name}`, '--clean', '--if-exists', '--single-transaction', '--exit-on-error'];
    if (options.noOwner) args.push('--no-owner', '--no-privileges');
    await run(command(options.target, 'postgres', 'pg_restore', args), { stdinFile: join(options.fromDir, db.file) });
    restored.push(name);
  }
  return restored;
}
