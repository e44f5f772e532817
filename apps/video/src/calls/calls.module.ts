import { Module } from '@nestjs/common';
import { RoomsModule } from '../rooms/rooms.module';
import { CallsController } from './calls.controller';
import { CallsRepository } from './calls.repository';
import { CallsService } from './calls.service';

@Module({
  imports: [RoomsModule],
  controllers: [CallsController],
  providers: [CallsRepository, CallsService],
  exports: [CallsRepository],
})
export class CallsModule {}
