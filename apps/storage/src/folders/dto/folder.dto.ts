import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID, ValidateIf } from 'class-validator';
import { IsItemName } from '../../common/item-name.validator';
import type { FolderEntity } from '../folder.entity';

export class CreateFolderDto {
  @IsItemName()
  name: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'omitted or null: the workspace root' })
  @IsOptional()
  @IsUUID('4')
  parentId?: string | null;
}

export class RenameDto {
  @IsItemName()
  name: string;
}

export class MoveFolderDto {
  @ApiProperty({ format: 'uuid', nullable: true, description: 'null: the workspace root' })
  @ValidateIf((o: MoveFolderDto) => o.parentId !== null)
  @IsUUID('4')
  parentId: string | null;
}

export class FolderDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) parentId: string | null;
  @ApiProperty() createdBy: string;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty({ nullable: true, type: String }) trashedAt: string | null;

  static from(f: FolderEntity): FolderDto {
    return {
      id: f.id,
      name: f.name,
      parentId: f.parentId,
      createdBy: f.createdBy,
      createdAt: f.createdAt.toISOString(),
      updatedAt: f.updatedAt.toISOString(),
      trashedAt: f.trashedAt?.toISOString() ?? null,
    };
  }
}

export class FolderWithPathDto extends FolderDto {
  @ApiProperty({ description: 'from the workspace root down to this folder' })
  path: { id: string; name: string }[];
}
