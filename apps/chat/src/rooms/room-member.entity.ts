import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

export type RoomRole = 'owner' | 'member';

@Entity('room_members')
export class RoomMemberEntity {
  @PrimaryColumn('uuid')
  roomId: string;

  @Index()
  @PrimaryColumn('uuid')
  userId: string;

  @Column({ type: 'varchar', length: 10 })
  role: RoomRole;

  @Column({ type: 'integer', default: 0 })
  lastReadSeq: number;

  @CreateDateColumn({ type: 'timestamptz' })
  joinedAt: Date;
}
