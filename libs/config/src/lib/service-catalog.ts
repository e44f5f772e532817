/**
 * The service catalog of docs/PLATFORM.md as typed data. Every port, database, role, Redis DB
 * number and gateway prefix in the repository is derived from this one object; the drift tests
 * fail when an app, a generator, the gateway or a scrape config disagrees with it.
 */
export type ServiceName =
  | 'user'
  | 'auth'
  | 'board'
  | 'chat'
  | 'notification'
  | 'storage'
  | 'video'
  | 'trading';

export interface ServiceEntry {
  readonly name: ServiceName;
  readonly port: number;
  /** PostgreSQL database and the role that alone may connect to it; null when the service has none. */
  readonly database: { readonly name: string; readonly role: string } | null;
  /** Redis logical DB number; null when the service keeps nothing in Redis. */
  readonly redisDb: number | null;
  /** HTTP path prefixes the gateway routes to this service. */
  readonly httpPrefixes: readonly string[];
  /** WebSocket paths the gateway upgrades and routes to this service. */
  readonly wsPaths: readonly string[];
}

export const SERVICE_CATALOG = {
  user: {
    name: 'user',
    port: 8080,
    database: { name: 'user_db', role: 'user_user' },
    redisDb: null,
    httpPrefixes: ['/api/users'],
    wsPaths: [],
  },
  auth: {
    name: 'auth',
    port: 8090,
    database: null,
    redisDb: 0,
    httpPrefixes: ['/api/auth'],
    wsPaths: [],
  },
  board: {
    name: 'board',
    port: 8000,
    database: { name: 'board_db', role: 'board_user' },
    redisDb: 1,
    httpPrefixes: ['/api/boards'],
    wsPaths: [],
  },
  chat: {
    name: 'chat',
    port: 8001,
    database: { name: 'chat_db', role: 'chat_user' },
    redisDb: 2,
    httpPrefixes: ['/api/chats'],
    wsPaths: ['/ws/chat'],
  },
  notification: {
    name: 'notification',
    port: 8002,
    database: { name: 'noti_db', role: 'noti_user' },
    redisDb: 3,
    httpPrefixes: ['/api/notifications'],
    wsPaths: ['/ws/notifications'],
  },
  storage: {
    name: 'storage',
    port: 8003,
    database: { name: 'storage_db', role: 'storage_user' },
    redisDb: null,
    httpPrefixes: ['/api/storage'],
    wsPaths: [],
  },
  video: {
    name: 'video',
    port: 8004,
    database: { name: 'video_db', role: 'video_user' },
    redisDb: 4,
    httpPrefixes: ['/api/video'],
    wsPaths: [],
  },
  trading: {
    name: 'trading',
    port: 8005,
    database: { name: 'trading_db', role: 'trading_user' },
    redisDb: 5,
    httpPrefixes: ['/api/trading'],
    wsPaths: ['/ws/trading'],
  },
} as const satisfies Record<ServiceName, ServiceEntry>;

/** Redis DB reserved for the cross-service event bus and RPC transport. */
export const EVENT_BUS_REDIS_DB = 6;

/** Redis DB that holds auth state every service reads (token blacklist, API key index). */
export const AUTH_STATE_REDIS_DB = SERVICE_CATALOG.auth.redisDb;

export const SERVICE_NAMES = Object.keys(SERVICE_CATALOG) as ServiceName[];

export function serviceEntry(name: ServiceName): ServiceEntry {
  return SERVICE_CATALOG[name];
}

/** The services that exist as apps in this repository (the rest are reserved in the contract). */
export const IMPLEMENTED_SERVICES: readonly ServiceName[] = ['auth', 'user', 'board', 'storage', 'video', 'chat', 'notification', 'trading'];
