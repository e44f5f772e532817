import type { BoardTestContext, TestUser } from './board-test-context';

export interface ProjectBody {
  id: string;
  workspaceId: string;
  name: string;
  version: number;
  archived: boolean;
}

export interface BoardBody {
  id: string;
  projectId: string;
  workspaceId: string;
  name: string;
  version: number;
  archived: boolean;
}

export interface TaskBody {
  id: string;
  number: number;
  boardId: string;
  columnId: string;
  position: number;
  title: string;
  assigneeId: string | null;
  labels: string[];
  priority: string;
  dueDate: string | null;
  version: number;
  createdBy: string;
}

export interface ColumnView {
  id: string;
  name: string;
  position: number;
  version: number;
  tasks: TaskBody[];
}

export interface BoardView extends BoardBody {
  columns: ColumnView[];
}

/** A workspace with one user of each kind, a project and a board with the default columns. */
export interface Team {
  owner: TestUser;
  admin: TestUser;
  member: TestUser;
  outsider: TestUser;
  workspaceId: string;
  project: ProjectBody;
  board: BoardBody;
  columns: ColumnView[];
}

export async function team(ctx: BoardTestContext): Promise<Team> {
  const [owner, admin, member, outsider] = await Promise.all([ctx.user(), ctx.user(), ctx.user(), ctx.user()]);
  const workspaceId = await ctx.workspace(owner, [
    [admin, 'admin'],
    [member, 'member'],
  ]);
  await ctx.workspace(outsider);
  const project = await ctx.call<ProjectBody>(owner, 'POST', '/api/boards/projects', { workspaceId, name: 'Launch' });
  const board = await ctx.call<BoardBody>(owner, 'POST', '/api/boards', { projectId: project.id, name: 'Sprint 1' });
  const view = await ctx.call<BoardView>(owner, 'GET', `/api/boards/${board.id}`);
  return { owner, admin, member, outsider, workspaceId, project, board, columns: view.columns };
}

export function createTask(ctx: BoardTestContext, who: TestUser, boardId: string, body: Record<string, unknown>): Promise<TaskBody> {
  return ctx.call<TaskBody>(who, 'POST', `/api/boards/${boardId}/tasks`, body);
}

export function boardView(ctx: BoardTestContext, who: TestUser, boardId: string): Promise<BoardView> {
  return ctx.call<BoardView>(who, 'GET', `/api/boards/${boardId}`);
}

/** Column name -> task titles in order, the easiest way to assert on a board. */
export function layout(view: BoardView): Record<string, string[]> {
  return Object.fromEntries(view.columns.map((c) => [c.name, c.tasks.map((t) => t.title)]));
}
