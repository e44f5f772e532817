import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthenticatedUser } from '@wealist/auth-guard';
import { uuid } from '../common/params';
import { CreateProjectDto, ListProjectsQueryDto, ProjectDto, UpdateProjectDto } from './dto/project.dto';
import { ProjectsService } from './projects.service';

@ApiTags('projects')
@Controller('api/boards/projects')
export class ProjectsController {
  constructor(private readonly projects: ProjectsService) {}

  @Post()
  @ApiCreatedResponse({ type: ProjectDto, description: 'Owners and admins of the workspace only' })
  async create(@CurrentUser() caller: AuthenticatedUser, @Body() body: CreateProjectDto): Promise<ProjectDto> {
    return ProjectDto.from(await this.projects.create(caller, body));
  }

  @Get()
  @ApiOkResponse({ type: [ProjectDto], description: 'Projects of a workspace, oldest first' })
  async list(@CurrentUser() caller: AuthenticatedUser, @Query() query: ListProjectsQueryDto): Promise<ProjectDto[]> {
    return (await this.projects.list(caller, query.workspaceId, query.includeArchived ?? false)).map(ProjectDto.from);
  }

  @Get(':projectId')
  @ApiOkResponse({ type: ProjectDto })
  async get(@CurrentUser() caller: AuthenticatedUser, @Param('projectId', uuid) id: string): Promise<ProjectDto> {
    return ProjectDto.from(await this.projects.get(caller, id));
  }

  @Patch(':projectId')
  @ApiOkResponse({ type: ProjectDto })
  async update(@CurrentUser() caller: AuthenticatedUser, @Param('projectId', uuid) id: string, @Body() body: UpdateProjectDto): Promise<ProjectDto> {
    return ProjectDto.from(await this.projects.update(caller, id, body));
  }

  @Post(':projectId/archive')
  @HttpCode(200)
  @ApiOkResponse({ type: ProjectDto, description: 'Hides the project from lists; idempotent' })
  async archive(@CurrentUser() caller: AuthenticatedUser, @Param('projectId', uuid) id: string): Promise<ProjectDto> {
    return ProjectDto.from(await this.projects.archive(caller, id));
  }

  @Post(':projectId/restore')
  @HttpCode(200)
  @ApiOkResponse({ type: ProjectDto })
  async restore(@CurrentUser() caller: AuthenticatedUser, @Param('projectId', uuid) id: string): Promise<ProjectDto> {
    return ProjectDto.from(await this.projects.restore(caller, id));
  }
}
