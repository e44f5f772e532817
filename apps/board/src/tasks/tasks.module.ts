import { Module } from '@nestjs/common';
import { BoardsModule } from '../boards/boards.module';
import { DueSoonRepository } from './due-soon.repository';
import { DueSoonScanner } from './due-soon.scanner';
import { TaskLookup } from './task-lookup.service';
import { TaskMovesService } from './task-moves.service';
import { TaskQueriesService } from './task-queries.service';
import { TasksController } from './tasks.controller';
import { TasksRepository } from './tasks.repository';
import { TasksService } from './tasks.service';

@Module({
  imports: [BoardsModule],
  controllers: [TasksController],
  providers: [TasksRepository, TaskLookup, TasksService, TaskMovesService, TaskQueriesService, DueSoonRepository, DueSoonScanner],
  exports: [TasksRepository, TaskLookup, BoardsModule],
})
export class TasksModule {}
