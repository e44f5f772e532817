import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { NotificationDraft } from './notification-composer';

export interface NotificationRow {
  id: string;
  seq: number;
  userId: string;
  type: string;
  eventId: string;
  workspaceId: string | null;
  title: string;
  body: string;
  data: Record<string, unknown>;
  inApp: boolean;
  readAt: Date | null;
  createdAt: Date;
}

const COLUMNS = `id, seq::float8 AS seq, user_id AS "userId", type, event_id AS "eventId", workspace_id AS "workspaceId", title, body, data,
  in_app AS "inApp", read_at AS "readAt", created_at AS "createdAt"`;

@Injectable()
export class NotificationsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Stores one notification per recipient of the event; recipients it already has are skipped. */
  async insertMany(m: EntityManager, eventId: string, drafts: (NotificationDraft & { inApp: boolean })[]): Promise<NotificationRow[]> {
    if (drafts.length === 0) return [];
    const values: unknown[] = [];
    const rows = drafts.map((d, i) => {
      values.push(d.userId, d.type, eventId, d.workspaceId, d.title, d.body, JSON.stringify(d.data), d.inApp);
      const p = i * 8;
      return `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}, $${p + 6}, $${p + 7}::jsonb, $${p + 8})`;
    });
    return m.query(
      `INSERT INTO notifications (user_id, type, event_id, workspace_id, title, body, data, in_app) VALUES ${rows.join(', ')}
       ON CONFLICT (event_id, user_id) DO NOTHING RETURNING ${COLUMNS}`,
      values,
    );
  }

  /** Newest first; `before` is the seq cursor of the previous page. */
  list(userId: string, before: number | null, limit: number, unreadOnly: boolean): Promise<NotificationRow[]> {
    return this.db.query(
      `SELECT ${COLUMNS} FROM notifications
        WHERE user_id = $1 AND in_app AND ($2::bigint IS NULL OR seq < $2) AND (NOT $3 OR read_at IS NULL)
        ORDER BY seq DESC LIMIT $4`,
      [userId, before, unreadOnly, limit],
    );
  }

  async unreadCount(userId: string): Promise<number> {
    const [row] = (await this.db.query(`SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND in_app AND read_at IS NULL`, [
      userId,
    ])) as { n: number }[];
    return row.n;
  }

  /** null when the user has no such notification. */
  async markRead(userId: string, id: string): Promise<NotificationRow | null> {
    const [rows] = (await this.db.query(
      `UPDATE notifications SET read_at = coalesce(read_at, now()) WHERE id = $1 AND user_id = $2 AND in_app RETURNING ${COLUMNS}`,
      [id, userId],
    )) as [NotificationRow[], number];
    return rows[0] ?? null;
  }

  async markAllRead(userId: string): Promise<number> {
    const [, affected] = (await this.db.query(`UPDATE notifications SET read_at = now() WHERE user_id = $1 AND in_app AND read_at IS NULL`, [
      userId,
    ])) as [unknown[], number];
    return affected;
  }
}
