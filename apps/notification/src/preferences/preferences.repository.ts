import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

export interface ChannelPreference {
  inApp: boolean;
  email: boolean;
  webhook: boolean;
}

/** What a user gets for a type they never configured. */
export const DEFAULT_PREFERENCE: ChannelPreference = { inApp: true, email: true, webhook: true };

@Injectable()
export class PreferencesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Each user's preference for one event type, defaults filled in. */
  async forUsers(m: EntityManager, userIds: string[], eventType: string): Promise<Map<string, ChannelPreference>> {
    const rows = (await m.query(
      `SELECT user_id AS "userId", in_app AS "inApp", email, webhook FROM notification_preferences WHERE user_id = ANY($1::uuid[]) AND event_type = $2`,
      [userIds, eventType],
    )) as (ChannelPreference & { userId: string })[];
    const stored = new Map(rows.map((r) => [r.userId, { inApp: r.inApp, email: r.email, webhook: r.webhook }]));
    return new Map(userIds.map((id) => [id, stored.get(id) ?? DEFAULT_PREFERENCE]));
  }

  async list(userId: string): Promise<Map<string, ChannelPreference>> {
    const rows = (await this.db.query(
      `SELECT event_type AS "eventType", in_app AS "inApp", email, webhook FROM notification_preferences WHERE user_id = $1`,
      [userId],
    )) as (ChannelPreference & { eventType: string })[];
    return new Map(rows.map((r) => [r.eventType, { inApp: r.inApp, email: r.email, webhook: r.webhook }]));
  }

  async upsert(userId: string, eventType: string, p: ChannelPreference): Promise<void> {
    await this.db.query(
      `INSERT INTO notification_preferences (user_id, event_type, in_app, email, webhook) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (user_id, event_type) DO UPDATE SET in_app = $3, email = $4, webhook = $5, updated_at = now()`,
      [userId, eventType, p.inApp, p.email, p.webhook],
    );
  }
}
