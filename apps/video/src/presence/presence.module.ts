import { Module } from '@nestjs/common';
import { RoomStateStore } from './room-state.store';

@Module({ providers: [RoomStateStore], exports: [RoomStateStore] })
export class PresenceModule {}
