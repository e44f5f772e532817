import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { PresenceModule } from '../presence/presence.module';
import { RoomsController } from './rooms.controller';
import { RoomsRepository } from './rooms.repository';
import { RoomsService } from './rooms.service';

@Module({
  imports: [AccessModule, PresenceModule],
  controllers: [RoomsController],
  providers: [RoomsRepository, RoomsService],
  exports: [RoomsRepository, RoomsService],
})
export class RoomsModule {}
