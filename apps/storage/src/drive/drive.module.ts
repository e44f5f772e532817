import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { FoldersModule } from '../folders/folders.module';
import { QuotaModule } from '../quota/quota.module';
import { DriveController } from './drive.controller';
import { DriveRepository } from './drive.repository';
import { DriveService } from './drive.service';

@Module({
  imports: [AccessModule, FoldersModule, QuotaModule],
  controllers: [DriveController],
  providers: [DriveRepository, DriveService],
  exports: [DriveService],
})
export class DriveModule {}
