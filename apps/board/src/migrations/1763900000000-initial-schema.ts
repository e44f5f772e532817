import { createOutboxTable } from '@wealist/events';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Projects -> boards -> columns -> tasks, with comments, activity and attachments. Every row
 * carries its workspace_id so an access check needs one lookup. Positions of active columns and
 * of the tasks in a column are gapless from 0; the unique keys are deferred so a move can shift
 * a whole range in one statement and still commit one consistent order.
 */
export class InitialSchema1763900000000 implements MigrationInterface {
  name = 'InitialSchema1763900000000';

  async up(q: QueryRunner): Promise<void> {
    // Trusted since PostgreSQL 13: the database owner may create it.
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`
      CREATE TABLE projects (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL,
        name varchar(100) NOT NULL,
        description text NOT NULL DEFAULT '',
        created_by uuid NOT NULL,
        archived_at timestamptz,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX projects_workspace_idx ON projects (workspace_id, created_at)`);
    await q.query(`
      CREATE TABLE boards (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL,
        project_id uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        name varchar(100) NOT NULL,
        description text NOT NULL DEFAULT '',
        created_by uuid NOT NULL,
        archived_at timestamptz,
        version int NOT NULL DEFAULT 1,
        task_counter int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX boards_project_idx ON boards (project_id, created_at)`);
    await q.query(`
      CREATE TABLE board_columns (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL,
        board_id uuid NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
        name varchar(50) NOT NULL,
        -- NULL once archived: archived columns leave the order.
        position int,
        archived_at timestamptz,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT board_columns_position_key UNIQUE (board_id, position) DEFERRABLE INITIALLY DEFERRED,
        CONSTRAINT board_columns_archived_position CHECK ((archived_at IS NULL) = (position IS NOT NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX board_columns_name_key ON board_columns (board_id, lower(name)) WHERE archived_at IS NULL`);
    await q.query(`
      CREATE TABLE tasks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL,
        project_id uuid NOT NULL,
        board_id uuid NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
        column_id uuid NOT NULL REFERENCES board_columns(id),
        number int NOT NULL,
        title varchar(200) NOT NULL,
        description text NOT NULL DEFAULT '',
        assignee_id uuid,
        labels text[] NOT NULL DEFAULT '{}',
        priority varchar(10) NOT NULL DEFAULT 'medium' CHECK (priority IN ('low', 'medium', 'high', 'urgent')),
        due_date timestamptz,
        -- The due date task.due-soon was last published for; a new due date makes it eligible again.
        due_soon_notified_for timestamptz,
        position int NOT NULL CHECK (position >= 0),
        version int NOT NULL DEFAULT 1,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT tasks_column_position_key UNIQUE (column_id, position) DEFERRABLE INITIALLY DEFERRED,
        CONSTRAINT tasks_board_number_key UNIQUE (board_id, number)
      )`);
    await q.query(`CREATE INDEX tasks_board_assignee_idx ON tasks (board_id, assignee_id)`);
    await q.query(`CREATE INDEX tasks_labels_idx ON tasks USING gin (labels)`);
    await q.query(`CREATE INDEX tasks_title_trgm_idx ON tasks USING gin (title gin_trgm_ops)`);
    await q.query(`CREATE INDEX tasks_workspace_idx ON tasks (workspace_id)`);
    await q.query(`CREATE INDEX tasks_due_date_idx ON tasks (due_date) WHERE due_date IS NOT NULL`);
    await q.query(`
      CREATE TABLE task_comments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        workspace_id uuid NOT NULL,
        board_id uuid NOT NULL,
        task_id uuid NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
        author_id uuid NOT NULL,
        body text NOT NULL,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX task_comments_task_idx ON task_comments (task_id, seq)`);
    await q.query(`
      CREATE TABLE activity (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        workspace_id uuid NOT NULL,
        board_id uuid NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
        -- No foreign key: the history of a deleted task stays readable on its board.
        task_id uuid,
        actor_id uuid NOT NULL,
        action varchar(50) NOT NULL,
        details jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX activity_task_idx ON activity (task_id, seq) WHERE task_id IS NOT NULL`);
    await q.query(`CREATE INDEX activity_board_idx ON activity (board_id, seq)`);
    await q.query(`
      CREATE TABLE task_attachments (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL,
        board_id uuid NOT NULL,
        task_id uuid NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
        object_key varchar(300) NOT NULL UNIQUE,
        file_name varchar(255) NOT NULL,
        content_type varchar(100) NOT NULL,
        size bigint NOT NULL CHECK (size >= 0),
        status varchar(10) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'ready')),
        uploaded_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz
      )`);
    await q.query(`CREATE INDEX task_attachments_task_idx ON task_attachments (task_id, created_at)`);
    await q.query(`CREATE INDEX task_attachments_pending_idx ON task_attachments (created_at) WHERE status = 'pending'`);
    await createOutboxTable(q);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['outbox_events', 'task_attachments', 'activity', 'task_comments', 'tasks', 'board_columns', 'boards', 'projects']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
