import { createOutboxTable } from '@wealist/events';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1765000000000 implements MigrationInterface {
  name = 'InitialSchema1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await createOutboxTable(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS outbox_events`);
  }
}
