import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isUniqueViolation } from '@wealist/database';
import type { DataSource, EntityManager } from 'typeorm';
import type { ChatMessage } from '../fanout/room-events';

export interface NewMessage {
  roomId: string;
  senderId: string;
  body: string;
  clientMessageId: string | null;
  /** Candidate mentions; only those who are members of the room are kept. */
  mentions: string[];
}

export interface StoredRoom {
  workspaceId: string;
  name: string | null;
}

/** Runs inside the insert's transaction (the outbox write of a mention event). */
export type AfterInsert = (m: EntityManager, message: ChatMessage, room: StoredRoom) => Promise<void>;

export type AppendResult =
  | { status: 'stored'; message: ChatMessage; created: boolean }
  | { status: 'not-member' }
  | { status: 'archived' };

interface Row {
  id: string;
  room_id: string;
  seq: number;
  sender_id: string;
  body: string;
  mentions: string[];
  client_message_id: string | null;
  created_at: Date;
  edited_at: Date | null;
  deleted_at: Date | null;
}

const COLUMNS = 'id, room_id, seq, sender_id, body, mentions, client_message_id, created_at, edited_at, deleted_at';

@Injectable()
export class MessagesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Stores a message under the next sequence of its room. The UPDATE takes the room row's lock,
   * so sends to one room run one at a time from there to the commit: sequences are increasing
   * and, since a rollback undoes the increment too, gapless. It also checks membership and that
   * the room is not archived in the same statement.
   */
  async append(input: NewMessage, afterInsert?: AfterInsert): Promise<AppendResult> {
    if (input.clientMessageId) {
      const existing = await this.findByClientId(input);
      if (existing) return { status: 'stored', message: existing, created: false };
    }
    try {
      if (input.mentions.length === 0) return await this.appendAlone(input);
      return await this.db.transaction(async (m) => {
        const rooms = (await m.query(
          `UPDATE rooms r SET last_seq = r.last_seq + 1, last_message_at = now()
            WHERE r.id = $1 AND r.archived_at IS NULL
              AND EXISTS (SELECT 1 FROM room_members x WHERE x.room_id = r.id AND x.user_id = $2)
            RETURNING r.last_seq AS seq, r.workspace_id AS "workspaceId", r.name`,
          [input.roomId, input.senderId],
        )) as [{ seq: number; workspaceId: string; name: string | null }[], number];
        const room = rooms[0][0];
        if (!room) return this.whyRefused(input.roomId, input.senderId, m);
        const mentions = input.mentions.length > 0 ? await this.membersAmong(input.roomId, input.mentions, m) : [];
        const [row] = (await m.query(
          `INSERT INTO messages (room_id, seq, sender_id, body, mentions, client_message_id) VALUES ($1, $2, $3, $4, $5::uuid[], $6)
           RETURNING ${COLUMNS}`,
          [input.roomId, room.seq, input.senderId, input.body, mentions, input.clientMessageId],
        )) as Row[];
        const message = toMessage(row);
        await afterInsert?.(m, message, { workspaceId: room.workspaceId, name: room.name });
        return { status: 'stored', message, created: true } as const;
      });
    } catch (err) {
      // The same client id sent twice at once: the loser's transaction (and its seq) rolled back.
      if (input.clientMessageId && isUniqueViolation(err)) {
        const existing = await this.findByClientId(input);
        if (existing) return { status: 'stored', message: existing, created: false };
      }
      throw err;
    }
  }

  /**
   * The common case (no mentions, so no outbox row): allocation and insert in one statement,
   * committed on its own - one round trip instead of four, with the same row lock in between.
   */
  private async appendAlone(input: NewMessage): Promise<AppendResult> {
    const rows = (await this.db.query(
      `WITH room AS (
         UPDATE rooms r SET last_seq = r.last_seq + 1, last_message_at = now()
          WHERE r.id = $1 AND r.archived_at IS NULL
            AND EXISTS (SELECT 1 FROM room_members x WHERE x.room_id = r.id AND x.user_id = $2)
          RETURNING r.last_seq)
       INSERT INTO messages (room_id, seq, sender_id, body, client_message_id) SELECT $1, room.last_seq, $2, $3, $4 FROM room
       RETURNING ${COLUMNS}`,
      [input.roomId, input.senderId, input.body, input.clientMessageId],
    )) as Row[];
    if (!rows[0]) return this.whyRefused(input.roomId, input.senderId, this.db.manager);
    return { status: 'stored', message: toMessage(rows[0]), created: true };
  }

  /** Committed messages with `after < seq <= upTo`, ascending, at most `limit`. */
  async range(roomId: string, after: number, upTo: number | null, limit: number): Promise<ChatMessage[]> {
    const rows = (await this.db.query(
      `SELECT ${COLUMNS} FROM messages WHERE room_id = $1 AND seq > $2 AND ($3::int IS NULL OR seq <= $3) ORDER BY seq LIMIT $4`,
      [roomId, after, upTo, limit],
    )) as Row[];
    return rows.map(toMessage);
  }

  /** The page of messages just before `before` (or the newest), ascending. */
  async before(roomId: string, before: number | null, limit: number): Promise<ChatMessage[]> {
    const rows = (await this.db.query(
      `SELECT ${COLUMNS} FROM messages WHERE room_id = $1 AND ($2::int IS NULL OR seq < $2) ORDER BY seq DESC LIMIT $3`,
      [roomId, before, limit],
    )) as Row[];
    return rows.map(toMessage).reverse();
  }

  async find(roomId: string, seq: number): Promise<ChatMessage | null> {
    const rows = (await this.db.query(`SELECT ${COLUMNS} FROM messages WHERE room_id = $1 AND seq = $2`, [roomId, seq])) as Row[];
    return rows[0] ? toMessage(rows[0]) : null;
  }

  /** Replaces the body of the sender's own live message; null when nothing matched. */
  async edit(roomId: string, seq: number, senderId: string, body: string): Promise<ChatMessage | null> {
    const [rows] = (await this.db.query(
      `UPDATE messages SET body = $4, edited_at = now() WHERE room_id = $1 AND seq = $2 AND sender_id = $3 AND deleted_at IS NULL
       RETURNING ${COLUMNS}`,
      [roomId, seq, senderId, body],
    )) as [Row[], number];
    return rows[0] ? toMessage(rows[0]) : null;
  }

  /** Keeps the row (its sequence stays taken, so history has no holes) and drops the content. */
  async softDelete(roomId: string, seq: number, senderId: string): Promise<ChatMessage | null> {
    const [rows] = (await this.db.query(
      `UPDATE messages SET body = '', mentions = '{}', deleted_at = now()
        WHERE room_id = $1 AND seq = $2 AND sender_id = $3 AND deleted_at IS NULL RETURNING ${COLUMNS}`,
      [roomId, seq, senderId],
    )) as [Row[], number];
    return rows[0] ? toMessage(rows[0]) : null;
  }

  private async findByClientId(input: NewMessage): Promise<ChatMessage | null> {
    const rows = (await this.db.query(`SELECT ${COLUMNS} FROM messages WHERE room_id = $1 AND sender_id = $2 AND client_message_id = $3`, [
      input.roomId,
      input.senderId,
      input.clientMessageId,
    ])) as Row[];
    return rows[0] ? toMessage(rows[0]) : null;
  }

  private async membersAmong(roomId: string, userIds: string[], m: EntityManager): Promise<string[]> {
    const rows = (await m.query(`SELECT user_id FROM room_members WHERE room_id = $1 AND user_id = ANY($2::uuid[])`, [roomId, userIds])) as {
      user_id: string;
    }[];
    const members = new Set(rows.map((r) => r.user_id));
    return userIds.filter((id) => members.has(id));
  }

  private async whyRefused(roomId: string, userId: string, m: EntityManager): Promise<AppendResult> {
    const rows = (await m.query(
      `SELECT r.archived_at IS NOT NULL AS archived FROM rooms r JOIN room_members x ON x.room_id = r.id AND x.user_id = $2 WHERE r.id = $1`,
      [roomId, userId],
    )) as { archived: boolean }[];
    return rows[0]?.archived ? { status: 'archived' } : { status: 'not-member' };
  }
}

function toMessage(row: Row): ChatMessage {
  return {
    id: row.id,
    roomId: row.room_id,
    seq: row.seq,
    senderId: row.sender_id,
    body: row.body,
    mentions: row.mentions,
    clientMessageId: row.client_message_id,
    createdAt: new Date(row.created_at).toISOString(),
    editedAt: row.edited_at ? new Date(row.edited_at).toISOString() : null,
    deletedAt: row.deleted_at ? new Date(row.deleted_at).toISOString() : null,
  };
}
