import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { WorkspacesController } from './workspaces.controller';
import { WorkspacesRepository } from './workspaces.repository';
import { WorkspacesRpcController } from './workspaces.rpc.controller';
import { WorkspacesService } from './workspaces.service';

@Module({
  imports: [UsersModule],
  controllers: [WorkspacesController, WorkspacesRpcController],
  providers: [WorkspacesRepository, WorkspacesService],
})
export class WorkspacesModule {}
