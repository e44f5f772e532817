import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthenticatedUser } from '@wealist/auth-guard';
import { CreatedWebhookDto, CreateWebhookDto, DeliveryDto, WebhookDto } from './dto/webhook.dto';
import { WebhooksService } from './webhooks.service';

const uuid = new ParseUUIDPipe({ version: '4' });

@ApiTags('webhooks')
@Controller('api/notifications/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @ApiCreatedResponse({ type: CreatedWebhookDto })
  async create(@CurrentUser() caller: AuthenticatedUser, @Body() body: CreateWebhookDto): Promise<CreatedWebhookDto> {
    const endpoint = await this.webhooks.create(caller.id, body.url, body.secret, body.eventTypes);
    return { ...WebhookDto.from(endpoint), secret: endpoint.secret };
  }

  @Get()
  @ApiOkResponse({ type: [WebhookDto] })
  async list(@CurrentUser() caller: AuthenticatedUser): Promise<WebhookDto[]> {
    return (await this.webhooks.list(caller.id)).map(WebhookDto.from);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  async remove(@CurrentUser() caller: AuthenticatedUser, @Param('id', uuid) id: string): Promise<void> {
    await this.webhooks.remove(caller.id, id);
  }

  @Get(':id/deliveries')
  @ApiOkResponse({ type: [DeliveryDto], description: 'the delivery log: every delivery with each attempt' })
  async deliveries(@CurrentUser() caller: AuthenticatedUser, @Param('id', uuid) id: string): Promise<DeliveryDto[]> {
    return (await this.webhooks.deliveries(caller.id, id)).map(DeliveryDto.from);
  }
}
