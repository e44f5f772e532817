import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

@Entity('messages')
export class MessageEntity {
  @PrimaryColumn('uuid')
  roomId: string;

  /** Per-room, gapless, increasing; allocated from rooms.last_seq in the insert's transaction. */
  @PrimaryColumn('integer')
  seq: number;

  @Column({ type: 'uuid', unique: true })
  id: string;

  @Column('uuid')
  senderId: string;

  @Column('text')
  body: string;

  @Column({ type: 'uuid', array: true, default: '{}' })
  mentions: string[];

  @Column({ type: 'varchar', length: 100, nullable: true })
  clientMessageId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  editedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  deletedAt: Date | null;
}
