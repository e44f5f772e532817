import type { MigrationInterface, QueryRunner } from 'typeorm';

export class UserAvatars1763900000000 implements MigrationInterface {
  name = 'UserAvatars1763900000000';

  async up(q: QueryRunner): Promise<void> {
    // The object key of the current avatar (profiles/{userId}/avatar.<version>.<ext>); null: none.
    await q.query(`ALTER TABLE users ADD COLUMN avatar_key varchar(255)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP COLUMN avatar_key`);
  }
}
