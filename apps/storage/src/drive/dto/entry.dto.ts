import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { PageQueryDto } from '../../common/page.query';
import type { EntryRow } from '../drive.repository';

export class ListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'omitted: the workspace root' })
  @IsOptional()
  @IsUUID('4')
  folderId?: string;
}

export class SearchQueryDto extends PageQueryDto {
  @ApiProperty({ minLength: 1, maxLength: 255, description: 'part of the name, any case' })
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  q: string;
}

export class EntryDto {
  @ApiProperty({ enum: ['folder', 'file'] }) kind: 'folder' | 'file';
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String, description: 'the folder it is in; null: the root' }) folderId: string | null;
  @ApiProperty({ nullable: true, type: Number }) size: number | null;
  @ApiProperty({ nullable: true, type: String }) contentType: string | null;
  @ApiProperty() createdBy: string;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty({ nullable: true, type: String }) trashedAt: string | null;

  static from(r: EntryRow): EntryDto {
    return {
      kind: r.kind === 0 ? 'folder' : 'file',
      id: r.id,
      name: r.name,
      folderId: r.folderId,
      size: r.size === null ? null : Number(r.size),
      contentType: r.contentType,
      createdBy: r.createdBy,
      createdAt: new Date(r.createdAt).toISOString(),
      updatedAt: new Date(r.updatedAt).toISOString(),
      trashedAt: r.trashedAt ? new Date(r.trashedAt).toISOString() : null,
    };
  }
}

export class EntryPageDto {
  @ApiProperty({ type: [EntryDto] }) items: EntryDto[];
  @ApiProperty({ nullable: true, type: String, description: 'pass as cursor for the next page; null on the last page' })
  nextCursor: string | null;
}

export class UsageDto {
  @ApiProperty() usedBytes: number;
  @ApiProperty() quotaBytes: number;
  @ApiProperty({ enum: ['free', 'premium', 'enterprise'] }) planTier: string;
  @ApiProperty() fileCount: number;
}
