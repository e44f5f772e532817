import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthenticatedUser } from '@wealist/auth-guard';
import { CreatePaperAccountDto, PaperAccountDto } from './dto/paper-account.dto';
import { ListOrdersQuery, PaperOrderDto, PaperOrderPageDto, PlaceOrderDto } from './dto/paper-order.dto';
import { PaperAccountsService } from './paper-accounts.service';
import { PaperOrdersService } from './paper-orders.service';

const uuid = new ParseUUIDPipe({ version: '4' });

@ApiTags('paper trading')
@Controller('api/trading/workspaces/:workspaceId/paper-accounts')
export class PaperAccountsController {
  constructor(
    private readonly accounts: PaperAccountsService,
    private readonly orders: PaperOrdersService,
  ) {}

  @Post()
  @ApiCreatedResponse({ type: PaperAccountDto })
  create(@CurrentUser() caller: AuthenticatedUser, @Param('workspaceId', uuid) ws: string, @Body() body: CreatePaperAccountDto): Promise<PaperAccountDto> {
    return this.accounts.create(ws, caller, body);
  }

  @Get()
  @ApiOkResponse({ type: [PaperAccountDto] })
  list(@CurrentUser() caller: AuthenticatedUser, @Param('workspaceId', uuid) ws: string): Promise<PaperAccountDto[]> {
    return this.accounts.list(ws, caller);
  }

  @Get(':accountId')
  @ApiOkResponse({ type: PaperAccountDto, description: 'cash, equity and positions with realized and unrealized P&L' })
  get(@CurrentUser() caller: AuthenticatedUser, @Param('workspaceId', uuid) ws: string, @Param('accountId', uuid) id: string): Promise<PaperAccountDto> {
    return this.accounts.get(ws, caller, id);
  }

  @Get(':accountId/orders')
  @ApiOkResponse({ type: PaperOrderPageDto })
  listOrders(
    @CurrentUser() caller: AuthenticatedUser,
    @Param('workspaceId', uuid) ws: string,
    @Param('accountId', uuid) id: string,
    @Query() query: ListOrdersQuery,
  ): Promise<PaperOrderPageDto> {
    return this.orders.list(ws, caller, id, query);
  }

  @Post(':accountId/orders')
  @ApiCreatedResponse({ type: PaperOrderDto, description: 'fills on the next bar of the symbol' })
  placeOrder(
    @CurrentUser() caller: AuthenticatedUser,
    @Param('workspaceId', uuid) ws: string,
    @Param('accountId', uuid) id: string,
    @Body() body: PlaceOrderDto,
  ): Promise<PaperOrderDto> {
    return this.orders.place(ws, caller, id, body);
  }

  @Delete(':accountId/orders/:orderId')
  @ApiOkResponse({ type: PaperOrderDto })
  cancelOrder(
    @CurrentUser() caller: AuthenticatedUser,
    @Param('workspaceId', uuid) ws: string,
    @Param('accountId', uuid) id: string,
    @Param('orderId', uuid) orderId: string,
  ): Promise<PaperOrderDto> {
    return this.orders.cancel(ws, caller, id, orderId);
  }
}
