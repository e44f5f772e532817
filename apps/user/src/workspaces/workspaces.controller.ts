import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthenticatedUser } from '@wealist/auth-guard';
import { AddMemberDto, CreateWorkspaceDto, MemberDto, UpdateMemberDto, WorkspaceDto } from './dto/workspace.dto';
import { WorkspacesService } from './workspaces.service';

const uuid = new ParseUUIDPipe({ version: '4' });

@ApiTags('workspaces')
@Controller('api/users/workspaces')
export class WorkspacesController {
  constructor(private readonly workspaces: WorkspacesService) {}

  @Post()
  @ApiCreatedResponse({ type: WorkspaceDto })
  async create(@CurrentUser() caller: AuthenticatedUser, @Body() body: CreateWorkspaceDto): Promise<WorkspaceDto> {
    return WorkspaceDto.from(await this.workspaces.create(body.name, caller.id));
  }

  @Get()
  @ApiOkResponse({ type: [WorkspaceDto] })
  async list(@CurrentUser() caller: AuthenticatedUser): Promise<WorkspaceDto[]> {
    return (await this.workspaces.list(caller.id)).map(WorkspaceDto.from);
  }

  @Get(':id')
  @ApiOkResponse({ type: WorkspaceDto })
  async get(@CurrentUser() caller: AuthenticatedUser, @Param('id', uuid) id: string): Promise<WorkspaceDto> {
    return WorkspaceDto.from(await this.workspaces.get(id, caller.id));
  }

  @Get(':id/members')
  @ApiOkResponse({ type: [MemberDto] })
  async members(@CurrentUser() caller: AuthenticatedUser, @Param('id', uuid) id: string): Promise<MemberDto[]> {
    return (await this.workspaces.members(id, caller.id)).map(MemberDto.from);
  }

  @Post(':id/members')
  @ApiCreatedResponse({ type: MemberDto })
  async addMember(
    @CurrentUser() caller: AuthenticatedUser,
    @Param('id', uuid) id: string,
    @Body() body: AddMemberDto,
  ): Promise<MemberDto> {
    return MemberDto.from(await this.workspaces.addMember(id, caller.id, body.email, body.role));
  }

  @Patch(':id/members/:userId')
  @ApiOkResponse({ type: MemberDto })
  async updateMember(
    @CurrentUser() caller: AuthenticatedUser,
    @Param('id', uuid) id: string,
    @Param('userId', uuid) userId: string,
    @Body() body: UpdateMemberDto,
  ): Promise<MemberDto> {
    return MemberDto.from(await this.workspaces.updateMember(id, caller.id, userId, body.role));
  }

  @Delete(':id/members/:userId')
  @HttpCode(204)
  @ApiNoContentResponse()
  async removeMember(
    @CurrentUser() caller: AuthenticatedUser,
    @Param('id', uuid) id: string,
    @Param('userId', uuid) userId: string,
  ): Promise<void> {
    await this.workspaces.removeMember(id, caller.id, userId);
  }
}
