import { Module } from '@nestjs/common';
import { WorkspaceAccess } from './workspace-access.service';

@Module({ providers: [WorkspaceAccess], exports: [WorkspaceAccess] })
export class AccessModule {}
