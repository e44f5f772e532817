import { Module } from '@nestjs/common';
import { PresenceController } from './presence.controller';
import { PresenceRepository } from './presence.repository';
import { RoomsModule } from '../rooms/rooms.module';

@Module({
  imports: [RoomsModule],
  controllers: [PresenceController],
  providers: [PresenceRepository],
  exports: [PresenceRepository],
})
export class PresenceModule {}
