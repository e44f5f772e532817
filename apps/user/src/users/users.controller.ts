import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthenticatedUser } from '@wealist/auth-guard';
import { MeDto } from './dto/me.dto';
import { UpdateMeDto } from './dto/update-me.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('api/users/me')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOkResponse({ type: MeDto })
  async me(@CurrentUser() caller: AuthenticatedUser): Promise<MeDto> {
    return MeDto.from(await this.users.get(caller.id));
  }

  @Patch()
  @ApiOkResponse({ type: MeDto })
  async update(@CurrentUser() caller: AuthenticatedUser, @Body() body: UpdateMeDto): Promise<MeDto> {
    const user = body.name === undefined ? await this.users.get(caller.id) : await this.users.rename(caller.id, body.name);
    return MeDto.from(user);
  }
}
