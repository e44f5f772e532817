import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export type AttachmentStatus = 'pending' | 'ready';

/** A file on a task: `pending` from the upload URL until the object is verified, then `ready`. */
@Entity('task_attachments')
export class AttachmentEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  workspaceId: string;

  @Column({ type: 'uuid' })
  boardId: string;

  @Column({ type: 'uuid' })
  taskId: string;

  @Column({ type: 'varchar', length: 300 })
  objectKey: string;

  @Column({ type: 'varchar', length: 255 })
  fileName: string;

  @Column({ type: 'varchar', length: 100 })
  contentType: string;

  /** bigint: pg returns it as a string; sizes stay far below 2^53. */
  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  size: number;

  @Column({ type: 'varchar', length: 10, default: 'pending' })
  status: AttachmentStatus;

  @Column({ type: 'uuid' })
  uploadedBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;
}
