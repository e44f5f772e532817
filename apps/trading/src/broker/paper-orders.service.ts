import { ConflictException, Inject, Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '@wealist/auth-guard';
import { WorkspaceAccess } from '../access/workspace-access.service';
import { BROKER, type Broker } from './broker.types';
import { PaperOrderDto, type ListOrdersQuery, type PaperOrderPageDto, type PlaceOrderDto } from './dto/paper-order.dto';
import { PaperAccountsService } from './paper-accounts.service';
import { PaperFillFeed } from './paper-fill.feed';
import { PaperOrdersRepository } from './paper-orders.repository';

/** Manual orders on a paper account: placed now, filled by the broker on the next bar of the symbol. */
@Injectable()
export class PaperOrdersService {
  constructor(
    private readonly accounts: PaperAccountsService,
    private readonly orders: PaperOrdersRepository,
    private readonly access: WorkspaceAccess,
    private readonly feed: PaperFillFeed,
    @Inject(BROKER) private readonly broker: Broker,
  ) {}

  async list(workspaceId: string, caller: AuthenticatedUser, accountId: string, query: ListOrdersQuery): Promise<PaperOrderPageDto> {
    await this.access.member(workspaceId, caller.id);
    await this.accounts.require(workspaceId, accountId);
    const limit = query.limit ?? 50;
    const rows = await this.orders.list(accountId, query.cursor ?? null, limit + 1, query.status);
    const page = rows.slice(0, limit);
    return { items: page.map((o) => PaperOrderDto.from(o)), nextCursor: rows.length > limit ? page[page.length - 1].seq : null };
  }

  async place(workspaceId: string, caller: AuthenticatedUser, accountId: string, input: PlaceOrderDto): Promise<PaperOrderDto> {
    await this.access.member(workspaceId, caller.id);
    await this.accounts.require(workspaceId, accountId);
    // Decided now: it can only fill on a bar that opens after this moment.
    const order = await this.broker.submitOrder(accountId, { ...input, decidedAt: Date.now() });
    await this.feed.refresh(); // listen to its symbol's bars from now on
    return PaperOrderDto.from(order);
  }

  async cancel(workspaceId: string, caller: AuthenticatedUser, accountId: string, orderId: string): Promise<PaperOrderDto> {
    await this.access.member(workspaceId, caller.id);
    await this.accounts.require(workspaceId, accountId);
    const order = await this.broker.cancelOrder(accountId, orderId);
    if (order.status === 'filled') throw new ConflictException('Order is already filled');
    return PaperOrderDto.from(order);
  }
}
