import type { ServiceDatabaseDefinition } from '@wealist/database';
import { MessageEntity } from './messages/message.entity';
import { InitialSchema1763800000000 } from './migrations/1763800000000-initial-schema';
import { RoomMemberEntity } from './rooms/room-member.entity';
import { RoomEntity } from './rooms/room.entity';

/** Listed explicitly (not globbed) so the webpack bundle carries them. */
export const CHAT_DATABASE: ServiceDatabaseDefinition = {
  entities: [RoomEntity, RoomMemberEntity, MessageEntity],
  migrations: [InitialSchema1763800000000],
};
