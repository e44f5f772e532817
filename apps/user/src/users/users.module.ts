import { Module } from '@nestjs/common';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersRpcController } from './users.rpc.controller';
import { UsersService } from './users.service';

@Module({
  controllers: [UsersController, UsersRpcController],
  providers: [UsersRepository, UsersService],
  exports: [UsersService, UsersRepository],
})
export class UsersModule {}
