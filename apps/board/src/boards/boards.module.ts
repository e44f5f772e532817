import { Module } from '@nestjs/common';
import { ColumnsRepository } from '../columns/columns.repository';
import { ProjectsModule } from '../projects/projects.module';
import { BoardCacheRepository } from './board-cache.repository';
import { BoardViewRepository } from './board-view.repository';
import { BoardsController } from './boards.controller';
import { BoardsRepository } from './boards.repository';
import { BoardsService } from './boards.service';

@Module({
  imports: [ProjectsModule],
  controllers: [BoardsController],
  providers: [BoardsRepository, BoardViewRepository, BoardCacheRepository, ColumnsRepository, BoardsService],
  exports: [BoardsRepository, BoardCacheRepository, ColumnsRepository],
})
export class BoardsModule {}
