import { Injectable, NotFoundException } from '@nestjs/common';
import type { AuthenticatedUser } from '@wealist/auth-guard';
import { WorkspaceAccess } from '../access/workspace-access.service';
import type { CreatePaperAccountDto } from './dto/paper-account.dto';
import { PaperAccountDto } from './dto/paper-account.dto';
import { PaperAccountsRepository, type PaperAccountRow } from './paper-accounts.repository';
import { summarize } from './paper.broker';

/** Paper accounts of a workspace: any member opens one and sees all of them. */
@Injectable()
export class PaperAccountsService {
  constructor(
    private readonly accounts: PaperAccountsRepository,
    private readonly access: WorkspaceAccess,
  ) {}

  async create(workspaceId: string, caller: AuthenticatedUser, input: CreatePaperAccountDto): Promise<PaperAccountDto> {
    await this.access.member(workspaceId, caller.id);
    const account = await this.accounts.create({
      workspaceId,
      name: input.name,
      currency: input.currency ?? 'USD',
      initialCash: input.initialCash,
      commission: { ...input.commission },
      slippage: { ...input.slippage },
      createdBy: caller.id,
    });
    return PaperAccountDto.from(account, summarize(account, []));
  }

  async list(workspaceId: string, caller: AuthenticatedUser): Promise<PaperAccountDto[]> {
    await this.access.member(workspaceId, caller.id);
    return (await this.accounts.withPositions({ workspaceId })).map(({ account, positions }) => PaperAccountDto.from(account, summarize(account, positions)));
  }

  async get(workspaceId: string, caller: AuthenticatedUser, id: string): Promise<PaperAccountDto> {
    await this.access.member(workspaceId, caller.id);
    const [found] = await this.accounts.withPositions({ id });
    if (found?.account.workspaceId !== workspaceId) throw new NotFoundException('Paper account not found');
    return PaperAccountDto.from(found.account, summarize(found.account, found.positions));
  }

  /** The account, for a caller already known to be a member of `workspaceId`. */
  async require(workspaceId: string, id: string): Promise<PaperAccountRow> {
    const account = await this.accounts.findInWorkspace(workspaceId, id);
    if (!account) throw new NotFoundException('Paper account not found');
    return account;
  }
}
