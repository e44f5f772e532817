import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

export interface EndpointRow {
  id: string;
  userId: string;
  url: string;
  secret: string;
  eventTypes: string[];
  createdAt: Date;
}

export interface DeliveryLogRow {
  id: string;
  notificationId: string;
  status: string;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  lastStatusCode: number | null;
  deliveredAt: Date | null;
  createdAt: Date;
  log: { attempt: number; attemptedAt: string; durationMs: number; succeeded: boolean; statusCode: number | null; error: string | null }[];
}

const COLUMNS = `id, user_id AS "userId", url, secret, event_types AS "eventTypes", created_at AS "createdAt"`;

@Injectable()
export class WebhooksRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async create(userId: string, url: string, secret: string, eventTypes: string[]): Promise<EndpointRow> {
    const [row] = (await this.db.query(
      `INSERT INTO webhook_endpoints (user_id, url, secret, event_types) VALUES ($1, $2, $3, $4) RETURNING ${COLUMNS}`,
      [userId, url, secret, eventTypes],
    )) as EndpointRow[];
    return row;
  }

  list(userId: string): Promise<EndpointRow[]> {
    return this.db.query(`SELECT ${COLUMNS} FROM webhook_endpoints WHERE user_id = $1 ORDER BY created_at, id`, [userId]);
  }

  async find(userId: string, id: string): Promise<EndpointRow | null> {
    const rows = (await this.db.query(`SELECT ${COLUMNS} FROM webhook_endpoints WHERE id = $1 AND user_id = $2`, [id, userId])) as EndpointRow[];
    return rows[0] ?? null;
  }

  async remove(userId: string, id: string): Promise<boolean> {
    const [, affected] = (await this.db.query(`DELETE FROM webhook_endpoints WHERE id = $1 AND user_id = $2`, [id, userId])) as [unknown[], number];
    return affected > 0;
  }

  /** The users' endpoints subscribed to `eventType` (an empty type list means all). */
  forUsers(m: EntityManager, userIds: string[], eventType: string): Promise<EndpointRow[]> {
    return m.query(
      `SELECT ${COLUMNS} FROM webhook_endpoints WHERE user_id = ANY($1::uuid[]) AND (cardinality(event_types) = 0 OR $2 = ANY(event_types))`,
      [userIds, eventType],
    );
  }

  /** The endpoint's deliveries, newest first, each with every attempt. */
  deliveries(endpointId: string, limit: number): Promise<DeliveryLogRow[]> {
    return this.db.query(
      `SELECT d.id, d.notification_id AS "notificationId", d.status, d.attempts, d.next_attempt_at AS "nextAttemptAt", d.last_error AS "lastError",
              d.last_status_code AS "lastStatusCode", d.delivered_at AS "deliveredAt", d.created_at AS "createdAt",
              coalesce((SELECT json_agg(json_build_object('attempt', a.attempt, 'attemptedAt', a.attempted_at, 'durationMs', a.duration_ms,
                         'succeeded', a.succeeded, 'statusCode', a.status_code, 'error', a.error) ORDER BY a.attempt)
                          FROM delivery_attempts a WHERE a.delivery_id = d.id), '[]') AS log
         FROM deliveries d WHERE d.endpoint_id = $1 ORDER BY d.created_at DESC, d.id LIMIT $2`,
      [endpointId, limit],
    );
  }
}
