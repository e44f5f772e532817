import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiFoundResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Public } from '@wealist/auth-guard';
import type { FastifyReply } from 'fastify';
import { TokenPairDto } from '../auth/dto/auth.dto';
import { OidcService } from './oidc.service';

@ApiTags('oidc')
@Public()
@Controller('api/auth/oidc')
export class OidcController {
  constructor(private readonly oidc: OidcService) {}

  @Get('providers')
  @ApiOkResponse({ schema: { type: 'object', properties: { providers: { type: 'array', items: { type: 'string' } } } } })
  providers(): { providers: string[] } {
    return { providers: this.oidc.providers() };
  }

  @Get(':provider/login')
  @ApiFoundResponse({ description: "redirect to the provider's authorization endpoint" })
  async login(@Param('provider') provider: string, @Res() reply: FastifyReply): Promise<void> {
    const url = await this.oidc.start(provider);
    await reply.header('cache-control', 'no-store').redirect(url, 302);
  }

  @Get(':provider/callback')
  @ApiQuery({ name: 'code', required: false })
  @ApiQuery({ name: 'state', required: false })
  @ApiQuery({ name: 'error', required: false })
  @ApiOkResponse({ type: TokenPairDto })
  callback(
    @Param('provider') provider: string,
    @Query('code') code?: string,
    @Query('state') state?: string,
    @Query('error') error?: string,
  ): Promise<TokenPairDto> {
    return this.oidc.finish(provider, { code, state, error });
  }
}
