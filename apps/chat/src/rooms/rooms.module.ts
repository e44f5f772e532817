import { Module } from '@nestjs/common';
import { FanoutModule } from '../fanout/fanout.module';
import { RoomsController } from './rooms.controller';
import { RoomsRepository } from './rooms.repository';
import { RoomsService } from './rooms.service';
import { WorkspaceAccess } from './workspace-access';

@Module({
  imports: [FanoutModule],
  controllers: [RoomsController],
  providers: [RoomsRepository, RoomsService, WorkspaceAccess],
  exports: [RoomsRepository, WorkspaceAccess],
})
export class RoomsModule {}
