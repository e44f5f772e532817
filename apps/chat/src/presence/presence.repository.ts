import { Inject, Injectable } from '@nestjs/common';
import { REDIS_CLIENT } from '@wealist/redis';
import type { Redis } from 'ioredis';

/**
 * Presence in Redis DB 2. Every entry is scored with its expiry and every key carries a TTL, all
 * pushed forward by the heartbeat of the instance holding the connection: a clean disconnect
 * removes its entries at once, and the entries of an instance that died run out by themselves.
 *
 *   chat:user:{userId}:status                       "online" while the user has a live connection
 *   chat:user:{userId}:connections                  zset connection id -> expiry (ms)
 *   chat:room:{roomId}:users                        zset user id -> expiry: who is in the room
 *   chat:room:{roomId}:connections:{userId}         zset connection id -> expiry
 */
export const PresenceKeys = {
  status: (userId: string) => `chat:user:${userId}:status`,
  userConnections: (userId: string) => `chat:user:${userId}:connections`,
  roomUsers: (roomId: string) => `chat:room:${roomId}:users`,
  roomConnections: (roomId: string, userId: string) => `chat:room:${roomId}:connections:${userId}`,
} as const;

// KEYS: a zset of connections, the key that means "present"; ARGV: connection, now, ttl, member.
// Adds the connection; the "present" key is a string (status) or a zset member (room users).
const ADD = `
local was = redis.call('ZCOUNT', KEYS[1], ARGV[2], '+inf')
redis.call('ZADD', KEYS[1], ARGV[2] + ARGV[3], ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
if ARGV[4] == '' then
  redis.call('SET', KEYS[2], 'online', 'PX', ARGV[3])
else
  redis.call('ZADD', KEYS[2], ARGV[2] + ARGV[3], ARGV[4])
  redis.call('PEXPIRE', KEYS[2], ARGV[3])
end
return was == 0 and 1 or 0`;

// Removes the connection (and expired ones); when none is left, the "present" entry goes too.
const REMOVE = `
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[2])
if redis.call('ZCARD', KEYS[1]) > 0 then return 0 end
redis.call('DEL', KEYS[1])
if ARGV[4] == '' then redis.call('DEL', KEYS[2]) else redis.call('ZREM', KEYS[2], ARGV[4]) end
return 1`;

type PresenceRedis = Redis & {
  presenceAdd(conns: string, present: string, connId: string, now: number, ttl: number, member: string): Promise<number>;
  presenceRemove(conns: string, present: string, connId: string, now: number, ttl: number, member: string): Promise<number>;
};

export interface LiveConnection {
  connId: string;
  userId: string;
  roomIds: Iterable<string>;
}

@Injectable()
export class PresenceRepository {
  private readonly redis: PresenceRedis;

  constructor(@Inject(REDIS_CLIENT) redis: Redis) {
    // defineCommand applies the client's key prefix to KEYS, like any other command.
    if (!('presenceAdd' in redis)) {
      redis.defineCommand('presenceAdd', { numberOfKeys: 2, lua: ADD });
      redis.defineCommand('presenceRemove', { numberOfKeys: 2, lua: REMOVE });
    }
    this.redis = redis as PresenceRedis;
  }

  /** true when this is the user's first live connection (they just came online). */
  async connect(userId: string, connId: string, ttlMs: number): Promise<boolean> {
    return (await this.redis.presenceAdd(PresenceKeys.userConnections(userId), PresenceKeys.status(userId), connId, Date.now(), ttlMs, '')) === 1;
  }

  /** true when it was the user's last live connection (they went offline). */
  async disconnect(userId: string, connId: string): Promise<boolean> {
    return (await this.redis.presenceRemove(PresenceKeys.userConnections(userId), PresenceKeys.status(userId), connId, Date.now(), 0, '')) === 1;
  }

  /** true when the user was not in the room through any connection before. */
  async joinRoom(roomId: string, userId: string, connId: string, ttlMs: number): Promise<boolean> {
    return (
      (await this.redis.presenceAdd(PresenceKeys.roomConnections(roomId, userId), PresenceKeys.roomUsers(roomId), connId, Date.now(), ttlMs, userId)) === 1
    );
  }

  /** true when that was the user's last connection in the room. */
  async leaveRoom(roomId: string, userId: string, connId: string): Promise<boolean> {
    return (await this.redis.presenceRemove(PresenceKeys.roomConnections(roomId, userId), PresenceKeys.roomUsers(roomId), connId, Date.now(), 0, userId)) === 1;
  }

  /**
   * Pushes every entry of this instance's connections forward, and drops expired room members.
   * Shared keys (a user's status, a room's member set) are written once per beat, not once per
   * connection, so the beat stays small with many connections.
   */
  async heartbeat(connections: LiveConnection[], ttlMs: number): Promise<void> {
    const now = Date.now();
    const expiry = now + ttlMs;
    const users = new Set<string>();
    const rooms = new Map<string, Set<string>>();
    const pipeline = this.redis.pipeline();
    for (const c of connections) {
      users.add(c.userId);
      pipeline.zadd(PresenceKeys.userConnections(c.userId), expiry, c.connId);
      for (const roomId of c.roomIds) {
        pipeline.zadd(PresenceKeys.roomConnections(roomId, c.userId), expiry, c.connId).pexpire(PresenceKeys.roomConnections(roomId, c.userId), ttlMs);
        const members = rooms.get(roomId) ?? new Set<string>();
        rooms.set(roomId, members.add(c.userId));
      }
    }
    for (const userId of users) pipeline.pexpire(PresenceKeys.userConnections(userId), ttlMs).set(PresenceKeys.status(userId), 'online', 'PX', ttlMs);
    for (const [roomId, members] of rooms) {
      const key = PresenceKeys.roomUsers(roomId);
      pipeline.zadd(key, ...[...members].flatMap((userId) => [expiry, userId])).pexpire(key, ttlMs).zremrangebyscore(key, '-inf', now);
    }
    if (pipeline.length > 0) await pipeline.exec();
  }

  async onlineInRoom(roomId: string): Promise<string[]> {
    return this.redis.zrangebyscore(PresenceKeys.roomUsers(roomId), Date.now(), '+inf');
  }

  async isOnline(userId: string): Promise<boolean> {
    return (await this.redis.exists(PresenceKeys.status(userId))) === 1;
  }
}
