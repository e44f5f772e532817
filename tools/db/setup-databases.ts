// Creates, idempotently, every service's database and its own login role on a PostgreSQL
// server, from the service catalog. CONNECT is revoked from PUBLIC and granted to the owning
// role only, so a service's role cannot open another service's database.
//
//   npx tsx tools/db/setup-databases.ts            (passwords from <SERVICE>_DATABASE_PASSWORD[_FILE])
//   POSTGRES_ADMIN_URL=postgres://postgres@host/postgres npx tsx tools/db/setup-databases.ts
import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { Client } from 'pg';
import { SERVICE_CATALOG, type ServiceName } from '@wealist/config';

export interface DatabaseSetupOptions {
  adminUrl: string;
  /** Prepended to every database and role name (tests use it to stay out of the real names). */
  prefix?: string;
  passwords: Partial<Record<ServiceName, string>>;
  log?: (line: string) => void;
}

export interface ServiceDatabase {
  service: ServiceName;
  database: string;
  role: string;
}

export function catalogDatabases(prefix = ''): ServiceDatabase[] {
  return Object.values(SERVICE_CATALOG).flatMap((entry) =>
    entry.database ? [{ service: entry.name, database: prefix + entry.database.name, role: prefix + entry.database.role }] : [],
  );
}

export function passwordVariable(service: ServiceName): string {
  return `${service.toUpperCase()}_DATABASE_PASSWORD`;
}

/** Reads each service's role password from env (or the file named by ..._FILE). */
export function passwordsFromEnv(source: NodeJS.ProcessEnv = process.env): Partial<Record<ServiceName, string>> {
  const out: Partial<Record<ServiceName, string>> = {};
  for (const { service } of catalogDatabases()) {
    const name = passwordVariable(service);
    const file = source[`${name}_FILE`];
    const value = file ? readFileSync(file, 'utf8').trim() : source[name];
    if (value) out[service] = value;
  }
  return out;
}

const ident = (name: string) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsafe identifier ${name}`);
  return `"${name}"`;
};

export async function setupDatabases(options: DatabaseSetupOptions): Promise<ServiceDatabase[]> {
  const log = options.log ?? (() => undefined);
  const wanted = catalogDatabases(options.prefix);
  const missing = wanted.filter((d) => !options.passwords[d.service]).map((d) => passwordVariable(d.service));
  if (missing.length > 0) throw new Error(`missing role passwords: ${missing.join(', ')}`);

  const admin = new Client({ connectionString: options.adminUrl });
  await admin.connect();
  try {
    for (const db of wanted) {
      const password = admin.escapeLiteral(options.passwords[db.service] as string);
      const role = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [db.role]);
      // ALTER on re-runs keeps the password in step with the secret (rotation).
      await admin.query(`${role.rowCount ? 'ALTER' : 'CREATE'} ROLE ${ident(db.role)} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD ${password}`);
      const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [db.database]);
      if (!exists.rowCount) await admin.query(`CREATE DATABASE ${ident(db.database)} OWNER ${ident(db.role)}`);
      await admin.query(`ALTER DATABASE ${ident(db.database)} OWNER TO ${ident(db.role)}`);
      await admin.query(`REVOKE ALL ON DATABASE ${ident(db.database)} FROM PUBLIC`);
      await admin.query(`GRANT CONNECT, TEMPORARY ON DATABASE ${ident(db.database)} TO ${ident(db.role)}`);
      log(`${exists.rowCount ? 'checked' : 'created'} ${db.database} (role ${db.role})`);
    }
  } finally {
    await admin.end();
  }
  // pgcrypto's gen_random_uuid is built in since PostgreSQL 13; nothing else is needed per database.
  return wanted;
}

export async function dropDatabases(adminUrl: string, prefix: string): Promise<void> {
  if (!prefix) throw new Error('refusing to drop the real databases');
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    for (const db of catalogDatabases(prefix)) {
      await admin.query(`DROP DATABASE IF EXISTS ${ident(db.database)} WITH (FORCE)`);
      await admin.query(`DROP ROLE IF EXISTS ${ident(db.role)}`);
    }
  } finally {
    await admin.end();
  }
}

export const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

if (require.main === module) {
  // Passwords come from the environment, falling back to the local .env of `npm run up`.
  const local = existsSync('.env') ? (parseEnv(readFileSync('.env', 'utf8')) as NodeJS.ProcessEnv) : {};
  const source = { ...local, ...process.env };
  setupDatabases({
    adminUrl: source['POSTGRES_ADMIN_URL'] ?? DEFAULT_ADMIN_URL,
    passwords: passwordsFromEnv(source),
    log: (line) => console.log(`[db] ${line}`),
  }).catch((err: unknown) => {
    console.error(`[db] setup failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
