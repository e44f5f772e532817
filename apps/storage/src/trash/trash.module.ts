import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { DriveModule } from '../drive/drive.module';
import { FilesModule } from '../files/files.module';
import { FoldersModule } from '../folders/folders.module';
import { TrashController } from './trash.controller';
import { TrashRepository } from './trash.repository';
import { TrashService } from './trash.service';

@Module({
  imports: [AccessModule, DriveModule, FilesModule, FoldersModule],
  controllers: [TrashController],
  providers: [TrashRepository, TrashService],
})
export class TrashModule {}
