import { Injectable, NotFoundException } from '@nestjs/common';
import type { AuthenticatedUser } from '@wealist/auth-guard';
import type { EntityManager } from 'typeorm';
import { WorkspaceAccess } from '../access/workspace-access.service';
import { assertNotArchived, assertVersion } from '../common/versioning';
import type { CreateProjectDto, UpdateProjectDto } from './dto/project.dto';
import type { ProjectEntity } from './project.entity';
import { ProjectsRepository } from './projects.repository';

@Injectable()
export class ProjectsService {
  constructor(
    private readonly projects: ProjectsRepository,
    private readonly access: WorkspaceAccess,
  ) {}

  async create(caller: AuthenticatedUser, input: CreateProjectDto): Promise<ProjectEntity> {
    await this.access.require(input.workspaceId, caller, 'manage', 'Workspace', 'create projects');
    return this.projects.transaction((m) =>
      this.projects.create({ workspaceId: input.workspaceId, name: input.name, description: input.description ?? '', createdBy: caller.id }, m),
    );
  }

  async list(caller: AuthenticatedUser, workspaceId: string, includeArchived: boolean): Promise<ProjectEntity[]> {
    await this.access.require(workspaceId, caller, 'read', 'Workspace');
    return this.projects.listForWorkspace(workspaceId, includeArchived);
  }

  async get(caller: AuthenticatedUser, id: string): Promise<ProjectEntity> {
    const project = await this.projects.findById(id);
    if (!project) throw new NotFoundException('Project not found');
    await this.access.require(project.workspaceId, caller, 'read', 'Project');
    return project;
  }

  async update(caller: AuthenticatedUser, id: string, input: UpdateProjectDto): Promise<ProjectEntity> {
    return this.change(caller, id, 'edit projects', (project, m) => {
      assertNotArchived('Project', project.archivedAt);
      assertVersion('Project', project.version, input.version);
      return this.projects.update(id, { name: input.name, description: input.description }, m);
    });
  }

  async archive(caller: AuthenticatedUser, id: string): Promise<ProjectEntity> {
    return this.change(caller, id, 'archive projects', (project, m) =>
      project.archivedAt ? Promise.resolve(project) : this.projects.update(id, { archivedAt: new Date() }, m),
    );
  }

  async restore(caller: AuthenticatedUser, id: string): Promise<ProjectEntity> {
    return this.change(caller, id, 'restore projects', (project, m) =>
      project.archivedAt ? this.projects.update(id, { archivedAt: null }, m) : Promise.resolve(project),
    );
  }

  /** Access is checked before the lock; the row is then locked for the version check and write. */
  private async change(
    caller: AuthenticatedUser,
    id: string,
    action: string,
    work: (project: ProjectEntity, m: EntityManager) => Promise<ProjectEntity>,
  ): Promise<ProjectEntity> {
    const current = await this.projects.findById(id);
    if (!current) throw new NotFoundException('Project not found');
    await this.access.require(current.workspaceId, caller, 'manage', 'Project', action);
    return this.projects.transaction(async (m) => {
      const project = await this.projects.lock(id, m);
      if (!project) throw new NotFoundException('Project not found');
      return work(project, m);
    });
  }
}
