import { Module, type DynamicModule } from '@nestjs/common';
import { AuthGuardModule } from '@wealist/auth-guard';
import { SERVICE_CATALOG, ServiceConfigModule } from '@wealist/config';
import { DatabaseModule } from '@wealist/database';
import { EventsModule } from '@wealist/events';
import { MessagingModule } from '@wealist/messaging';
import { ObjectStoreModule } from '@wealist/object-store';
import { RedisModule } from '@wealist/redis';
import { TelemetryModule } from '@wealist/telemetry';
import { AccessModule } from './access/access.module';
import { ActivityModule } from './activity/activity.module';
import { AttachmentsModule } from './attachments/attachments.module';
import type { BoardConfig } from './board.config';
import { BOARD_DATABASE } from './board.database';
import { BoardsModule } from './boards/boards.module';
import { ColumnsModule } from './columns/columns.module';
import { CommentsModule } from './comments/comments.module';
import { ProjectsModule } from './projects/projects.module';
import { RateLimitModule } from './rate-limit/rate-limit.module';
import { TasksModule } from './tasks/tasks.module';

@Module({})
export class BoardAppModule {
  static forRoot(config: BoardConfig): DynamicModule {
    return {
      module: BoardAppModule,
      imports: [
        ServiceConfigModule.forRoot(config),
        TelemetryModule.forRoot('board'),
        DatabaseModule.forRoot(BOARD_DATABASE),
        RedisModule.forRoot({ db: SERVICE_CATALOG.board.redisDb, connectionName: 'board' }),
        MessagingModule.forRoot(),
        EventsModule.forRoot({ service: 'board', producer: true }),
        AuthGuardModule.forRoot(),
        // Attachments are one feature among many: a MinIO outage must not make the board unready.
        ObjectStoreModule.forRoot({ readiness: false }),
        AccessModule,
        ActivityModule,
        RateLimitModule,
        ProjectsModule,
        BoardsModule,
        ColumnsModule,
        TasksModule,
        CommentsModule,
        AttachmentsModule,
      ],
    };
  }
}
