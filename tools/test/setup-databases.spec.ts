import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { catalogDatabases, DEFAULT_ADMIN_URL, dropDatabases, setupDatabases } from '../db/setup-databases';

const adminUrl = process.env['TEST_POSTGRES_URL'] ?? DEFAULT_ADMIN_URL;

async function connectAs(role: string, database: string): Promise<string> {
  const url = new URL(adminUrl);
  url.username = role;
  url.password = 'pw';
  url.pathname = `/${database}`;
  const client = new Client({ connectionString: url.toString() });
  try {
    await client.connect();
    const { rows } = await client.query<{ u: string }>('SELECT current_user AS u');
    return rows[0].u;
  } finally {
    await client.end().catch(() => undefined);
  }
}

describe('tools/db/setup-databases', () => {
  const prefix = `t${randomBytes(3).toString('hex')}_`;
  const passwords = Object.fromEntries(catalogDatabases().map((d) => [d.service, `pw-${d.service}-'quoted`]));

  afterAll(() => dropDatabases(adminUrl, prefix));

  it('creates every catalog database and role, idempotently', async () => {
    const first = await setupDatabases({ adminUrl, prefix, passwords });
    const second = await setupDatabases({ adminUrl, prefix, passwords });
    expect(second).toEqual(first);
    expect(first.map((d) => d.database)).toEqual(
      ['user_db', 'board_db', 'chat_db', 'noti_db', 'storage_db', 'video_db', 'trading_db'].map((n) => prefix + n),
    );
  });

  it("lets a role open its own database and refuses another service's", async () => {
    expect(await connectAs(`${prefix}user_user`, `${prefix}user_db`)).toBe(`${prefix}user_user`);
    await expect(connectAs(`${prefix}user_user`, `${prefix}board_db`)).rejects.toThrow(/permission denied for database/);
    await expect(connectAs(`${prefix}board_user`, `${prefix}user_db`)).rejects.toThrow(/permission denied for database/);
  });

  it('names the missing password variables', async () => {
    await expect(setupDatabases({ adminUrl, prefix, passwords: { user: 'x' } })).rejects.toThrow(/BOARD_DATABASE_PASSWORD/);
  });
});
