import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { ApiKeysRepository } from './api-keys.repository';
import { ApiKeysRpcController } from './api-keys.rpc.controller';
import { ApiKeysService } from './api-keys.service';

@Module({
  imports: [UsersModule],
  controllers: [ApiKeysRpcController],
  providers: [ApiKeysRepository, ApiKeysService],
})
export class ApiKeysModule {}
