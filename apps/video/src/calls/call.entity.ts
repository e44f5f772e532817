import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One LiveKit session of a room, from room_started to room_finished. */
@Entity('calls')
export class CallEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  roomId: string;

  @Column({ type: 'varchar', length: 64 })
  livekitRoomSid: string;

  @Column({ type: 'timestamptz' })
  startedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt: Date | null;
}
