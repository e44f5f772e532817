import { ApiProperty } from '@nestjs/swagger';
import type { UserEntity } from '../user.entity';

export class MeDto {
  @ApiProperty() id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['free', 'premium', 'enterprise'] }) planTier: string;
  @ApiProperty() hasPassword: boolean;
  @ApiProperty({ description: 'GET /api/users/me/avatar for a download URL' }) hasAvatar: boolean;
  @ApiProperty() createdAt: string;

  static from(user: UserEntity): MeDto {
    return {
      id: user.id,
      email: user.email,
      name: user.name,
      planTier: user.planTier,
      hasPassword: user.passwordHash !== null,
      hasAvatar: user.avatarKey !== null,
      createdAt: user.createdAt.toISOString(),
    };
  }
}
