import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthenticatedUser } from '@wealist/auth-guard';
import { CreateFolderDto, FolderDto, FolderWithPathDto, MoveFolderDto, RenameDto } from './dto/folder.dto';
import { FoldersService } from './folders.service';

const uuid = new ParseUUIDPipe({ version: '4' });

@ApiTags('folders')
@Controller('api/storage/workspaces/:workspaceId/folders')
export class FoldersController {
  constructor(private readonly folders: FoldersService) {}

  @Post()
  @ApiCreatedResponse({ type: FolderDto })
  async create(@CurrentUser() caller: AuthenticatedUser, @Param('workspaceId', uuid) ws: string, @Body() body: CreateFolderDto): Promise<FolderDto> {
    return FolderDto.from(await this.folders.create(ws, caller, body.name, body.parentId ?? null));
  }

  @Get(':folderId')
  @ApiOkResponse({ type: FolderWithPathDto })
  async get(@CurrentUser() caller: AuthenticatedUser, @Param('workspaceId', uuid) ws: string, @Param('folderId', uuid) id: string): Promise<FolderWithPathDto> {
    const folder = await this.folders.get(ws, caller, id);
    return { ...FolderDto.from(folder), path: folder.path };
  }

  @Patch(':folderId')
  @ApiOkResponse({ type: FolderDto })
  async rename(
    @CurrentUser() caller: AuthenticatedUser,
    @Param('workspaceId', uuid) ws: string,
    @Param('folderId', uuid) id: string,
    @Body() body: RenameDto,
  ): Promise<FolderDto> {
    return FolderDto.from(await this.folders.rename(ws, caller, id, body.name));
  }

  @Post(':folderId/move')
  @HttpCode(200)
  @ApiOkResponse({ type: FolderDto })
  async move(
    @CurrentUser() caller: AuthenticatedUser,
    @Param('workspaceId', uuid) ws: string,
    @Param('folderId', uuid) id: string,
    @Body() body: MoveFolderDto,
  ): Promise<FolderDto> {
    return FolderDto.from(await this.folders.move(ws, caller, id, body.parentId));
  }
}
