import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import type { AuthenticatedUser } from '@wealist/auth-guard';
import { BoardEvents, OutboxWriter } from '@wealist/events';
import type { EntityManager } from 'typeorm';
import { mayModerate } from '../access/role-policy';
import { WorkspaceAccess } from '../access/workspace-access.service';
import { ActivityRepository } from '../activity/activity.repository';
import { BoardsRepository } from '../boards/boards.repository';
import { decodeCursor, page } from '../common/cursor';
import { assertNotArchived, assertVersion } from '../common/versioning';
import { excerpt, taskRef } from '../tasks/task-events';
import { TaskLookup } from '../tasks/task-lookup.service';
import type { CommentEntity } from './comment.entity';
import { CommentsRepository } from './comments.repository';

@Injectable()
export class CommentsService {
  constructor(
    private readonly comments: CommentsRepository,
    private readonly lookup: TaskLookup,
    private readonly boards: BoardsRepository,
    private readonly access: WorkspaceAccess,
    private readonly activity: ActivityRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  async create(caller: AuthenticatedUser, taskId: string, body: string): Promise<CommentEntity> {
    const { task } = await this.lookup.find(caller, taskId, 'work');
    await this.assertBoardOpen(task.boardId);
    return this.comments.transaction(async (m) => {
      const comment = await this.comments.create({ workspaceId: task.workspaceId, boardId: task.boardId, taskId, authorId: caller.id, body }, m);
      await this.record(caller, comment, 'comment.added', { excerpt: excerpt(body) }, m);
      await this.outbox.record(m, BoardEvents.taskCommented, { ...taskRef(task), commentId: comment.id, authorId: caller.id, excerpt: excerpt(body) });
      return comment;
    });
  }

  async list(caller: AuthenticatedUser, taskId: string, cursor: string | undefined, limit: number): Promise<{ items: CommentEntity[]; nextCursor: string | null }> {
    await this.lookup.find(caller, taskId, 'read');
    const after = cursor === undefined ? undefined : String(decodeCursor(cursor, ['seq']).seq);
    return page(await this.comments.list(taskId, after, limit), limit, (c) => ({ seq: c.seq }));
  }

  /** Only the author edits a comment: nobody may put words in someone else's mouth. */
  async update(caller: AuthenticatedUser, id: string, body: string, version: number): Promise<CommentEntity> {
    const current = await this.find(caller, id);
    if (current.authorId !== caller.id) throw new ForbiddenException('Only the author can edit a comment');
    await this.assertBoardOpen(current.boardId);
    return this.comments.transaction(async (m) => {
      const comment = await this.comments.lock(id, m);
      if (!comment) throw new NotFoundException('Comment not found');
      assertVersion('Comment', comment.version, version);
      const updated = await this.comments.updateBody(id, body, m);
      await this.record(caller, updated, 'comment.edited', { excerpt: excerpt(body) }, m);
      return updated;
    });
  }

  /** Authors remove their comments; owners and admins remove anyone's. */
  async delete(caller: AuthenticatedUser, id: string): Promise<void> {
    const current = await this.comments.findById(id);
    if (!current) throw new NotFoundException('Comment not found');
    const role = await this.access.require(current.workspaceId, caller, 'work', 'Comment');
    if (!mayModerate(role, caller.id, current.authorId)) throw new ForbiddenException('Only the author or workspace owners and admins can delete a comment');
    await this.assertBoardOpen(current.boardId);
    await this.comments.transaction(async (m) => {
      await this.comments.remove(id, m);
      await this.record(caller, current, 'comment.deleted', { authorId: current.authorId }, m);
    });
  }

  private async find(caller: AuthenticatedUser, id: string): Promise<CommentEntity> {
    const comment = await this.comments.findById(id);
    if (!comment) throw new NotFoundException('Comment not found');
    await this.access.require(comment.workspaceId, caller, 'work', 'Comment');
    return comment;
  }

  private async assertBoardOpen(boardId: string): Promise<void> {
    assertNotArchived('Board', (await this.boards.findById(boardId))?.archivedAt ?? null);
  }

  private record(caller: AuthenticatedUser, c: CommentEntity, action: string, details: Record<string, unknown>, m: EntityManager): Promise<void> {
    return this.activity.record({ workspaceId: c.workspaceId, boardId: c.boardId, taskId: c.taskId, actorId: caller.id, action, details: { commentId: c.id, ...details } }, m);
  }
}
