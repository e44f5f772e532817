import { ApiProperty } from '@nestjs/swagger';
import type { ActivityEntity } from '../activity.entity';

export class ActivityDto {
  @ApiProperty() id: string;
  @ApiProperty() boardId: string;
  @ApiProperty({ nullable: true, type: String }) taskId: string | null;
  @ApiProperty() actorId: string;
  @ApiProperty({ example: 'task.moved', description: 'what happened: board.*, column.*, task.*, comment.*, attachment.*' })
  action: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'what changed, e.g. {"title": {"from": "a", "to": "b"}}' })
  details: Record<string, unknown>;
  @ApiProperty() createdAt: string;

  static from(a: ActivityEntity): ActivityDto {
    return {
      id: a.id,
      boardId: a.boardId,
      taskId: a.taskId,
      actorId: a.actorId,
      action: a.action,
      details: a.details,
      createdAt: a.createdAt.toISOString(),
    };
  }
}

export class ActivityPageDto {
  @ApiProperty({ type: [ActivityDto] }) items: ActivityDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
