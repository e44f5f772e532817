import { Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthenticatedUser } from '@wealist/auth-guard';
import { PageQueryDto } from '../common/page.query';
import { toPageDto } from '../drive/drive.controller';
import { EntryPageDto } from '../drive/dto/entry.dto';
import { FileDto } from '../files/dto/file.dto';
import { FolderDto } from '../folders/dto/folder.dto';
import { TrashService } from './trash.service';

const uuid = new ParseUUIDPipe({ version: '4' });

/** DELETE moves to the trash; DELETE .../trash deletes permanently (only what is in the trash). */
@ApiTags('trash')
@Controller('api/storage/workspaces/:workspaceId')
export class TrashController {
  constructor(private readonly trash: TrashService) {}

  @Delete('folders/:id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'the folder and everything in it are in the trash' })
  async trashFolder(@CurrentUser() caller: AuthenticatedUser, @Param('workspaceId', uuid) ws: string, @Param('id', uuid) id: string): Promise<void> {
    await this.trash.trashItem(ws, caller, 'folder', id);
  }

  @Delete('files/:id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'the file is in the trash' })
  async trashFile(@CurrentUser() caller: AuthenticatedUser, @Param('workspaceId', uuid) ws: string, @Param('id', uuid) id: string): Promise<void> {
    await this.trash.trashItem(ws, caller, 'file', id);
  }

  @Post('folders/:id/restore')
  @HttpCode(200)
  @ApiOkResponse({ type: FolderDto })
  async restoreFolder(@CurrentUser() caller: AuthenticatedUser, @Param('workspaceId', uuid) ws: string, @Param('id', uuid) id: string): Promise<FolderDto> {
    return FolderDto.from(await this.trash.restoreFolder(ws, caller, id));
  }

  @Post('files/:id/restore')
  @HttpCode(200)
  @ApiOkResponse({ type: FileDto })
  async restoreFile(@CurrentUser() caller: AuthenticatedUser, @Param('workspaceId', uuid) ws: string, @Param('id', uuid) id: string): Promise<FileDto> {
    return FileDto.from(await this.trash.restoreFile(ws, caller, id));
  }

  @Delete('folders/:id/trash')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'the folder, its subfolders and files are deleted, objects removed' })
  async purgeFolder(@CurrentUser() caller: AuthenticatedUser, @Param('workspaceId', uuid) ws: string, @Param('id', uuid) id: string): Promise<void> {
    await this.trash.purge(ws, caller, 'folder', id);
  }

  @Delete('files/:id/trash')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'the file is deleted and its object removed' })
  async purgeFile(@CurrentUser() caller: AuthenticatedUser, @Param('workspaceId', uuid) ws: string, @Param('id', uuid) id: string): Promise<void> {
    await this.trash.purge(ws, caller, 'file', id);
  }

  @Get('trash')
  @ApiOkResponse({ type: EntryPageDto, description: 'what was put in the trash (items inside trashed folders come back with them)' })
  async list(@CurrentUser() caller: AuthenticatedUser, @Param('workspaceId', uuid) ws: string, @Query() query: PageQueryDto): Promise<EntryPageDto> {
    return toPageDto(await this.trash.list(ws, caller, query));
  }

  @Delete('trash')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'owners and admins: everything in the trash is deleted permanently' })
  async empty(@CurrentUser() caller: AuthenticatedUser, @Param('workspaceId', uuid) ws: string): Promise<void> {
    await this.trash.empty(ws, caller);
  }
}
