import { Inject, Injectable } from '@nestjs/common';
import { REDIS_CLIENT, type Redis } from '@wealist/redis';

export interface LiveParticipant {
  identity: string;
  name: string;
  participantSid: string;
  joinedAt: string;
}

export interface RoomState {
  status: 'idle' | 'active' | 'ended';
  livekitRoomSid: string | null;
  startedAt: string | null;
  endedAt: string | null;
  participants: LiveParticipant[];
}

/** How long the state of an ended call is kept (the room list shows "ended at"). */
const ENDED_TTL_SECONDS = 7 * 24 * 3600;

export const RoomKeys = {
  participants: (roomId: string) => `video:room:${roomId}:participants`,
  state: (roomId: string) => `video:room:${roomId}:state`,
};

// Webhooks may arrive late or twice. A "left" removes the participant only if it is the same
// LiveKit session (sid) that joined, and a "finished" only ends the session it names, so a
// stale event never wipes a newer call. Each check-and-write is one atomic script.
const REMOVE_PARTICIPANT = `
local v = redis.call('HGET', KEYS[1], ARGV[1])
if v and (ARGV[2] == '' or cjson.decode(v).participantSid == ARGV[2]) then return redis.call('HDEL', KEYS[1], ARGV[1]) end
return 0`;
const START = `
local current = redis.call('HGET', KEYS[2], 'livekitRoomSid')
if current ~= ARGV[1] then redis.call('DEL', KEYS[1]) end
redis.call('HSET', KEYS[2], 'status', 'active', 'livekitRoomSid', ARGV[1], 'startedAt', ARGV[2], 'endedAt', '')
redis.call('PERSIST', KEYS[2])
return 1`;
const END = `
local current = redis.call('HGET', KEYS[2], 'livekitRoomSid')
if ARGV[1] ~= '' and current and current ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[2], 'status', 'ended', 'endedAt', ARGV[2])
redis.call('EXPIRE', KEYS[2], ARGV[3])
return 1`;

type ScriptedRedis = Redis & {
  videoRemoveParticipant(participants: string, identity: string, sid: string): Promise<number>;
  videoStart(participants: string, state: string, sid: string, startedAt: string): Promise<number>;
  videoEnd(participants: string, state: string, sid: string, endedAt: string, ttl: number): Promise<number>;
};

/**
 * Live room state in Redis DB 4 (keys of docs/PLATFORM.md): `video:room:{id}:state` (a hash:
 * status, LiveKit sid, start/end) and `video:room:{id}:participants` (identity -> JSON).
 * Written from LiveKit's webhooks and from this service's own end/remove calls.
 */
@Injectable()
export class RoomStateStore {
  private readonly redis: ScriptedRedis;

  constructor(@Inject(REDIS_CLIENT) redis: Redis) {
    redis.defineCommand('videoRemoveParticipant', { numberOfKeys: 1, lua: REMOVE_PARTICIPANT });
    redis.defineCommand('videoStart', { numberOfKeys: 2, lua: START });
    redis.defineCommand('videoEnd', { numberOfKeys: 2, lua: END });
    this.redis = redis as ScriptedRedis;
  }

  async started(roomId: string, livekitRoomSid: string, startedAt: Date): Promise<void> {
    await this.redis.videoStart(RoomKeys.participants(roomId), RoomKeys.state(roomId), livekitRoomSid, startedAt.toISOString());
  }

  async joined(roomId: string, livekitRoomSid: string, participant: LiveParticipant): Promise<void> {
    await this.redis
      .multi()
      .hset(RoomKeys.participants(roomId), participant.identity, JSON.stringify(participant))
      .hsetnx(RoomKeys.state(roomId), 'livekitRoomSid', livekitRoomSid)
      .hset(RoomKeys.state(roomId), 'status', 'active')
      .persist(RoomKeys.state(roomId))
      .exec();
  }

  /** `participantSid` empty: whichever session the identity has (a removal by this service). */
  async left(roomId: string, identity: string, participantSid = ''): Promise<void> {
    await this.redis.videoRemoveParticipant(RoomKeys.participants(roomId), identity, participantSid);
  }

  /** `livekitRoomSid` empty: the current session, whatever it is (ended by this service). */
  async ended(roomId: string, endedAt: Date, livekitRoomSid = ''): Promise<void> {
    await this.redis.videoEnd(RoomKeys.participants(roomId), RoomKeys.state(roomId), livekitRoomSid, endedAt.toISOString(), ENDED_TTL_SECONDS);
  }

  async read(roomId: string): Promise<RoomState> {
    const [state, participants] = await Promise.all([this.redis.hgetall(RoomKeys.state(roomId)), this.redis.hvals(RoomKeys.participants(roomId))]);
    return {
      status: (state['status'] as RoomState['status'] | undefined) ?? 'idle',
      livekitRoomSid: state['livekitRoomSid'] || null,
      startedAt: state['startedAt'] || null,
      endedAt: state['endedAt'] || null,
      participants: participants.map((p) => JSON.parse(p) as LiveParticipant).sort((a, b) => a.joinedAt.localeCompare(b.joinedAt)),
    };
  }

  /** Status and head count of many rooms in one round trip (the room list). */
  async summaries(roomIds: string[]): Promise<Map<string, { status: RoomState['status']; participantCount: number }>> {
    const pipeline = this.redis.pipeline();
    for (const id of roomIds) pipeline.hget(RoomKeys.state(id), 'status').hlen(RoomKeys.participants(id));
    const results = (await pipeline.exec()) ?? [];
    return new Map(
      roomIds.map((id, i) => [
        id,
        { status: ((results[i * 2]?.[1] as string | null) ?? 'idle') as RoomState['status'], participantCount: Number(results[i * 2 + 1]?.[1] ?? 0) },
      ]),
    );
  }
}
