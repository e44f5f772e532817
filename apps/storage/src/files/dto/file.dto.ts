import { ApiProperty } from '@nestjs/swagger';
import { IsUUID, ValidateIf } from 'class-validator';
import type { FileEntity } from '../file.entity';

export class MoveFileDto {
  @ApiProperty({ format: 'uuid', nullable: true, description: 'null: the workspace root' })
  @ValidateIf((o: MoveFileDto) => o.folderId !== null)
  @IsUUID('4')
  folderId: string | null;
}

export class FileDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) folderId: string | null;
  @ApiProperty() size: number;
  @ApiProperty() contentType: string;
  @ApiProperty() createdBy: string;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty({ nullable: true, type: String }) trashedAt: string | null;

  static from(f: FileEntity): FileDto {
    return {
      id: f.id,
      name: f.name,
      folderId: f.folderId,
      size: f.size,
      contentType: f.contentType,
      createdBy: f.createdBy,
      createdAt: f.createdAt.toISOString(),
      updatedAt: f.updatedAt.toISOString(),
      trashedAt: f.trashedAt?.toISOString() ?? null,
    };
  }
}

export class DownloadDto {
  @ApiProperty({ description: 'presigned GET; the response carries the original name in Content-Disposition' })
  url: string;

  @ApiProperty() expiresAt: string;
}
