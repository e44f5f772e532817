import { SERVICE_CATALOG, SERVICE_NAMES, EVENT_BUS_REDIS_DB } from './service-catalog';

describe('service catalog', () => {
  it('matches the contract table of PLATFORM.md', () => {
    const rows = SERVICE_NAMES.map((n) => {
      const e = SERVICE_CATALOG[n];
      return [n, e.port, e.database?.name ?? null, e.database?.role ?? null, e.redisDb];
    });
    expect(rows).toEqual([
      ['user', 8080, 'user_db', 'user_user', null],
      ['auth', 8090, null, null, 0],
      ['board', 8000, 'board_db', 'board_user', 1],
      ['chat', 8001, 'chat_db', 'chat_user', 2],
      ['notification', 8002, 'noti_db', 'noti_user', 3],
      ['storage', 8003, 'storage_db', 'storage_user', null],
      ['video', 8004, 'video_db', 'video_user', 4],
      ['trading', 8005, 'trading_db', 'trading_user', 5],
    ]);
  });

  it('has unique ports, databases, roles, Redis DBs and prefixes, none on the bus DB', () => {
    const entries = Object.values(SERVICE_CATALOG);
    const unique = (xs: unknown[]) => new Set(xs).size === xs.length;
    expect(unique(entries.map((e) => e.port))).toBe(true);
    const dbs = entries.flatMap((e) => (e.database ? [e.database.name] : []));
    expect(unique(dbs)).toBe(true);
    const redis = entries.flatMap((e) => (e.redisDb === null ? [] : [e.redisDb]));
    expect(unique(redis)).toBe(true);
    expect(redis).not.toContain(EVENT_BUS_REDIS_DB);
    expect(unique(entries.flatMap((e) => [...e.httpPrefixes, ...e.wsPaths]))).toBe(true);
  });
});
