import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** An object to remove from the bucket once its row is gone (see the initial migration). */
@Entity('object_deletions')
export class ObjectDeletionEntity {
  @PrimaryColumn({ type: 'varchar', length: 255 })
  objectKey: string;

  @Column({ type: 'text', nullable: true })
  multipartUploadId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  requestedAt: Date;
}
