import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

@Injectable()
export class AvatarsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async currentKey(userId: string): Promise<string | null> {
    const [row] = (await this.db.query('SELECT avatar_key FROM users WHERE id = $1', [userId])) as { avatar_key: string | null }[];
    return row?.avatar_key ?? null;
  }

  /** Sets the avatar and returns the one it replaced, atomically (two completions cannot both win the old key). */
  async replace(userId: string, key: string | null): Promise<string | null> {
    return this.db.transaction(async (m) => {
      const [row] = (await m.query('SELECT avatar_key FROM users WHERE id = $1 FOR UPDATE', [userId])) as { avatar_key: string | null }[];
      await m.query('UPDATE users SET avatar_key = $2, updated_at = now() WHERE id = $1', [userId, key]);
      return row?.avatar_key ?? null;
    });
  }

  /** Avatars are visible to people who share a workspace with their owner. */
  async sharesWorkspace(userId: string, otherId: string): Promise<boolean> {
    const rows = (await this.db.query(
      `SELECT 1 FROM workspace_members a JOIN workspace_members b ON a.workspace_id = b.workspace_id
        WHERE a.user_id = $1 AND b.user_id = $2 LIMIT 1`,
      [userId, otherId],
    )) as unknown[];
    return rows.length > 0;
  }
}
