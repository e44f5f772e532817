import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, IsString, Matches, MaxLength, Min } from 'class-validator';

export const AVATAR_TYPES = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp', 'image/gif': 'gif' } as const;
export type AvatarType = keyof typeof AVATAR_TYPES;

export class AvatarUploadRequestDto {
  @ApiProperty({ enum: Object.keys(AVATAR_TYPES) })
  @IsIn(Object.keys(AVATAR_TYPES))
  contentType: AvatarType;

  @ApiProperty({ minimum: 1, description: 'exact size in bytes' })
  @IsInt()
  @Min(1)
  size: number;
}

export class AvatarUploadDto {
  @ApiProperty({ description: 'send back to /complete once the POST succeeded' }) key: string;
  @ApiProperty({ description: 'POST multipart/form-data here' }) url: string;
  @ApiProperty({ description: 'form fields to send before the file (field "file", last)' }) fields: Record<string, string>;
  @ApiProperty() expiresAt: string;
}

export class AvatarCompleteDto {
  @ApiProperty()
  @IsString()
  @MaxLength(255)
  @Matches(/^profiles\//, { message: 'key must be the key of an avatar upload' })
  key: string;
}

export class AvatarUrlDto {
  @ApiProperty({ description: 'presigned GET of the image' }) url: string;
  @ApiProperty() expiresAt: string;
}
