import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';
import { NOTIFICATION_TYPES } from '../../notifications/notification-composer';

export class UpdatePreferenceDto {
  @ApiProperty() @IsBoolean() inApp: boolean;
  @ApiProperty() @IsBoolean() email: boolean;
  @ApiProperty() @IsBoolean() webhook: boolean;
}

export class PreferenceDto {
  @ApiProperty({ enum: NOTIFICATION_TYPES }) eventType: string;
  @ApiProperty() inApp: boolean;
  @ApiProperty() email: boolean;
  @ApiProperty() webhook: boolean;
}
