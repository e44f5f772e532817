import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { FilesModule } from '../files/files.module';
import { FoldersModule } from '../folders/folders.module';
import { QuotaModule } from '../quota/quota.module';
import { UploadMetrics } from './upload.metrics';
import { UploadSweeper } from './upload.sweeper';
import { UploadVerifier } from './upload.verifier';
import { UploadsController } from './uploads.controller';
import { UploadsService } from './uploads.service';

@Module({
  imports: [AccessModule, FilesModule, FoldersModule, QuotaModule],
  controllers: [UploadsController],
  providers: [UploadsService, UploadVerifier, UploadMetrics, UploadSweeper],
})
export class UploadsModule {}
