import { ForbiddenException, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import type { AuthenticatedUser } from '@wealist/auth-guard';
import { WorkspaceAccess, type Member } from '../access/workspace-access.service';
import { StrategyError, type CompiledStrategy } from '../sandbox/sandbox.types';
import { compileStrategy, type StrategyLanguage } from '../sandbox/strategy-compiler';
import { StrategySandbox } from '../sandbox/strategy-sandbox';
import type { CreateStrategyDto, SaveVersionDto, StrategyDto, StrategyVersionDto } from './dto/strategy.dto';
import { schemaProblems, type ParamsSchema } from './params-schema';
import { StrategiesRepository, type StrategyRow } from './strategies.repository';
import { StrategyVersionsRepository, type StrategyVersionEntity } from './strategy-versions.repository';

@Injectable()
export class StrategiesService {
  constructor(
    private readonly access: WorkspaceAccess,
    private readonly strategies: StrategiesRepository,
    private readonly versions: StrategyVersionsRepository,
    private readonly sandbox: StrategySandbox,
  ) {}

  async create(workspaceId: string, caller: AuthenticatedUser, dto: CreateStrategyDto): Promise<StrategyDto> {
    await this.access.member(workspaceId, caller.id);
    const checked = await this.checked(dto);
    const id = await this.strategies.transaction(async (tx) => {
      const row = await this.strategies.insert(tx, { workspaceId, name: dto.name.trim(), description: dto.description?.trim() ?? '', createdBy: caller.id });
      await this.versions.append(tx, row.id, { ...checked, createdBy: caller.id });
      return row.id;
    });
    return this.view(workspaceId, id);
  }

  /** Each save is a new immutable version; earlier versions (and runs of them) stay as they were. */
  async saveVersion(workspaceId: string, id: string, caller: AuthenticatedUser, dto: SaveVersionDto): Promise<StrategyVersionDto> {
    await this.access.member(workspaceId, caller.id);
    const current = await this.required(workspaceId, id);
    if (current.archived_at) throw new UnprocessableEntityException('The strategy is archived: unarchive it before saving a new version');
    const latest = await this.versions.byNumber(id, current.latest_version);
    const checked = await this.checked({ language: dto.language ?? latest?.language, source: dto.source, paramsSchema: dto.paramsSchema ?? latest?.paramsSchema });
    const version = await this.strategies.transaction(async (tx) => {
      const locked = await this.strategies.find(workspaceId, id, tx, true);
      if (!locked || locked.archived_at) throw new NotFoundException('Strategy not found');
      return this.versions.append(tx, id, { ...checked, createdBy: caller.id });
    });
    return versionDto((await this.versions.byNumber(id, version)) as StrategyVersionEntity);
  }

  async list(workspaceId: string, caller: AuthenticatedUser, archived: boolean): Promise<StrategyDto[]> {
    await this.access.member(workspaceId, caller.id);
    return (await this.strategies.list(workspaceId, archived)).map(toDto);
  }

  async get(workspaceId: string, id: string, caller: AuthenticatedUser): Promise<StrategyDto> {
    await this.access.member(workspaceId, caller.id);
    return this.view(workspaceId, id);
  }

  private async view(workspaceId: string, id: string): Promise<StrategyDto> {
    const row = await this.required(workspaceId, id);
    const latest = await this.versions.byNumber(id, row.latest_version);
    return { ...toDto(row), ...(latest ? { version: versionDto(latest) } : {}) };
  }

  async listVersions(workspaceId: string, id: string, caller: AuthenticatedUser): Promise<StrategyVersionDto[]> {
    await this.access.member(workspaceId, caller.id);
    await this.required(workspaceId, id);
    return (await this.versions.list(id)).map(versionDto);
  }

  async getVersion(workspaceId: string, id: string, version: number, caller: AuthenticatedUser): Promise<StrategyVersionDto> {
    await this.access.member(workspaceId, caller.id);
    await this.required(workspaceId, id);
    const v = await this.versions.byNumber(id, version);
    if (!v) throw new NotFoundException(`Strategy version ${version} not found`);
    return versionDto(v);
  }

  /** Its author or a workspace owner/admin archives (hides, freezes) or restores a strategy. */
  async setArchived(workspaceId: string, id: string, caller: AuthenticatedUser, archived: boolean): Promise<StrategyDto> {
    const member = await this.access.member(workspaceId, caller.id);
    const row = await this.required(workspaceId, id);
    requireAuthorOrManager(member, row);
    return toDto((await this.strategies.setArchived(workspaceId, id, archived)) as StrategyRow);
  }

  /** Compiles and loads the code once in an isolate: a version that cannot run is never stored. */
  private async checked(dto: { language?: StrategyLanguage; source: string; paramsSchema?: ParamsSchema }) {
    const paramsSchema = dto.paramsSchema ?? {};
    const problems = schemaProblems(paramsSchema);
    if (problems.length > 0) throw new UnprocessableEntityException({ message: `paramsSchema: ${problems.join('; ')}`, errors: problems.map((message) => ({ field: 'paramsSchema', message })) });
    const language = dto.language ?? 'typescript';
    let compiled: CompiledStrategy;
    try {
      compiled = compileStrategy(dto.source, language);
      await this.sandbox.check(compiled);
    } catch (err) {
      if (err instanceof StrategyError) throw strategyErrorResponse(err);
      throw err;
    }
    return { language, source: dto.source, paramsSchema, compiled };
  }

  private async required(workspaceId: string, id: string): Promise<StrategyRow> {
    const row = await this.strategies.find(workspaceId, id);
    if (!row) throw new NotFoundException('Strategy not found');
    return row;
  }
}

/** 422 carrying where the user's code failed, in the coordinates of their source. */
export function strategyErrorResponse(err: StrategyError): UnprocessableEntityException {
  const where = err.location ? ` (line ${err.location.line}, column ${err.location.column})` : '';
  return new UnprocessableEntityException({ message: `Strategy ${err.kind} error${where}: ${err.message}`, errors: [{ field: 'source', ...err.toJSON() }] });
}

function requireAuthorOrManager(member: Member, row: StrategyRow): void {
  if (row.created_by !== member.userId && !WorkspaceAccess.isManager(member)) throw new ForbiddenException("Only the strategy's author or a workspace owner or admin can do this");
}

function toDto(r: StrategyRow): StrategyDto {
  return {
    id: r.id,
    workspaceId: r.workspace_id,
    name: r.name,
    description: r.description,
    latestVersion: r.latest_version,
    createdBy: r.created_by,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    archivedAt: r.archived_at?.toISOString() ?? null,
  };
}

export function versionDto(v: StrategyVersionEntity): StrategyVersionDto {
  return {
    id: v.id,
    strategyId: v.strategyId,
    version: v.version,
    language: v.language,
    source: v.source,
    paramsSchema: v.paramsSchema,
    createdBy: v.createdBy,
    createdAt: v.createdAt.toISOString(),
  };
}
