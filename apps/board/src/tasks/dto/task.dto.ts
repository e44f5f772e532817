import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Length, MaxLength, Min, ValidateIf } from 'class-validator';
import { TASK_PRIORITIES, type TaskEntity, type TaskPriority } from '../task.entity';

const LABELS_DOC: ApiPropertyOptions = { type: [String], maxItems: 20, description: 'Stored lower-case, without duplicates; each 1-50 characters' };

export class CreateTaskDto {
  @ApiProperty({ minLength: 1, maxLength: 200 })
  @IsString()
  @Length(1, 200)
  title: string;

  @ApiPropertyOptional({ maxLength: 20_000 })
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  description?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Default: the first column' })
  @IsOptional()
  @IsUUID()
  columnId?: string;

  @ApiPropertyOptional({ minimum: 0, description: 'Default (or past the end): last in the column' })
  @IsOptional()
  @IsInt()
  @Min(0)
  position?: number;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'Must be a member of the workspace' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID()
  assigneeId?: string | null;

  @ApiPropertyOptional(LABELS_DOC)
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 50, { each: true })
  labels?: string[];

  @ApiPropertyOptional({ enum: TASK_PRIORITIES, default: 'medium' })
  @IsOptional()
  @IsIn(TASK_PRIORITIES)
  priority?: TaskPriority;

  @ApiPropertyOptional({ format: 'date-time', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsISO8601({ strict: true })
  dueDate?: string | null;
}

export class UpdateTaskDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  title?: string;

  @ApiPropertyOptional({ maxLength: 20_000 })
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  description?: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'null unassigns' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID()
  assigneeId?: string | null;

  @ApiPropertyOptional(LABELS_DOC)
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 50, { each: true })
  labels?: string[];

  @ApiPropertyOptional({ enum: TASK_PRIORITIES })
  @IsOptional()
  @IsIn(TASK_PRIORITIES)
  priority?: TaskPriority;

  @ApiPropertyOptional({ format: 'date-time', nullable: true, description: 'null clears it' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsISO8601({ strict: true })
  dueDate?: string | null;

  @ApiProperty({ description: 'The version this change is based on; a stale one gets 409' })
  @IsInt()
  @Min(1)
  version: number;
}

export class MoveTaskDto {
  @ApiProperty({ format: 'uuid', description: 'Target column (the same one to reorder)' })
  @IsUUID()
  columnId: string;

  @ApiPropertyOptional({ minimum: 0, description: 'Default (or past the end): last' })
  @IsOptional()
  @IsInt()
  @Min(0)
  position?: number;

  @ApiPropertyOptional({ description: 'When given, a stale version gets 409 instead of moving' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class TaskDto {
  @ApiProperty() id: string;
  @ApiProperty() number: number;
  @ApiProperty() workspaceId: string;
  @ApiProperty() projectId: string;
  @ApiProperty() boardId: string;
  @ApiProperty() columnId: string;
  @ApiProperty() position: number;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty({ nullable: true, type: String }) assigneeId: string | null;
  @ApiProperty({ type: [String] }) labels: string[];
  @ApiProperty({ enum: TASK_PRIORITIES }) priority: TaskPriority;
  @ApiProperty({ nullable: true, type: String }) dueDate: string | null;
  @ApiProperty() version: number;
  @ApiProperty() createdBy: string;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;

  static from(t: TaskEntity): TaskDto {
    return {
      id: t.id,
      number: t.number,
      workspaceId: t.workspaceId,
      projectId: t.projectId,
      boardId: t.boardId,
      columnId: t.columnId,
      position: t.position,
      title: t.title,
      description: t.description,
      assigneeId: t.assigneeId,
      labels: t.labels,
      priority: t.priority,
      dueDate: t.dueDate?.toISOString() ?? null,
      version: t.version,
      createdBy: t.createdBy,
      createdAt: t.createdAt.toISOString(),
      updatedAt: t.updatedAt.toISOString(),
    };
  }
}

export class TaskPageDto {
  @ApiProperty({ type: [TaskDto] }) items: TaskDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
