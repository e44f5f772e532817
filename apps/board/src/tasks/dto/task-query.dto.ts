import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { PageQueryDto } from '../../common/api.dto';

/** Filters of GET /api/boards/:boardId/tasks; all combine with AND. Newest task first. */
export class ListTasksQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  assigneeId?: string;

  @ApiPropertyOptional({ description: 'Tasks carrying this label (case-insensitive)' })
  @IsOptional()
  @IsString()
  @Length(1, 50)
  label?: string;

  @ApiPropertyOptional({ description: 'Column (status) name, case-insensitive' })
  @IsOptional()
  @IsString()
  @Length(1, 50)
  status?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Column (status) id' })
  @IsOptional()
  @IsUUID()
  columnId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Tasks due strictly before this time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  dueBefore?: string;

  @ApiPropertyOptional({ description: 'Title contains (case-insensitive)' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  q?: string;
}

export class SearchTasksQueryDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  workspaceId: string;

  @ApiProperty({ minLength: 1, maxLength: 200, description: 'Searched in titles (contains, case-insensitive), best matches first' })
  @IsString()
  @Length(1, 200)
  q: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 50, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  limit?: number;
}
