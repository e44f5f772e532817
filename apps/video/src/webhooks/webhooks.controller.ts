import { Body, Controller, Headers, HttpCode, Post, UnsupportedMediaTypeException } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import { Public } from '@wealist/auth-guard';
import { WebhooksService } from './webhooks.service';

/** LiveKit posts its events with this type; the body stays a string for the signature check. */
export const WEBHOOK_CONTENT_TYPE = 'application/webhook+json';

/** LiveKit's webhooks: authenticated by LiveKit's signature (not a user token), hence public. */
@Controller('api/video/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Public()
  @Post('livekit')
  @HttpCode(200)
  @ApiExcludeEndpoint()
  async receive(@Body() body: unknown, @Headers('authorization') authorization?: string): Promise<{ status: string }> {
    if (typeof body !== 'string') throw new UnsupportedMediaTypeException(`Webhooks must be sent as ${WEBHOOK_CONTENT_TYPE}`);
    return { status: await this.webhooks.receive(body, authorization) };
  }
}
