import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { AvatarsController } from './avatars.controller';
import { AvatarsRepository } from './avatars.repository';
import { AvatarsService } from './avatars.service';

@Module({
  imports: [UsersModule],
  controllers: [AvatarsController],
  providers: [AvatarsRepository, AvatarsService],
})
export class AvatarsModule {}
