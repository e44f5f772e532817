import { BadRequestException, ConflictException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import type { AuthenticatedUser } from '@wealist/auth-guard';
import { WorkspaceAccess } from '../access/workspace-access.service';
import { PaperAccountsService } from '../broker/paper-accounts.service';
import { normalizeSymbol } from '../market-data/market-data.types';
import { resolveParams } from '../strategies/params-schema';
import { StrategyVersionsRepository } from '../strategies/strategy-versions.repository';
import { LiveStrategyDto, type ActivateLiveStrategyDto, type KillSwitchResultDto, type ListSignalsQuery, type LiveSignalPageDto } from './dto/live-strategy.dto';
import { LiveSignalDto } from './dto/live-strategy.dto';
import { LiveEnder } from './live-ender';
import { LiveRunner } from './live-runner';
import { LiveSignalsRepository } from './live-signals.repository';
import { LiveStrategiesRepository, type LiveStrategyRow } from './live-strategies.repository';

/** Activating, listing and stopping live strategies of a workspace (members; the kill switch: managers). */
@Injectable()
export class LiveStrategiesService {
  private readonly logger = new Logger('LiveStrategiesService');

  constructor(
    private readonly live: LiveStrategiesRepository,
    private readonly signals: LiveSignalsRepository,
    private readonly versions: StrategyVersionsRepository,
    private readonly accounts: PaperAccountsService,
    private readonly access: WorkspaceAccess,
    private readonly runner: LiveRunner,
    private readonly ender: LiveEnder,
  ) {}

  async activate(workspaceId: string, caller: AuthenticatedUser, input: ActivateLiveStrategyDto): Promise<LiveStrategyDto> {
    await this.access.member(workspaceId, caller.id);
    const symbols = [...new Set(input.symbols.map((raw) => normalizeSymbol(raw) ?? invalidSymbol(raw)))];
    const version = await this.versions.findInWorkspace(workspaceId, input.strategyVersionId);
    if (!version) throw new NotFoundException('Strategy version not found');
    if (version.archived) throw new ConflictException('The strategy is archived; it cannot go live');
    const params = resolveParams(version.paramsSchema, input.params ?? {});
    await this.accounts.require(workspaceId, input.paperAccountId);
    const row = await this.live.create({
      workspaceId,
      strategyVersionId: version.id,
      strategyName: version.name,
      symbols,
      timeframe: input.timeframe,
      params,
      paperAccountId: input.paperAccountId,
      activatedBy: caller.id,
    });
    // Started here when this instance gets the lease (else another runner picks it up at its next
    // check); user code that does not start comes back as status "failed" with the error.
    await this.runner.launch(row).catch((err: unknown) => this.logger.warn(`starting live strategy ${row.id} failed, the runners retry: ${String(err)}`));
    return LiveStrategyDto.from((await this.live.find(row.id)) ?? row);
  }

  async list(workspaceId: string, caller: AuthenticatedUser): Promise<LiveStrategyDto[]> {
    await this.access.member(workspaceId, caller.id);
    return (await this.live.list(workspaceId)).map((r) => LiveStrategyDto.from(r));
  }

  async get(workspaceId: string, caller: AuthenticatedUser, id: string): Promise<LiveStrategyDto> {
    await this.access.member(workspaceId, caller.id);
    return LiveStrategyDto.from(await this.require(workspaceId, id));
  }

  /** Whoever activated it, or a manager. Stopping a stopped one is a no-op. */
  async stop(workspaceId: string, caller: AuthenticatedUser, id: string): Promise<LiveStrategyDto> {
    const member = await this.access.member(workspaceId, caller.id);
    const row = await this.require(workspaceId, id);
    if (row.activatedBy !== caller.id) WorkspaceAccess.requireManager(member, "stop others' live strategies");
    await this.ender.end({ id }, 'stopped');
    return LiveStrategyDto.from(await this.require(workspaceId, id));
  }

  /** Every active live strategy of the workspace at once; their open paper orders are cancelled. */
  async killSwitch(workspaceId: string, caller: AuthenticatedUser): Promise<KillSwitchResultDto> {
    WorkspaceAccess.requireManager(await this.access.member(workspaceId, caller.id), 'use the kill switch');
    const ended = await this.ender.end({ workspaceId }, 'stopped');
    return { stopped: ended.length, liveStrategyIds: ended.map((r) => r.id) };
  }

  async listSignals(workspaceId: string, caller: AuthenticatedUser, id: string, query: ListSignalsQuery): Promise<LiveSignalPageDto> {
    await this.access.member(workspaceId, caller.id);
    await this.require(workspaceId, id);
    const limit = query.limit ?? 50;
    const rows = await this.signals.list(id, query.cursor ?? null, limit + 1);
    const page = rows.slice(0, limit);
    return { items: page.map((s) => LiveSignalDto.from(s)), nextCursor: rows.length > limit ? page[page.length - 1].seq : null };
  }

  private async require(workspaceId: string, id: string): Promise<LiveStrategyRow> {
    const row = await this.live.findInWorkspace(workspaceId, id);
    if (!row) throw new NotFoundException('Live strategy not found');
    return row;
  }
}

function invalidSymbol(raw: string): never {
  throw new BadRequestException(`symbol "${raw.slice(0, 40)}" is invalid`);
}
