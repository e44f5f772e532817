import { createOutboxTable, dropOutboxTable } from '@wealist/events';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The outbox of the user service's domain events (workspace.member.changed). */
export class OutboxEvents1763800000000 implements MigrationInterface {
  name = 'OutboxEvents1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await createOutboxTable(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await dropOutboxTable(q);
  }
}
