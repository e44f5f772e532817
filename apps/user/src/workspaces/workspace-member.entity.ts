import type { WorkspaceRole } from '@wealist/messaging';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity('workspace_members')
export class WorkspaceMemberEntity {
  @PrimaryColumn('uuid')
  workspaceId: string;

  @Index()
  @PrimaryColumn('uuid')
  userId: string;

  @Column({ type: 'varchar', length: 10 })
  role: WorkspaceRole;

  @CreateDateColumn({ type: 'timestamptz' })
  joinedAt: Date;
}
