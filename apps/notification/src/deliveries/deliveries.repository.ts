import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { DeliveryChannel } from './delivery.entity';

export interface NewDelivery {
  notificationId: string;
  userId: string;
  channel: DeliveryChannel;
  endpointId: string | null;
}

/** A claimed delivery with what is needed to make it. */
export interface DueDelivery {
  id: string;
  channel: DeliveryChannel;
  /** This attempt's number (1 for the first). */
  attempt: number;
  userId: string;
  endpointId: string | null;
  url: string | null;
  secret: string | null;
  notification: { id: string; type: string; title: string; body: string; data: Record<string, unknown>; workspaceId: string | null; createdAt: string };
}

export interface AttemptResult {
  durationMs: number;
  statusCode: number | null;
  error: string | null;
}

@Injectable()
export class DeliveriesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async createMany(m: EntityManager, deliveries: NewDelivery[]): Promise<void> {
    if (deliveries.length === 0) return;
    const values: unknown[] = [];
    const rows = deliveries.map((d, i) => {
      values.push(d.notificationId, d.userId, d.channel, d.endpointId);
      return `($${i * 4 + 1}, $${i * 4 + 2}, $${i * 4 + 3}, $${i * 4 + 4})`;
    });
    await m.query(`INSERT INTO deliveries (notification_id, user_id, channel, endpoint_id) VALUES ${rows.join(', ')}`, values);
  }

  /**
   * Takes up to `limit` due deliveries for `leaseMs` (SKIP LOCKED: instances share the queue),
   * leaving out endpoints this worker is already calling. A 'sending' row past its lease
   * belonged to a worker that died and is due again.
   */
  async claim(limit: number, leaseMs: number, busyEndpoints: string[]): Promise<DueDelivery[]> {
    const rows = (await this.db.query(
      `WITH due AS (
         SELECT id FROM deliveries
          WHERE ((status = 'pending' AND next_attempt_at <= now()) OR (status = 'sending' AND locked_until < now()))
            AND (endpoint_id IS NULL OR NOT endpoint_id = ANY($3::uuid[]))
          ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED),
       claimed AS (
         UPDATE deliveries d SET status = 'sending', attempts = d.attempts + 1, locked_until = now() + make_interval(secs => $2 / 1000.0),
                updated_at = now()
           FROM due WHERE d.id = due.id RETURNING d.*)
       SELECT c.id, c.channel, c.attempts AS attempt, c.user_id AS "userId", c.endpoint_id AS "endpointId", e.url, e.secret,
              json_build_object('id', n.id, 'type', n.type, 'title', n.title, 'body', n.body, 'data', n.data,
                                'workspaceId', n.workspace_id, 'createdAt', n.created_at) AS notification
         FROM claimed c JOIN notifications n ON n.id = c.notification_id LEFT JOIN webhook_endpoints e ON e.id = c.endpoint_id
        ORDER BY c.next_attempt_at`,
      [limit, leaseMs, busyEndpoints],
    )) as DueDelivery[];
    return rows;
  }

  async succeeded(d: DueDelivery, result: AttemptResult): Promise<void> {
    await this.db.transaction(async (m) => {
      await this.log(m, d, result, true);
      await m.query(
        `UPDATE deliveries SET status = 'succeeded', delivered_at = now(), locked_until = NULL, last_status_code = $2, last_error = NULL, updated_at = now()
          WHERE id = $1`,
        [d.id, result.statusCode],
      );
    });
  }

  /** Schedules the next attempt at `retryAt`, or gives up when it is null. */
  async failed(d: DueDelivery, result: AttemptResult, retryAt: Date | null): Promise<void> {
    await this.db.transaction(async (m) => {
      await this.log(m, d, result, false);
      await m.query(
        `UPDATE deliveries SET status = $2, next_attempt_at = coalesce($3, next_attempt_at), locked_until = NULL,
                last_status_code = $4, last_error = $5, updated_at = now() WHERE id = $1`,
        [d.id, retryAt ? 'pending' : 'failed', retryAt, result.statusCode, result.error],
      );
    });
  }

  private async log(m: EntityManager, d: DueDelivery, r: AttemptResult, succeeded: boolean): Promise<void> {
    await m.query(
      `INSERT INTO delivery_attempts (delivery_id, attempt, duration_ms, succeeded, status_code, error) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT DO NOTHING`,
      [d.id, d.attempt, Math.round(r.durationMs), succeeded, r.statusCode, r.error?.slice(0, 1000) ?? null],
    );
  }
}
