/** GET /api/boards/:id: the board with its active columns in order, each with its tasks in order. */
export interface TaskCard {
  id: string;
  number: number;
  title: string;
  columnId: string;
  position: number;
  assigneeId: string | null;
  labels: string[];
  priority: string;
  dueDate: string | null;
  version: number;
  updatedAt: string;
}

export interface ColumnView {
  id: string;
  name: string;
  position: number;
  version: number;
  tasks: TaskCard[];
}

export interface BoardView {
  id: string;
  workspaceId: string;
  projectId: string;
  name: string;
  description: string;
  archived: boolean;
  version: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  columns: ColumnView[];
}
