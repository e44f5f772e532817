import type { ServiceDatabaseDefinition } from '@wealist/database';
import { ActivityEntity } from './activity/activity.entity';
import { AttachmentEntity } from './attachments/attachment.entity';
import { BoardEntity } from './boards/board.entity';
import { ColumnEntity } from './columns/column.entity';
import { CommentEntity } from './comments/comment.entity';
import { InitialSchema1763900000000 } from './migrations/1763900000000-initial-schema';
import { ProjectEntity } from './projects/project.entity';
import { TaskEntity } from './tasks/task.entity';

/** Listed explicitly (not globbed) so the webpack bundle carries them. */
export const BOARD_DATABASE: ServiceDatabaseDefinition = {
  entities: [ProjectEntity, BoardEntity, ColumnEntity, TaskEntity, CommentEntity, ActivityEntity, AttachmentEntity],
  migrations: [InitialSchema1763900000000],
};
