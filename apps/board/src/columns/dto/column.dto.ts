import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, IsString, Length, Min } from 'class-validator';
import { QueryBoolean } from '../../common/params';
import type { ColumnEntity } from '../column.entity';

export class CreateColumnDto {
  @ApiProperty({ minLength: 1, maxLength: 50, description: 'Unique on the board (case-insensitive)' })
  @IsString()
  @Length(1, 50)
  name: string;

  @ApiPropertyOptional({ minimum: 0, description: '0-based; default (or past the end): last' })
  @IsOptional()
  @IsInt()
  @Min(0)
  position?: number;
}

export class UpdateColumnDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 50 })
  @IsOptional()
  @IsString()
  @Length(1, 50)
  name?: string;

  @ApiPropertyOptional({ minimum: 0, description: 'Moves the column; the others close up' })
  @IsOptional()
  @IsInt()
  @Min(0)
  position?: number;

  @ApiProperty({ description: 'The version this change is based on; a stale one gets 409' })
  @IsInt()
  @Min(1)
  version: number;
}

export class ListColumnsQueryDto {
  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  includeArchived?: boolean;
}

export class ColumnDto {
  @ApiProperty() id: string;
  @ApiProperty() boardId: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: Number, description: 'null once archived' }) position: number | null;
  @ApiProperty() archived: boolean;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;

  static from(c: ColumnEntity): ColumnDto {
    return {
      id: c.id,
      boardId: c.boardId,
      name: c.name,
      position: c.position,
      archived: c.archivedAt !== null,
      version: c.version,
      createdAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
    };
  }
}

