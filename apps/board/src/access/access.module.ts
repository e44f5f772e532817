import { Global, Module } from '@nestjs/common';
import { MembershipConsumer } from './membership.consumer';
import { RoleCacheRepository } from './role-cache.repository';
import { WorkspaceAccess } from './workspace-access.service';

@Global()
@Module({
  providers: [RoleCacheRepository, WorkspaceAccess, MembershipConsumer],
  exports: [WorkspaceAccess],
})
export class AccessModule {}
