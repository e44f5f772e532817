import type { ServiceDatabaseDefinition } from '@wealist/database';
import { CallParticipantEntity } from './calls/call-participant.entity';
import { CallEntity } from './calls/call.entity';
import { InitialSchema1764100000000 } from './migrations/1764100000000-initial-schema';
import { RoomEntity } from './rooms/room.entity';

/** Listed explicitly (not globbed) so the webpack bundle carries them. */
export const VIDEO_DATABASE: ServiceDatabaseDefinition = {
  entities: [RoomEntity, CallEntity, CallParticipantEntity],
  migrations: [InitialSchema1764100000000],
};
