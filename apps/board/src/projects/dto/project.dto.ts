import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { QueryBoolean } from '../../common/params';
import { UpdateNamedDto } from '../../common/update-named.dto';
import type { ProjectEntity } from '../project.entity';

export class CreateProjectDto {
  @ApiProperty({ format: 'uuid', description: 'Workspace the project belongs to' })
  @IsUUID()
  workspaceId: string;

  @ApiProperty({ minLength: 1, maxLength: 100 })
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiPropertyOptional({ maxLength: 10_000 })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  description?: string;
}

export class UpdateProjectDto extends UpdateNamedDto {}

export class ListProjectsQueryDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  workspaceId: string;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  includeArchived?: boolean;
}

export class ProjectDto {
  @ApiProperty() id: string;
  @ApiProperty() workspaceId: string;
  @ApiProperty() name: string;
  @ApiProperty() description: string;
  @ApiProperty() archived: boolean;
  @ApiProperty({ nullable: true, type: String }) archivedAt: string | null;
  @ApiProperty() version: number;
  @ApiProperty() createdBy: string;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;

  static from(p: ProjectEntity): ProjectDto {
    return {
      id: p.id,
      workspaceId: p.workspaceId,
      name: p.name,
      description: p.description,
      archived: p.archivedAt !== null,
      archivedAt: p.archivedAt?.toISOString() ?? null,
      version: p.version,
      createdBy: p.createdBy,
      createdAt: p.createdAt.toISOString(),
      updatedAt: p.updatedAt.toISOString(),
    };
  }
}
