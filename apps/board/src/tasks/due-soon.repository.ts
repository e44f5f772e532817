import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { BoardEvents, OutboxWriter } from '@wealist/events';
import { In, type DataSource } from 'typeorm';
import { TaskEntity } from './task.entity';
import { taskRef } from './task-events';

/**
 * Claims tasks of active boards that fall due within the horizon and were not yet announced
 * for their current due date, marks them and records task.due-soon in the same transaction.
 * SKIP LOCKED lets every instance scan without announcing a task twice.
 */
@Injectable()
export class DueSoonRepository {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly outbox: OutboxWriter,
  ) {}

  announceBatch(horizonHours: number, batchSize: number): Promise<number> {
    return this.db.transaction(async (m) => {
      const ids = (await m.query(
        `SELECT t.id FROM tasks t JOIN boards b ON b.id = t.board_id AND b.archived_at IS NULL
          WHERE t.due_date > now() AND t.due_date <= now() + make_interval(hours => $1)
            AND t.due_soon_notified_for IS DISTINCT FROM t.due_date
          ORDER BY t.due_date LIMIT $2 FOR UPDATE OF t SKIP LOCKED`,
        [horizonHours, batchSize],
      )) as { id: string }[];
      if (ids.length === 0) return 0;
      const tasks = await m.getRepository(TaskEntity).findBy({ id: In(ids.map((r) => r.id)) });
      for (const task of tasks) {
        await m.getRepository(TaskEntity).update({ id: task.id }, { dueSoonNotifiedFor: task.dueDate });
        await this.outbox.record(m, BoardEvents.taskDueSoon, { ...taskRef(task), dueDate: (task.dueDate as Date).toISOString() });
      }
      return tasks.length;
    });
  }
}
