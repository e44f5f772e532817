import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { RoomRole } from './room-member.entity';
import type { RoomKind } from './room.entity';

/** A room as one member sees it: their role, read position and unread count. */
export interface RoomView {
  id: string;
  workspaceId: string;
  kind: RoomKind;
  name: string | null;
  createdBy: string;
  lastSeq: number;
  lastMessageAt: Date | null;
  archivedAt: Date | null;
  createdAt: Date;
  role: RoomRole;
  lastReadSeq: number;
  unreadCount: number;
}

export interface MemberRow {
  userId: string;
  role: RoomRole;
  lastReadSeq: number;
  joinedAt: Date;
}

export interface NewRoom {
  workspaceId: string;
  kind: RoomKind;
  name: string | null;
  directKey: string | null;
  createdBy: string;
}

// Messages after the member's read position, not their own and not deleted.
const VIEW = `
  SELECT r.id, r.workspace_id AS "workspaceId", r.kind, r.name, r.created_by AS "createdBy", r.last_seq AS "lastSeq",
         r.last_message_at AS "lastMessageAt", r.archived_at AS "archivedAt", r.created_at AS "createdAt",
         m.role, m.last_read_seq AS "lastReadSeq",
         (SELECT count(*)::int FROM messages x
           WHERE x.room_id = r.id AND x.seq > m.last_read_seq AND x.sender_id <> m.user_id AND x.deleted_at IS NULL) AS "unreadCount"
    FROM rooms r JOIN room_members m ON m.room_id = r.id AND m.user_id = $1`;

@Injectable()
export class RoomsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  async create(room: NewRoom, members: { userId: string; role: RoomRole }[], m: EntityManager): Promise<string> {
    const [{ id }] = (await m.query(
      `INSERT INTO rooms (workspace_id, kind, name, direct_key, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [room.workspaceId, room.kind, room.name, room.directKey, room.createdBy],
    )) as { id: string }[];
    for (const member of members) await this.addMember(id, member.userId, member.role, m);
    return id;
  }

  async findDirect(workspaceId: string, directKey: string): Promise<string | null> {
    const rows = (await this.db.query(`SELECT id FROM rooms WHERE workspace_id = $1 AND direct_key = $2`, [workspaceId, directKey])) as {
      id: string;
    }[];
    return rows[0]?.id ?? null;
  }

  listForUser(userId: string, workspaceId: string | undefined): Promise<RoomView[]> {
    const filter = workspaceId ? ' WHERE r.workspace_id = $2' : '';
    return this.db.query(`${VIEW}${filter} ORDER BY coalesce(r.last_message_at, r.created_at) DESC, r.id`, workspaceId ? [userId, workspaceId] : [userId]);
  }

  async findForMember(roomId: string, userId: string): Promise<RoomView | null> {
    const rows = (await this.db.query(`${VIEW} WHERE r.id = $2`, [userId, roomId])) as RoomView[];
    return rows[0] ?? null;
  }

  async isMember(roomId: string, userId: string): Promise<boolean> {
    const rows = (await this.db.query(`SELECT 1 FROM room_members WHERE room_id = $1 AND user_id = $2`, [roomId, userId])) as unknown[];
    return rows.length > 0;
  }

  /** The room's current last sequence, or null when the user is not a member. */
  async lastSeqForMember(roomId: string, userId: string): Promise<number | null> {
    const rows = (await this.db.query(
      `SELECT r.last_seq AS "lastSeq" FROM rooms r JOIN room_members m ON m.room_id = r.id AND m.user_id = $2 WHERE r.id = $1`,
      [roomId, userId],
    )) as { lastSeq: number }[];
    return rows[0]?.lastSeq ?? null;
  }

  async lastSeq(roomId: string): Promise<number> {
    const rows = (await this.db.query(`SELECT last_seq AS "lastSeq" FROM rooms WHERE id = $1`, [roomId])) as { lastSeq: number }[];
    return rows[0]?.lastSeq ?? 0;
  }

  async rename(roomId: string, name: string): Promise<void> {
    await this.db.query(`UPDATE rooms SET name = $2, updated_at = now() WHERE id = $1`, [roomId, name]);
  }

  /** false when it was already archived. */
  async archive(roomId: string): Promise<boolean> {
    const [, affected] = (await this.db.query(`UPDATE rooms SET archived_at = now(), updated_at = now() WHERE id = $1 AND archived_at IS NULL`, [
      roomId,
    ])) as [unknown[], number];
    return affected > 0;
  }

  listMembers(roomId: string): Promise<MemberRow[]> {
    return this.db.query(
      `SELECT user_id AS "userId", role, last_read_seq AS "lastReadSeq", joined_at AS "joinedAt"
         FROM room_members WHERE room_id = $1 ORDER BY role = 'owner' DESC, joined_at, user_id`,
      [roomId],
    );
  }

  /** false when the user already was a member. */
  async addMember(roomId: string, userId: string, role: RoomRole, m: EntityManager | DataSource = this.db): Promise<boolean> {
    const rows = (await m.query(
      `INSERT INTO room_members (room_id, user_id, role) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING user_id`,
      [roomId, userId, role],
    )) as unknown[];
    return rows.length > 0;
  }

  /** false when the user was not a member. */
  async removeMember(roomId: string, userId: string): Promise<boolean> {
    // UPDATE and DELETE come back from TypeORM as [rows, affected].
    const [, affected] = (await this.db.query(`DELETE FROM room_members WHERE room_id = $1 AND user_id = $2`, [roomId, userId])) as [unknown[], number];
    return affected > 0;
  }

  /** Moves the read position forward only, and never past the last message. */
  async markRead(roomId: string, userId: string, seq: number): Promise<number> {
    const rows = (await this.db.query(
      `UPDATE room_members m SET last_read_seq = GREATEST(m.last_read_seq, LEAST($3, r.last_seq))
         FROM rooms r WHERE r.id = m.room_id AND m.room_id = $1 AND m.user_id = $2 RETURNING m.last_read_seq AS "lastReadSeq"`,
      [roomId, userId, seq],
    )) as [{ lastReadSeq: number }[], number];
    return rows[0][0]?.lastReadSeq ?? 0;
  }
}
