import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

export interface ParticipantSession {
  identity: string;
  name: string | null;
  participantSid: string;
  joinedAt: Date;
  leftAt: Date | null;
}

export interface CallRow {
  id: string;
  startedAt: Date;
  endedAt: Date | null;
  participants: ParticipantSession[];
}

/**
 * Call history. Every write is an idempotent upsert keyed by LiveKit's sids, because webhooks
 * can be retried and can arrive out of order (a "left" before its "joined").
 */
@Injectable()
export class CallsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The call of a LiveKit session, created on first sight; returns its id. */
  async ensureCall(roomId: string, livekitRoomSid: string, startedAt: Date): Promise<string> {
    const [row] = (await this.db.query(
      `INSERT INTO calls (room_id, livekit_room_sid, started_at) VALUES ($1, $2, $3)
       ON CONFLICT (livekit_room_sid) DO UPDATE SET started_at = LEAST(calls.started_at, EXCLUDED.started_at)
       RETURNING id`,
      [roomId, livekitRoomSid, startedAt],
    )) as { id: string }[];
    return row.id;
  }

  async upsertParticipant(callId: string, p: ParticipantSession): Promise<void> {
    await this.db.query(
      `INSERT INTO call_participants (call_id, identity, name, participant_sid, joined_at, left_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (participant_sid) DO UPDATE SET
         joined_at = LEAST(call_participants.joined_at, EXCLUDED.joined_at),
         left_at = COALESCE(EXCLUDED.left_at, call_participants.left_at),
         name = COALESCE(EXCLUDED.name, call_participants.name)`,
      [callId, p.identity, p.name, p.participantSid, p.joinedAt, p.leftAt],
    );
  }

  /** Ends a session (or, without a sid, every open call of the room) and whoever was still in it. */
  async endCalls(roomId: string, endedAt: Date, livekitRoomSid?: string): Promise<void> {
    await this.db.query(
      `WITH ended AS (
         UPDATE calls SET ended_at = $2
          WHERE room_id = $1 AND ended_at IS NULL AND ($3::varchar IS NULL OR livekit_room_sid = $3)
         RETURNING id)
       UPDATE call_participants SET left_at = $2 WHERE call_id IN (SELECT id FROM ended) AND left_at IS NULL`,
      [roomId, endedAt, livekitRoomSid ?? null],
    );
  }

  /** Calls of a room, newest first, with their participant sessions. */
  async history(roomId: string, before: { startedAt: Date; id: string } | null, limit: number): Promise<CallRow[]> {
    const calls = (await this.db.query(
      `SELECT id, started_at AS "startedAt", ended_at AS "endedAt" FROM calls
        WHERE room_id = $1 AND ($2::timestamptz IS NULL OR (started_at, id) < ($2::timestamptz, $3::uuid))
        ORDER BY started_at DESC, id DESC LIMIT $4`,
      [roomId, before?.startedAt ?? null, before?.id ?? null, limit],
    )) as Omit<CallRow, 'participants'>[];
    if (calls.length === 0) return [];
    const sessions = (await this.db.query(
      `SELECT call_id AS "callId", identity, name, participant_sid AS "participantSid", joined_at AS "joinedAt", left_at AS "leftAt"
         FROM call_participants WHERE call_id = ANY($1) ORDER BY joined_at, id`,
      [calls.map((c) => c.id)],
    )) as (ParticipantSession & { callId: string })[];
    return calls.map((c) => ({ ...c, participants: sessions.filter((s) => s.callId === c.id).map(({ callId: _c, ...s }) => s) }));
  }
}
