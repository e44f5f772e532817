import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { QueryBoolean } from '../../common/params';
import { UpdateNamedDto } from '../../common/update-named.dto';
import type { BoardEntity } from '../board.entity';

export const DEFAULT_COLUMNS = ['To Do', 'In Progress', 'Done'];

export class CreateBoardDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  projectId: string;

  @ApiProperty({ minLength: 1, maxLength: 100 })
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiPropertyOptional({ maxLength: 10_000 })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  description?: string;

  @ApiPropertyOptional({ type: [String], description: `Column names in order; default ${DEFAULT_COLUMNS.join(', ')}`, maxItems: 20 })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 50, { each: true })
  columns?: string[];
}

export class UpdateBoardDto extends UpdateNamedDto {}

export class ListBoardsQueryDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  projectId: string;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  includeArchived?: boolean;
}

export class BoardDto {
  @ApiProperty() id: string;
  @ApiProperty() workspaceId: string;
  @ApiProperty() projectId: string;
  @ApiProperty() name: string;
  @ApiProperty() description: string;
  @ApiProperty() archived: boolean;
  @ApiProperty() version: number;
  @ApiProperty() createdBy: string;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;

  static from(b: BoardEntity): BoardDto {
    return {
      id: b.id,
      workspaceId: b.workspaceId,
      projectId: b.projectId,
      name: b.name,
      description: b.description,
      archived: b.archivedAt !== null,
      version: b.version,
      createdBy: b.createdBy,
      createdAt: b.createdAt.toISOString(),
      updatedAt: b.updatedAt.toISOString(),
    };
  }
}

export class TaskCardDto {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'Per-board task number (#1, #2, ...)' }) number: number;
  @ApiProperty() title: string;
  @ApiProperty() columnId: string;
  @ApiProperty({ description: '0-based, gapless within the column' }) position: number;
  @ApiProperty({ nullable: true, type: String }) assigneeId: string | null;
  @ApiProperty({ type: [String] }) labels: string[];
  @ApiProperty({ enum: ['low', 'medium', 'high', 'urgent'] }) priority: string;
  @ApiProperty({ nullable: true, type: String }) dueDate: string | null;
  @ApiProperty() version: number;
  @ApiProperty() updatedAt: string;
}

export class ColumnViewDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() position: number;
  @ApiProperty() version: number;
  @ApiProperty({ type: [TaskCardDto] }) tasks: TaskCardDto[];
}

export class BoardViewDto extends BoardDto {
  @ApiProperty({ type: [ColumnViewDto], description: 'Active columns in order, each with its tasks in order' })
  columns: ColumnViewDto[];
}
