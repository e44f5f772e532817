import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One participant session in a call (a rejoin is a new row: LiveKit gives it a new sid). */
@Entity('call_participants')
export class CallParticipantEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  callId: string;

  /** The LiveKit identity: the user id for everyone who joined through this service. */
  @Column({ type: 'varchar', length: 255 })
  identity: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  name: string | null;

  @Column({ type: 'varchar', length: 64 })
  participantSid: string;

  @Column({ type: 'timestamptz' })
  joinedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  leftAt: Date | null;
}
