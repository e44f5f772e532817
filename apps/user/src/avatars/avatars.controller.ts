import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthenticatedUser } from '@wealist/auth-guard';
import { MeDto } from '../users/dto/me.dto';
import { UsersService } from '../users/users.service';
import { AvatarsService } from './avatars.service';
import { AvatarCompleteDto, AvatarUploadDto, AvatarUploadRequestDto, AvatarUrlDto } from './dto/avatar.dto';

@ApiTags('avatars')
@Controller('api/users')
export class AvatarsController {
  constructor(
    private readonly avatars: AvatarsService,
    private readonly users: UsersService,
  ) {}

  @Post('me/avatar')
  @ApiCreatedResponse({ type: AvatarUploadDto, description: 'a presigned POST for the new image' })
  async request(@CurrentUser() caller: AuthenticatedUser, @Body() body: AvatarUploadRequestDto): Promise<AvatarUploadDto> {
    const post = await this.avatars.requestUpload(caller.id, body.contentType, body.size);
    return { key: post.key, url: post.url, fields: post.fields, expiresAt: post.expiresAt.toISOString() };
  }

  @Post('me/avatar/complete')
  @HttpCode(200)
  @ApiOkResponse({ type: MeDto })
  async complete(@CurrentUser() caller: AuthenticatedUser, @Body() body: AvatarCompleteDto): Promise<MeDto> {
    await this.avatars.complete(caller.id, body.key);
    return MeDto.from(await this.users.get(caller.id));
  }

  @Get('me/avatar')
  @ApiOkResponse({ type: AvatarUrlDto })
  async mine(@CurrentUser() caller: AuthenticatedUser): Promise<AvatarUrlDto> {
    const link = await this.avatars.url(caller.id, caller.id);
    return { url: link.url, expiresAt: link.expiresAt.toISOString() };
  }

  @Delete('me/avatar')
  @HttpCode(204)
  @ApiNoContentResponse()
  async remove(@CurrentUser() caller: AuthenticatedUser): Promise<void> {
    await this.avatars.remove(caller.id);
  }

  @Get(':userId/avatar')
  @ApiOkResponse({ type: AvatarUrlDto, description: 'for users who share a workspace with them; 404 otherwise' })
  async theirs(@CurrentUser() caller: AuthenticatedUser, @Param('userId', new ParseUUIDPipe({ version: '4' })) userId: string): Promise<AvatarUrlDto> {
    const link = await this.avatars.url(caller.id, userId);
    return { url: link.url, expiresAt: link.expiresAt.toISOString() };
  }
}
