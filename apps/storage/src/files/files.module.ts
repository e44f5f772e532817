import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { FoldersModule } from '../folders/folders.module';
import { FilesController } from './files.controller';
import { FilesRepository } from './files.repository';
import { FilesService } from './files.service';
import { ObjectCleanup } from './object-cleanup.service';

@Module({
  imports: [AccessModule, FoldersModule],
  controllers: [FilesController],
  providers: [FilesRepository, FilesService, ObjectCleanup],
  exports: [FilesRepository, ObjectCleanup],
})
export class FilesModule {}
