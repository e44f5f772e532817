import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { BoardView, TaskCard } from './board-view';

interface BoardRow {
  id: string;
  workspace_id: string;
  project_id: string;
  name: string;
  description: string;
  archived_at: Date | null;
  version: number;
  created_by: string;
  created_at: Date;
  updated_at: Date;
}

interface TaskRow {
  id: string;
  number: number;
  title: string;
  column_id: string;
  position: number;
  assignee_id: string | null;
  labels: string[];
  priority: string;
  due_date: Date | null;
  version: number;
  updated_at: Date;
}

/** Reads a whole board in one repeatable-read snapshot, so columns and tasks agree with each other. */
@Injectable()
export class BoardViewRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  load(boardId: string): Promise<BoardView | null> {
    return this.db.transaction('REPEATABLE READ', async (m) => {
      const [board] = (await m.query(
        'SELECT id, workspace_id, project_id, name, description, archived_at, version, created_by, created_at, updated_at FROM boards WHERE id = $1',
        [boardId],
      )) as BoardRow[];
      if (!board) return null;
      const columns = (await m.query(
        'SELECT id, name, position, version FROM board_columns WHERE board_id = $1 AND archived_at IS NULL ORDER BY position',
        [boardId],
      )) as { id: string; name: string; position: number; version: number }[];
      const tasks = (await m.query(
        `SELECT id, number, title, column_id, position, assignee_id, labels, priority, due_date, version, updated_at
           FROM tasks WHERE board_id = $1 ORDER BY position, number`,
        [boardId],
      )) as TaskRow[];
      const byColumn = new Map<string, TaskCard[]>(columns.map((c) => [c.id, []]));
      for (const t of tasks) byColumn.get(t.column_id)?.push(card(t));
      return {
        id: board.id,
        workspaceId: board.workspace_id,
        projectId: board.project_id,
        name: board.name,
        description: board.description,
        archived: board.archived_at !== null,
        version: board.version,
        createdBy: board.created_by,
        createdAt: board.created_at.toISOString(),
        updatedAt: board.updated_at.toISOString(),
        columns: columns.map((c) => ({ ...c, tasks: byColumn.get(c.id) ?? [] })),
      };
    });
  }
}

function card(t: TaskRow): TaskCard {
  return {
    id: t.id,
    number: t.number,
    title: t.title,
    columnId: t.column_id,
    position: t.position,
    assigneeId: t.assignee_id,
    labels: t.labels,
    priority: t.priority,
    dueDate: t.due_date?.toISOString() ?? null,
    version: t.version,
    updatedAt: t.updated_at.toISOString(),
  };
}
