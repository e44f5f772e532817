import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { FoldersController } from './folders.controller';
import { FoldersRepository } from './folders.repository';
import { FoldersService } from './folders.service';

@Module({
  imports: [AccessModule],
  controllers: [FoldersController],
  providers: [FoldersRepository, FoldersService],
  exports: [FoldersRepository, FoldersService],
})
export class FoldersModule {}
