import { Module, type DynamicModule } from '@nestjs/common';
import { AuthGuardModule } from '@wealist/auth-guard';
import { ServiceConfigModule } from '@wealist/config';
import { DatabaseModule } from '@wealist/database';
import { MessagingModule } from '@wealist/messaging';
import { ObjectStoreModule } from '@wealist/object-store';
import { TelemetryModule } from '@wealist/telemetry';
import { DriveModule } from './drive/drive.module';
import { FilesModule } from './files/files.module';
import { FoldersModule } from './folders/folders.module';
import type { StorageConfig } from './storage.config';
import { STORAGE_DATABASE } from './storage.database';
import { TrashModule } from './trash/trash.module';
import { UploadsModule } from './uploads/uploads.module';

@Module({})
export class StorageAppModule {
  static forRoot(config: StorageConfig): DynamicModule {
    return {
      module: StorageAppModule,
      imports: [
        ServiceConfigModule.forRoot(config),
        TelemetryModule.forRoot('storage'),
        DatabaseModule.forRoot(STORAGE_DATABASE),
        // No Redis of its own (the catalog gives storage none); the bucket decides readiness.
        ObjectStoreModule.forRoot({ readiness: true }),
        MessagingModule.forRoot(),
        AuthGuardModule.forRoot(),
        FoldersModule,
        FilesModule,
        UploadsModule,
        DriveModule,
        TrashModule,
      ],
    };
  }
}
