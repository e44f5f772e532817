import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

@Entity('notification_preferences')
export class PreferenceEntity {
  @PrimaryColumn('uuid')
  userId: string;

  @PrimaryColumn({ type: 'varchar', length: 50 })
  eventType: string;

  @Column('boolean')
  inApp: boolean;

  @Column('boolean')
  email: boolean;

  @Column('boolean')
  webhook: boolean;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
